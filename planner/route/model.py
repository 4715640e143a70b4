"""Allocation → the routing data (`data.py`): who is to be visited, by which team-days, when.

The builder also decides, before any search, which visits no team-day can make at all, and says
why with a reason code (`explain`); and it keeps the car pool by choosing who stays home
(`pool`). Times are minutes of each vehicle's own day (see `data`).

Penalties, in minutes-equivalent (the arc cost is driving minutes):

- a "may" visit costs `MAY_PENALTY + PRIORITY_STEP × priority` when dropped: a team drives up to
  about 17 hours out of its way rather than skip one, so every may-visit that fits is made, and
  when time runs short the higher priorities are kept first;
- a "must" visit costs that plus more than every may-visit and every minute of driving of the
  whole campaign together (`_must_base`), so one is dropped only when no plan the search finds
  can make it, and a must-visit is never traded for any number of may-visits;
- when re-planning, a call made by another team-day than its `previous` one costs
  `data.CHANGE_PENALTY`: a team drives up to 4 hours more rather than move a visit a leader already
  has in the calendar, yet moving one is still cheaper than dropping any visit, so a visit moves
  to make room for one whose day was cancelled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from operator import itemgetter

from planner.allocation import Allocation
from planner.cases import Case
from planner.route import lunch
from planner.route.data import Call, Lunch, RoutingData, Unservable, Vehicle, Window
from planner.route.errors import RoutingError
from planner.route.explain import Binding, unservable_reason
from planner.route.pool import keep_to_the_pool
from planner.scenario import FairLoads, Household, LunchBreak, Scenario, Team, TeamDay, Travel
from planner.travel.matrix import travel_between

MAY_PENALTY = 1000
PRIORITY_STEP = 200


def build(allocation: Allocation) -> RoutingData:
    """The routing data of an allocation: every funded household whose case wants a visit."""
    scenario = allocation.cases.scenario
    wishes = _wishes(allocation)
    depots = list(dict.fromkeys(team.depot for team in scenario.teams))
    places = tuple(dict.fromkeys([*depots, *(household.place for _, household in wishes)]))
    travel = _travel(scenario, places)
    index = {place: i for i, place in enumerate(places)}
    vehicles = tuple(
        _vehicle(team, day, index[team.depot], scenario.fair_loads)
        for team in scenario.teams
        for day in sorted(team.days, key=lambda day: day.date)
    )
    must_base = _must_base(wishes, vehicles)
    reach = _Reach(vehicles)
    calls, unservable = [], []
    for case, household in wishes:
        service = scenario.visits.service_minutes
        call = _call(case, household, index[household.place], service, must_base)
        able, binding = reach.able(case, household, call, travel)
        if binding is None:
            calls.append(replace(call, vehicles=able))
        else:
            reason = unservable_reason(binding, case, household)
            unservable.append(Unservable(household.id, must=call.must, reason=reason))
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


def _travel(scenario: Scenario, places: tuple[str, ...]) -> tuple[tuple[int, ...], ...]:
    """The driving minutes among `places`, picked from the scenario's matrix as tuples.

    A province's 4,949 places are 24 million minutes: picking rows as lists and making them
    tuples took over a second, so the rows are picked straight into tuples (in C, by
    `itemgetter`), and the matrix is taken as it is when its places are these, in this order.
    """
    known = scenario.travel_minutes
    if known is None or len(places) < 2 or not known.covers(places):
        return tuple(tuple(row) for row in travel_between(scenario, places))
    if known.places == places:
        return known.minutes
    index = {place: i for i, place in enumerate(known.places)}
    rows = [index[place] for place in places]
    pick = itemgetter(*rows)
    return tuple(pick(known.minutes[i]) for i in rows)


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


def _vehicle(team: Team, day: TeamDay, depot: int, weights: FairLoads) -> Vehicle:
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
        level_loads=True,
        road_weight=weights.road_weight,
        visits_weight=weights.visits_weight,
        min_days=team.min_days,
        min_visits=team.min_visits,
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
    wish: LunchBreak = day.lunch
    earliest, latest = _minute(wish.earliest), _minute(wish.latest)
    if latest - earliest < wish.minutes:
        raise RoutingError(
            f"team {team.id} on {day.date}: a {wish.minutes}-minute lunch does not fit between "
            f"{wish.earliest:%H:%M} and {wish.latest:%H:%M}"
        )
    return Lunch(earliest=earliest, latest=latest, minutes=wish.minutes)


def _window(household: Household) -> Window | None:
    """Arrival times of the household's window; its date, if any, is checked per vehicle."""
    if household.window_start is None and household.window_end is None:
        return None
    first = household.window_start or dt.time(0, 0)
    last = household.window_end or dt.time(23, 59)
    return _minute(first), _minute(last)


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
    """An allowed arrival lets the team get there, visit and be back within its hours, lunch
    included (`lunch.fits`)."""
    return lunch.fits(
        vehicle, call, travel[vehicle.depot][call.place], travel[call.place][vehicle.depot]
    )


