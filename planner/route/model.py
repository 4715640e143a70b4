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
  can make it, and a must-visit is never traded for any number of may-visits;
- when re-planning, a call made by another team-day than its `previous` one costs
  `CHANGE_PENALTY`: a team drives up to 4 hours more rather than move a visit a leader already
  has in the calendar, yet moving one is still cheaper than dropping any visit, so a visit moves
  to make room for one whose day was cancelled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from planner.allocation import Allocation
from planner.cases import Case
from planner.plan import DroppedVisit
from planner.route.errors import RoutingError
from planner.route.explain import Binding, unservable_reason
from planner.route.pool import keep_to_the_pool
from planner.scenario import TZ, Household, LunchBreak, Team, TeamDay, Travel
from planner.travel.matrix import travel_between

MAY_PENALTY = 1000
PRIORITY_STEP = 200
CHANGE_PENALTY = 240

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
    max_minutes: int | None
    """Most minutes from leaving the depot to coming back; `None`: the day's hours only."""
    district: str | None
    """The only district whose households the team visits; `None`: any."""
    capacity: int | None = None
    """Most total `Call.demand` the vehicle carries (parcels, gift boxes); `None`: no limit."""

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
    demand: int = 0
    """What the visit takes out of the vehicle's `capacity` (0 for a campaign's plain visits)."""
    home: tuple[int, ...] = ()
    """Vehicles that could make the visit but stay at the depot for want of a car (`pool`)."""
    previous: int | None = None
    """Re-planning: the vehicle that made the visit in the plan being revised, when it can make
    it again; any other costs `CHANGE_PENALTY`. `None`: no earlier plan, or its day is gone."""
    visits: int = 1
    """How many households' visits the call stands for: more than one only for a bundle of
    households at one place that the search moves as one stop (`bundle`)."""


@dataclass(frozen=True)
class RoutingData:
    """Everything the solver needs, as plain values; `unservable`: wishes no vehicle can make."""

    places: tuple[str, ...]
    travel: tuple[tuple[int, ...], ...]
    """Driving minutes between `places`: `travel[i][j]` from place i to place j."""
    vehicles: tuple[Vehicle, ...]
    calls: tuple[Call, ...]
    unservable: tuple[DroppedVisit, ...]
    cars: dict[dt.date, int] = field(default_factory=dict)
    """轻车简从: the most vehicles out on a date (the shared car pool); a date not listed has
    no cap. `build` keeps it by sending the least needed team-days home (`pool`)."""
    coords: tuple[tuple[float, float], ...] = ()
    """x, y of each of `places`, for splitting a campaign by area; empty when unknown."""


def build(allocation: Allocation) -> RoutingData:
    """The routing data of an allocation: every funded household whose case wants a visit."""
    scenario = allocation.cases.scenario
    wishes = _wishes(allocation)
    depots = list(dict.fromkeys(team.depot for team in scenario.teams))
    places = tuple(dict.fromkeys([*depots, *(household.place for _, household in wishes)]))
    travel = tuple(tuple(row) for row in travel_between(scenario, places))
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
        able, binding = _able_vehicles(vehicles, case, household, call, travel)
        if binding is None:
            calls.append(replace(call, vehicles=able))
        else:
            reason = unservable_reason(binding, case, household)
            drop = DroppedVisit(household_id=household.id, must=call.must, reason=reason)
            unservable.append(drop)
    where = {place.id: (place.x, place.y) for place in scenario.places}
    data = RoutingData(
        places=places,
        travel=travel,
        vehicles=vehicles,
        calls=tuple(calls),
        unservable=tuple(unservable),
        cars=_cars(scenario.travel, vehicles),
        coords=tuple(where[place] for place in places),
    )
    return keep_to_the_pool(data)


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
        max_minutes=team.max_minutes_per_day,
        district=team.district,
    )


def _cars(travel: Travel, vehicles: Sequence[Vehicle]) -> dict[dt.date, int]:
    """The car pool on each date some team is out, when the scenario has one."""
    pool = travel.vehicles_per_day
    return {} if pool is None else dict.fromkeys(sorted({v.date for v in vehicles}), pool)


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


def _able_vehicles(
    vehicles: Sequence[Vehicle],
    case: Case,
    household: Household,
    call: Call,
    travel: Sequence[Sequence[int]],
) -> tuple[tuple[int, ...], Binding | None]:
    """The vehicles that can make the call, or none and the first rule that rules out the last.

    The rules are applied from the most to the least fundamental, so that the rule named is the
    one an office would fix first (a missing tier before a too-short day).
    """
    if not vehicles:
        return (), "no_days"
    able = list(range(len(vehicles)))
    for binding, keeps in _RULES:
        able = [v for v in able if keeps(vehicles[v], case, household, call, travel)]
        if not able:
            return (), binding
    return tuple(able), None


Rule = Callable[[Vehicle, Case, Household, Call, Sequence[Sequence[int]]], bool]


def _right_tier(vehicle: Vehicle, case: Case, *_: object) -> bool:
    return not case.tier or vehicle.tier == case.tier


def _own_district(vehicle: Vehicle, case: Case, *_: object) -> bool:
    return vehicle.district is None or vehicle.district == case.district


def _right_date(vehicle: Vehicle, case: Case, household: Household, *_: object) -> bool:
    return household.window_date is None or household.window_date == vehicle.date


def _reachable(
    vehicle: Vehicle, case: Case, household: Household, call: Call, travel: Sequence[Sequence[int]]
) -> bool:
    """An allowed arrival lets the team drive there, visit and be back within its hours, with its
    whole lunch break before leaving, on the drive out or home (which it lengthens), or after
    coming back: the four places the break can go on a trip of one visit."""
    out, back = travel[vehicle.depot][call.place], travel[call.place][vehicle.depot]
    trip = call.service + back
    first, last = call.window or (0, 24 * 60)
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


def _short_enough(
    vehicle: Vehicle, case: Case, household: Household, call: Call, travel: Sequence[Sequence[int]]
) -> bool:
    """The round trip with the visit fits the team's working minutes."""
    if vehicle.max_minutes is None:
        return True
    trip = travel[vehicle.depot][call.place] + call.service + travel[call.place][vehicle.depot]
    return trip <= vehicle.max_minutes


_RULES: tuple[tuple[Binding, Rule], ...] = (
    ("tier", _right_tier),
    ("district", _own_district),
    ("date", _right_date),
    ("hours", _reachable),
    ("minutes", _short_enough),
)


def _may_penalty(case: Case) -> int:
    return MAY_PENALTY + PRIORITY_STEP * case.priority


def _must_base(wishes: Sequence[tuple[Case, Household]], vehicles: Sequence[Vehicle]) -> int:
    """More than all may-penalties plus all driving a campaign can do (no day drives longer)."""
    mays = sum(_may_penalty(case) for case, _ in wishes if case.visit == "may")
    days = sum(vehicle.end - vehicle.start for vehicle in vehicles)
    return mays + days + 1
