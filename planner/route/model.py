"""Allocation → plain routing data: who is to be visited, by which team-days, when, how far apart.

Like PyVRP's `ProblemData`, nothing here knows OR-Tools: the data are integers and tuples that a
solver adapter (`search.py`) turns into a model, and that a later decomposition can split by day
or area and send to other processes (solver objects do not pickle).

Time is integer minutes since 00:00 (Asia/Shanghai) of each vehicle's own day, not of the first
campaign day: a vehicle never crosses midnight, so a household's window is then one interval
("14:00-15:00" on any day is [840, 900] for every vehicle) and its date, if any, narrows the
vehicles that may go. On one campaign-wide axis a window on every day would be a domain with
holes, and holes made OR-Tools' first solution 20-40 times slower on 300 visits over 5 days.

Penalties, in minutes-equivalent (the arc cost is driving minutes):

- a "may" visit costs `MAY_PENALTY + PRIORITY_STEP × priority` when dropped: a team drives up to
  about 17 hours out of its way rather than skip one, so every may-visit that fits is made, and
  when time runs short the higher priorities are kept first;
- a "must" visit costs that plus more than every may-visit and every minute of driving of the
  whole campaign together (`_must_base`), so one is dropped only when no plan the search finds
  can make it, and a must-visit is never traded for any number of may-visits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.allocation import Allocation
from planner.cases import Case
from planner.network import RoadNetwork
from planner.plan import DroppedVisit
from planner.route.errors import RoutingError
from planner.route.explain import unservable_reason
from planner.scenario import TZ, Household, LunchBreak, Team, TeamDay

MAY_PENALTY = 1000
PRIORITY_STEP = 200

Window = tuple[int, int]
"""Earliest and latest arrival, both inclusive, in minutes since 00:00 of the visit's day."""


@dataclass(frozen=True)
class Lunch:
    """A break of `minutes` that starts at `earliest` or later and ends by `latest`."""

    earliest: int
    latest: int
    minutes: int


@dataclass(frozen=True)
class Vehicle:
    """One team on one day: leaves its depot at `start` or later, is back by `end`."""

    team_id: str
    tier: str
    date: dt.date
    depot: int
    """Index into `RoutingData.places`."""
    start: int
    end: int
    lunch: Lunch | None
    max_visits: int | None

    def clock(self, minute: int) -> dt.datetime:
        """The aware local datetime of a minute of this vehicle's day."""
        midnight = dt.datetime.combine(self.date, dt.time(0, 0), tzinfo=TZ)
        return midnight + dt.timedelta(minutes=minute)


@dataclass(frozen=True)
class Call:
    """A household to visit: where, how long, how important, when, and which vehicles may go."""

    household_id: str
    place: int
    """Index into `RoutingData.places`."""
    service: int
    must: bool
    penalty: int
    window: Window | None
    """Allowed arrival on whichever day the visit is made; `None` when any time will do."""
    vehicles: tuple[int, ...]
    """Indices of the vehicles that can make this visit: right tier, right date, and the window
    reachable within the day's hours."""


@dataclass(frozen=True)
class RoutingData:
    """Everything the solver needs, as plain values; `unservable`: wishes no vehicle can make."""

    places: tuple[str, ...]
    travel: tuple[tuple[int, ...], ...]
    """Driving minutes between `places`: `travel[i][j]` from place i to place j."""
    vehicles: tuple[Vehicle, ...]
    calls: tuple[Call, ...]
    unservable: tuple[DroppedVisit, ...]


def build(allocation: Allocation) -> RoutingData:
    """The routing data of an allocation: every funded household whose case wants a visit."""
    scenario = allocation.cases.scenario
    wishes = _wishes(allocation)
    depots = list(dict.fromkeys(team.depot for team in scenario.teams))
    places = tuple(dict.fromkeys([*depots, *(household.place for _, household in wishes)]))
    travel = tuple(tuple(row) for row in RoadNetwork.of(scenario).matrix(places))
    index = {place: i for i, place in enumerate(places)}
    vehicles = tuple(
        _vehicle(team, day, index[team.depot])
        for team in scenario.teams
        for day in sorted(team.days, key=lambda day: day.date)
    )
    must_base = _must_base(wishes, vehicles)
    calls, unservable = [], []
    for case, household in wishes:
        service = scenario.visits.service_minutes
        call = _call(case, household, index[household.place], service, must_base)
        able = tuple(
            v
            for v, vehicle in enumerate(vehicles)
            if _can_serve(vehicle, case, household, call, travel)
        )
        if able:
            calls.append(replace(call, vehicles=able))
        else:
            reason = unservable_reason(case, household, vehicles)
            drop = DroppedVisit(household_id=household.id, must=call.must, reason=reason)
            unservable.append(drop)
    return RoutingData(
        places=places,
        travel=travel,
        vehicles=vehicles,
        calls=tuple(calls),
        unservable=tuple(unservable),
    )