def _short_enough(
    vehicle: Vehicle, case: Case, household: Household, call: Call, travel: Sequence[Sequence[int]]
) -> bool:
    """The round trip with the visit fits the team's working minutes."""
    if vehicle.max_minutes is None:
        return True
    trip = travel[vehicle.depot][call.place] + call.service + travel[call.place][vehicle.depot]
    return trip <= vehicle.max_minutes


_KIND_RULES: tuple[tuple[Binding, Rule], ...] = (
    ("tier", _right_tier),
    ("district", _own_district),
    ("date", _right_date),
)
"""The rules that read of a vehicle only its `_kind` and of a call only its case and household
(tier, district, window date): `_Reach` applies them once per kind and such a call."""
_SHAPE_RULES: tuple[tuple[Binding, Rule], ...] = (
    ("hours", _reachable),
    ("minutes", _short_enough),
)
"""The rules that read of a vehicle only its `_shape`: applied once per shape and call."""


def _kind(vehicle: Vehicle) -> tuple[str, str | None, dt.date]:
    return vehicle.tier, vehicle.district, vehicle.date


def _shape(vehicle: Vehicle) -> tuple[int, int, int, Lunch | None, int | None]:
    return vehicle.depot, vehicle.start, vehicle.end, vehicle.lunch, vehicle.max_minutes


_Shapes = list[list[int]]
"""Vehicle indices grouped by `_shape`, each group ascending, first vehicles ascending."""


class _Reach:
    """Which vehicles can make a call, with each rule applied to kinds of vehicles, not to each.

    A province has 1,500 team-days and 20,000 calls: rule by rule over every pair took 20 s.
    Vehicles alike in what a rule reads answer it alike, so the rules are applied from the most
    to the least fundamental as before (`_KIND_RULES`, then `_SHAPE_RULES`), each to one vehicle
    of each group still in the running, and the answer is the same vehicles in the same order.
    """

    def __init__(self, vehicles: Sequence[Vehicle]) -> None:
        self._vehicles = vehicles
        self._kinds: dict[tuple[str, str | None, dt.date], list[int]] = {}
        for v, vehicle in enumerate(vehicles):
            self._kinds.setdefault(_kind(vehicle), []).append(v)
        self._shapes: dict[tuple[str, str, dt.date | None], _Shapes | Binding] = {}
        self._able: dict[tuple[str, str, dt.date | None, tuple[int, ...]], tuple[int, ...]] = {}
        """The vehicles of the shapes a call keeps, by its kind key and those shapes' indices:
        most calls keep the same shapes, and sorting 200 team-days for each of 20,000 calls
        took a second."""

    def able(
        self, case: Case, household: Household, call: Call, travel: Sequence[Sequence[int]]
    ) -> tuple[tuple[int, ...], Binding | None]:
        """The vehicles that can make the call, or none and the first rule that rules out the
        last (a missing tier before a too-short day: the rule an office would fix first)."""
        if not self._vehicles:
            return (), "no_days"
        shapes = self._by_shape(case, household, call, travel)
        if isinstance(shapes, str):
            return (), shapes
        kept: Sequence[int] = range(len(shapes))
        for binding, keeps in _SHAPE_RULES:
            kept = [
                s
                for s in kept
                if keeps(self._vehicles[shapes[s][0]], case, household, call, travel)
            ]
            if not kept:
                return (), binding
        key = (case.tier, case.district, household.window_date, tuple(kept))
        if key not in self._able:
            self._able[key] = tuple(sorted(v for s in kept for v in shapes[s]))
        return self._able[key], None

    def _by_shape(
        self, case: Case, household: Household, call: Call, travel: Sequence[Sequence[int]]
    ) -> _Shapes | Binding:
        """The vehicles of the kinds the case and household allow, grouped by shape, or the
        rule that allows none; kept per case tier, district and window date."""
        key = (case.tier, case.district, household.window_date)
        if key not in self._shapes:
            kinds = list(self._kinds.values())
            for binding, keeps in _KIND_RULES:
                kinds = [
                    k for k in kinds if keeps(self._vehicles[k[0]], case, household, call, travel)
                ]
                if not kinds:
                    self._shapes[key] = binding
                    break
            else:
                shapes: dict[tuple[int, int, int, Lunch | None, int | None], list[int]] = {}
                for v in sorted(v for members in kinds for v in members):
                    shapes.setdefault(_shape(self._vehicles[v]), []).append(v)
                self._shapes[key] = list(shapes.values())
        return self._shapes[key]


def _may_penalty(case: Case) -> int:
    return MAY_PENALTY + PRIORITY_STEP * case.priority


def _must_base(wishes: Sequence[tuple[Case, Household]], vehicles: Sequence[Vehicle]) -> int:
    """More than all may-penalties plus all driving a campaign can do (no day drives longer)."""
    mays = sum(_may_penalty(case) for case, _ in wishes if case.visit == "may")
    days = sum(vehicle.end - vehicle.start for vehicle in vehicles)
    return mays + days + 1
