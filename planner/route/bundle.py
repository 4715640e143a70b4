"""Households in one village, alike in every rule, go to the search as one stop.

Several households often live in one village. As separate calls they sit zero minutes apart, and
the search's moves, which shift one call at a time, find nothing to gain in moving one of them
to the route that makes the others: the village is still on the first route's way until its last
household leaves. Local search then stalls with villages split over several team-days. A bundle
of them moves as one: measured on a 500-visit campaign of 50 team-days (`bench/scale.py
--compare pyvrp`, 30 s), bundles cut the road minutes from 1.24× PyVRP's to
1.03–1.04×, and on 200 visits from 1.04× to 1.01× (bench/README.md).

Only households that no rule tells apart share a bundle: the same place, the same vehicles able
to make the visit, no window of their own (the later ones would arrive later in it), the same
previous team-day and pool; priorities and must may differ. A bundle's penalty is its members'
sum, as are its service and demand, and `Call.visits` counts them for the daily visit cap.
`unbundle` turns the search's answer back into one stop per household, back to back in the
bundle's time.

Bundles are made only when everyone looks likely to fit (`everyone_fits`). When not, who is
left out is the plan's first question, and single calls answer it best: on the county-union
example (315 visits for 210 places, 20 s) bundles of one priority drove 4% more than single
calls, and bundles of mixed priorities left out higher priorities than single calls did.

A bundle the search leaves out may have had room for some of its households: `solve` then
gives those households a second chance one by one, on the team-days able to make them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from planner.route import decompose, search
from planner.route.data import Call, RoutingData, Vehicle
from planner.route.errors import RoutingError
from planner.route.part import Part, routes_of
from planner.route.search import Progress, Routes
from planner.route.settings import Settings
from planner.route.solution import Solution, Stop, Tour

MOST = 8
"""Households a bundle holds at most. Measured at 30 s on `bench/campaigns.py` campaigns, eight
did better than four on all five tried (500 visits, three seeds without rules and two with
every rule: 0-5% shorter), since a village of five to eight households stays one stop."""

FIT_SHARE = 0.6
"""Share of the team-days' working minutes that visits may take for everyone to look likely to
fit (the rest is for the drives)."""
SECOND_SHARE = 0.05
"""Share of the time limit kept for the second chance of a dropped bundle's households."""
MIN_SECOND_SECONDS = 1.0


@dataclass(frozen=True)
class Bundled:
    """Routing data whose calls are bundles, and each bundle's calls in the original data."""

    data: RoutingData
    members: tuple[tuple[int, ...], ...]

    def routes(self, routes: Routes) -> list[list[int]]:
        """Routes of the original calls as routes of their bundles, each bundle once."""
        bundle_of = {k: b for b, members in enumerate(self.members) for k in members}
        return [list(dict.fromkeys(bundle_of[k] for k in calls)) for calls in routes]


def solve(
    data: RoutingData,
    settings: Settings,
    *,
    progress: Progress | None = None,
    start: Routes | None = None,
) -> Solution:
    """Route `data` with alike households bundled (`decompose.solve`), one stop per household.

    When nothing is bundled the search gets the whole time limit; otherwise `SECOND_SHARE` of
    it is kept for the second chance, used only when a bundle was left out.
    """
    deadline = time.monotonic() + settings.time_limit
    bundled = bundle(data)
    joined = len(bundled.members) < len(data.calls)
    settings = replace(settings, time_limit=max(0.001, deadline - time.monotonic()))
    if joined and progress is not None:
        progress(
            f"route: {len(data.calls)} visits as {len(bundled.members)} stops "
            f"(households alike in one village visited together)"
        )
    found = decompose.solve(
        bundled.data,
        settings.share(1 - SECOND_SHARE) if joined else settings,
        progress=progress,
        start=None if start is None else bundled.routes(start),
    )
    left_out = {k for b in found.dropped if len(bundled.members[b]) > 1 for k in bundled.members[b]}
    opened = unbundle(bundled, data, found)
    if not left_out:
        return opened
    if progress is not None:
        progress(f"route: {len(left_out)} households of bundles left out get a second chance")
    left = replace(settings, time_limit=max(MIN_SECOND_SECONDS, deadline - time.monotonic()))
    return _second_chance(data, opened, frozenset(left_out), left)


