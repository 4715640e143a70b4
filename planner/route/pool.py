"""轻车简从: on no day are more teams out than the office has cars — kept by choosing who stays.

The pool could be a side constraint on OR-Tools' "vehicle is used" variables, but the first
solution heuristics do not see such a constraint: on a 500-visit campaign with lunch breaks,
cheapest insertion opened every team-day, failed the pool at the end, and left every visit out.
So the pool is kept before the search: on a date with fewer cars than team-days that have
something to do, the least needed team-day stays at its depot, one at a time, until the cars
suffice. A team-day is needed by each call it could make, by 1/n when n team-days could make
that call (must-visits weigh `MUST_WEIGHT` times as much), so a team-day that alone can reach a
dated must-visit keeps its car, and teams of a crowded district lose theirs last. The search
then routes only the team-days that go out; which ones stay home is fixed from then on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.route.data import RoutingData, Unservable
from planner.route.explain import no_car_reason

MUST_WEIGHT = 10


def keep_to_the_pool(data: RoutingData) -> RoutingData:
    """The data with the least needed team-days kept home wherever the car pool is short.

    A call whose every possible team-day stays home becomes unservable, naming the pool.
    """
    able = [set(call.vehicles) for call in data.calls]
    home: set[int] = set()
    for date, cars in data.cars.items():
        home |= _stay_home(data, able, date, cars)
    if not home:
        return data
    calls, unservable = [], list(data.unservable)
    for call, left in zip(data.calls, able, strict=True):
        stays = tuple(v for v in call.vehicles if v in home)
        if left:
            calls.append(replace(call, vehicles=tuple(sorted(left)), home=stays))
        else:
            reason = no_car_reason(sorted({data.vehicles[v].date for v in stays}), data.cars)
            unservable.append(Unservable(call.household_id, must=call.must, reason=reason))
    return replace(data, calls=tuple(calls), unservable=tuple(unservable))


def _stay_home(data: RoutingData, able: list[set[int]], date: dt.date, cars: int) -> set[int]:
    """The team-days of `date` that stay home; `able` loses them as they are chosen."""
    serves: dict[int, list[int]] = {}
    for k, vehicles in enumerate(able):
        for v in vehicles:
            if data.vehicles[v].date == date:
                serves.setdefault(v, []).append(k)
    home = set()
    weight = [MUST_WEIGHT if call.must else 1 for call in data.calls]
    while len(serves) > cars:
        need = {v: sum(weight[k] / len(able[k]) for k in calls) for v, calls in serves.items()}
        idle = min(need, key=lambda v: (need[v], v))
        for k in serves.pop(idle):
            able[k].discard(idle)
        home.add(idle)
    return home
