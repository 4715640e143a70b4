"""The lunch rule, whole: each team day with a lunch takes it, inside its window, never mid-visit.

Everything the routing stage knows about lunch lives here, so that the rule changes in one
place: whether a visit can be made at all with the break (`fits`, used by `model` before the
search), the constraint on the OR-Tools model (`add_breaks`), where the break lies in the
search's answer (`break_start`), and how it lengthens a drive from or to the depot (`stretch`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from ortools.constraint_solver import pywrapcp

from planner.route.data import DAY, Call, RoutingData, Vehicle
from planner.route.solution import Stop, Tour


def fits(vehicle: Vehicle, call: Call, out: int, back: int) -> bool:
    """An allowed arrival lets the team drive there (`out` minutes), visit and be back (`back`)
    within its hours, with its whole lunch break before leaving, on the drive out or home
    (which it lengthens), or after coming back: the four places the break can go on a trip of
    one visit."""
    trip = call.service + back
    first, last = call.window or (0, DAY)
    earliest, latest = max(vehicle.start + out, first), min(vehicle.end - trip, last)
    lunch = vehicle.lunch
    if lunch is None:
        return earliest <= latest
    minutes, start, end = lunch.minutes, lunch.earliest, lunch.latest
    arrivals = (
        (max(earliest, start + minutes + out), latest),
        (earliest, min(latest, end - minutes - trip)),
        (max(earliest, vehicle.start + out + minutes, start + minutes), min(latest, end + out)),
        (
            max(earliest, start - trip),
            min(latest, vehicle.end - trip - minutes, end - minutes - call.service),
        ),
    )
    return any(a <= b for a, b in arrivals)


def add_breaks(
    routing: pywrapcp.RoutingModel,
    time: pywrapcp.RoutingDimension,
    data: RoutingData,
    service: Sequence[int],
) -> dict[int, pywrapcp.IntervalVar]:
    """Hard constraint: each team day with a lunch takes it whole, inside its lunch window.

    The break never overlaps a visit (`service`, per routing index, is the visit transits); it
    may fall on a drive, which then takes that much longer, or before leaving / after returning
    to the depot. Each break interval is added to the assignment so its start can be read back.
    """
    solver = routing.solver()
    lunches = {}
    for v, vehicle in enumerate(data.vehicles):
        lunch = vehicle.lunch
        if lunch is None:
            continue
        interval = solver.FixedDurationIntervalVar(
            lunch.earliest, lunch.latest - lunch.minutes, lunch.minutes, False, f"lunch {v}"
        )
        time.SetBreakIntervalsOfVehicle([interval], v, list(service))
        routing.AddIntervalToAssignment(interval)
        lunches[v] = interval
    return lunches


def break_start(
    assignment: pywrapcp.Assignment,
    interval: pywrapcp.IntervalVar,
    data: RoutingData,
    v: int,
    stops: Sequence[Stop],
) -> int:
    """The start of vehicle `v`'s lunch: the search's own when it fixed one.

    A search started from given routes can end with the break's start still a range (reading
    it as a value then aborts the process). The break then starts as early in that range as a
    leg of the route leaves room for it and the drive: from leaving the depot, a household or
    the last household, to the next arrival or the end of the day.
    """
    earliest, latest = assignment.StartMin(interval), assignment.StartMax(interval)
    if earliest == latest:
        return int(earliest)
    vehicle, calls = data.vehicles[v], [data.calls[stop.call] for stop in stops]
    lunch = vehicle.lunch
    assert lunch is not None
    places = [vehicle.depot, *(call.place for call in calls), vehicle.depot]
    frees = [vehicle.start, *(s.arrival + c.service for s, c in zip(stops, calls, strict=True))]
    untils = [*(stop.arrival for stop in stops), vehicle.end]
    for (a, b), free, until in zip(pairwise(places), frees, untils, strict=True):
        start = max(earliest, free)
        if start <= latest and start + lunch.minutes + data.travel[a][b] <= until:
            return int(start)
    return int(earliest)


def stretch(start: int, end: int, tour: Tour, *, early: bool) -> int:
    """The depot end of a drive from `start` to `end`, moved by the lunch break if it cuts in.

    `early` moves the start earlier (the drive out); otherwise the end moves later (home).
    """
    if tour.lunch is None or not (tour.lunch[0] < end and tour.lunch[1] > start):
        return start if early else end
    minutes = tour.lunch[1] - tour.lunch[0]
    return start - minutes if early else end + minutes