def _second_chance(
    data: RoutingData, solution: Solution, loose: frozenset[int], settings: Settings
) -> Solution:
    """`solution` improved on by routing the `loose` households singly, each bundle that was
    made kept whole, on every team-day able to make one of them (starting from its routes)."""
    again = bundle(data, loose)
    bundle_of = {k: b for b, members in enumerate(again.members) for k in members}
    tours = tuple(replace(tour, stops=_collapsed(tour.stops, bundle_of)) for tour in solution.tours)
    vehicles = sorted({v for k in loose for v in data.calls[k].vehicles})
    on_them = {tour.vehicle: tour for tour in tours if tour.vehicle in set(vehicles)}
    calls = sorted(
        {bundle_of[k] for k in loose} | {s.call for t in on_them.values() for s in t.stops}
    )
    part = Part("second chance", tuple(vehicles), tuple(calls))
    dropped = tuple(sorted({bundle_of[k] for k in solution.dropped}))
    begin = replace(solution, tours=tours, dropped=dropped)
    before = decompose.part_cost(again.data, begin, part)
    try:
        found = search.solve(part.data(again.data), settings, start=routes_of(part, on_them))
    except RoutingError:  # no plan within the time left: the bundled plan stands
        return solution
    return unbundle(again, data, decompose.with_part(begin, part, part.lift(found), before))


def _collapsed(stops: tuple[Stop, ...], bundle_of: dict[int, int]) -> tuple[Stop, ...]:
    """Stops of single households as stops of `bundle_of`'s bundles: a bundle's households
    are consecutive, and the bundle arrives with the first of them."""
    collapsed: list[Stop] = []
    for stop in stops:
        b = bundle_of[stop.call]
        if not collapsed or collapsed[-1].call != b:
            collapsed.append(Stop(call=b, arrival=stop.arrival))
    return tuple(collapsed)


def bundle(data: RoutingData, loose: frozenset[int] = frozenset(), most: int = MOST) -> Bundled:
    """`data` with interchangeable calls at one place joined, `most` at a time.

    Calls in `loose` stay single (a second chance for households of a dropped bundle), and all
    do when not everyone fits (`everyone_fits`).
    """
    if not everyone_fits(data):
        most = 1
    groups: dict[tuple[object, ...], list[int]] = {}
    for k, call in enumerate(data.calls):
        groups.setdefault(_alike(k, call, loose), []).append(k)
    members = tuple(
        tuple(calls[i : i + most]) for calls in groups.values() for i in range(0, len(calls), most)
    )
    calls = tuple(_joined([data.calls[k] for k in group]) for group in members)
    return Bundled(data=replace(data, calls=calls), members=members)


def unbundle(bundled: Bundled, original: RoutingData, solution: Solution) -> Solution:
    """The bundled search's answer as one stop per household of `original`."""
    tours = tuple(
        replace(tour, stops=tuple(_each_household(bundled, original, tour)))
        for tour in solution.tours
    )
    dropped = tuple(sorted(k for b in solution.dropped for k in bundled.members[b]))
    return replace(solution, tours=tours, dropped=dropped)


def _alike(k: int, call: Call, loose: frozenset[int]) -> tuple[object, ...]:
    """What calls must share to be bundled; a call with a window or in `loose` is alone."""
    if call.window is not None or k in loose:
        return ("alone", k)
    return (call.place, call.vehicles, call.previous, call.home)


def everyone_fits(data: RoutingData) -> bool:
    """Whether the team-days look able to make every call: no more visits than their daily
    caps allow, and visits taking at most `FIT_SHARE` of their working minutes."""
    caps = [vehicle.max_visits for vehicle in data.vehicles]
    visits = sum(call.visits for call in data.calls)
    if all(cap is not None for cap in caps) and visits > sum(cap or 0 for cap in caps):
        return False
    minutes = sum(_working_minutes(vehicle) for vehicle in data.vehicles)
    return sum(call.service for call in data.calls) <= FIT_SHARE * minutes


def _working_minutes(vehicle: Vehicle) -> int:
    day = vehicle.end - vehicle.start - (vehicle.lunch.minutes if vehicle.lunch else 0)
    return day if vehicle.max_minutes is None else min(day, vehicle.max_minutes)


def _joined(calls: list[Call]) -> Call:
    """One call standing for `calls`, which are alike (`_alike`)."""
    return replace(
        calls[0],
        service=sum(call.service for call in calls),
        penalty=sum(call.penalty for call in calls),
        demand=sum(call.demand for call in calls),
        visits=sum(call.visits for call in calls),
    )


def _each_household(bundled: Bundled, original: RoutingData, tour: Tour) -> list[Stop]:
    """A tour's stops, each bundle opened into its households one after the other."""
    stops = []
    for stop in tour.stops:
        arrival = stop.arrival
        for k in bundled.members[stop.call]:
            stops.append(Stop(call=k, arrival=arrival))
            arrival += original.calls[k].service
    return stops