def _wishes(allocation: Allocation) -> list[tuple[Case, Household]]:
    """Funded households whose case wants a visit: money first, then a leader at the door."""
    households = {household.id: household for household in allocation.cases.scenario.households}
    cases = {case.household_id: case for case in allocation.cases.cases}
    wishes = []
    for grant in allocation.grants:
        case = cases[grant.household_id]
        if case.visit in ("must", "may"):
            wishes.append((case, households[grant.household_id]))
    return wishes


def _call(case: Case, household: Household, place: int, service: int, must_base: int) -> Call:
    """The call of a household, not yet told which vehicles can make it."""
    must = case.visit == "must"
    return Call(
        household_id=household.id,
        place=place,
        service=service,
        must=must,
        penalty=_may_penalty(case) + (must_base if must else 0),
        window=_window(household),
        vehicles=(),
    )


def _minute(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def _vehicle(team: Team, day: TeamDay, depot: int) -> Vehicle:
    start, end = _minute(day.start), _minute(day.end)
    if end <= start:
        raise RoutingError(f"team {team.id} on {day.date}: the day ends before it starts")
    return Vehicle(
        team_id=team.id,
        tier=team.tier,
        date=day.date,
        depot=depot,
        start=start,
        end=end,
        lunch=_lunch(team, day),
        max_visits=team.max_visits_per_day,
    )


def _lunch(team: Team, day: TeamDay) -> Lunch | None:
    """The lunch window in minutes of the day.

    It is not clipped to working hours: a morning-only day may lunch after coming back, an
    afternoon-only day before leaving (OR-Tools places a break before a vehicle's start or after
    its end as readily as on a drive).
    """
    if day.lunch is None:
        return None
    lunch: LunchBreak = day.lunch
    earliest, latest = _minute(lunch.earliest), _minute(lunch.latest)
    if latest - earliest < lunch.minutes:
        raise RoutingError(
            f"team {team.id} on {day.date}: a {lunch.minutes}-minute lunch does not fit between "
            f"{lunch.earliest:%H:%M} and {lunch.latest:%H:%M}"
        )
    return Lunch(earliest=earliest, latest=latest, minutes=lunch.minutes)


def _window(household: Household) -> Window | None:
    """Arrival times of the household's window; its date, if any, is checked per vehicle."""
    if household.window_start is None and household.window_end is None:
        return None
    first = household.window_start or dt.time(0, 0)
    last = household.window_end or dt.time(23, 59)
    return _minute(first), _minute(last)


def _can_serve(
    vehicle: Vehicle,
    case: Case,
    household: Household,
    call: Call,
    travel: Sequence[Sequence[int]],
) -> bool:
    """Right tier, right date, and an allowed arrival lets the team drive there, visit, return."""
    if case.tier and vehicle.tier != case.tier:
        return False
    if household.window_date is not None and household.window_date != vehicle.date:
        return False
    earliest = vehicle.start + travel[vehicle.depot][call.place]
    latest = vehicle.end - call.service - travel[call.place][vehicle.depot]
    if call.window is not None:
        earliest, latest = max(earliest, call.window[0]), min(latest, call.window[1])
    return earliest <= latest


def _may_penalty(case: Case) -> int:
    return MAY_PENALTY + PRIORITY_STEP * case.priority


def _must_base(wishes: Sequence[tuple[Case, Household]], vehicles: Sequence[Vehicle]) -> int:
    """More than all may-penalties plus all driving a campaign can do (no day drives longer)."""
    mays = sum(_may_penalty(case) for case, _ in wishes if case.visit == "may")
    days = sum(vehicle.end - vehicle.start for vehicle in vehicles)
    return mays + days + 1
