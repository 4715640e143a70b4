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

Need alone would send the same team home day after day (a county team whose households city
teams could also make is the least needed on every date), leaving its leader idle while others
drive. So a team-day is sent home only while its team keeps more days out than it must: at
least one, and its `min_days` (`fair`); only when every team-day of a date is so kept does the
least needed of them stay home all the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from itertools import chain, pairwise

import numpy as np
import numpy.typing as npt

from planner.route.data import RoutingData, Unservable
from planner.route.explain import no_car_reason

MUST_WEIGHT = 10


def keep_to_the_pool(data: RoutingData) -> RoutingData:
    """The data with the least needed team-days kept home wherever the car pool is short.

    A call whose every possible team-day stays home becomes unservable, naming the pool. Each
    call has at least one vehicle, in ascending order, and none home yet (as `build` makes it).
    """
    need = _Need(data)
    home: set[int] = set()
    for date, cars in data.cars.items():
        home |= need.stay_home(date, cars)
    if not home:
        return data
    calls, unservable = [], list(data.unservable)
    for call, (stays, left) in zip(data.calls, need.split(home), strict=True):
        if left:
            calls.append(replace(call, vehicles=left, home=stays))
        else:
            reason = no_car_reason(sorted({data.vehicles[v].date for v in stays}), data.cars)
            unservable.append(Unservable(call.household_id, must=call.must, reason=reason))
    return replace(data, calls=tuple(calls), unservable=tuple(unservable))


class _Need:
    """How much each team-day is needed, kept up to date as team-days are sent home.

    The need of a team-day is the sum, over the calls it could make in call order, of the
    call's weight over the number of team-days still able to make it. A province has 20,000
    calls of some 200 team-days each, and summing them all again for each team-day sent home
    took a minute; so the calls are kept as arrays, and only the team-days that share a call
    with the one sent home are summed again, in the same order, to the same floating-point sum.
    """

    def __init__(self, data: RoutingData) -> None:
        self._of = [call.vehicles for call in data.calls]
        lengths = np.fromiter(map(len, self._of), dtype=np.int64, count=len(self._of))
        flat = np.fromiter(chain.from_iterable(self._of), dtype=np.int64, count=lengths.sum())
        owners = np.repeat(np.arange(len(data.calls)), lengths)
        order = np.argsort(flat, kind="stable")
        edges = np.searchsorted(flat[order], np.arange(len(data.vehicles) + 1))
        self._serves = [owners[order[a:b]] for a, b in pairwise(edges)]
        """The calls each vehicle could make, ascending."""
        self._flat, self._lengths = flat, lengths
        self._weight = np.array([MUST_WEIGHT if c.must else 1 for c in data.calls], np.float64)
        self._able = lengths.copy()
        """How many team-days, not yet sent home, could make each call."""
        self._dates = [vehicle.date for vehicle in data.vehicles]
        self._team = [vehicle.team_id for vehicle in data.vehicles]
        self._keeps = {v.team_id: max(1, v.min_days) for v in data.vehicles}
        """The days out each team keeps while the cars allow."""
        self._out: dict[str, int] = {}
        """Each team's days out with something to do, not yet sent home."""
        for v, calls in enumerate(self._serves):
            if len(calls):
                self._out[self._team[v]] = self._out.get(self._team[v], 0) + 1

    def stay_home(self, date: dt.date, cars: int) -> set[int]:
        """The team-days of `date` that stay home, the least needed first, until cars suffice."""
        out = {v for v, calls in enumerate(self._serves) if self._dates[v] == date and len(calls)}
        share = self._weight / np.maximum(self._able, 1)
        need = {v: self._sum(share, v) for v in out}
        home = set()
        while len(out) > cars:
            idle = min(need, key=lambda v: (self._kept(v), need[v], v))
            out.discard(idle)
            del need[idle]
            home.add(idle)
            self._out[self._team[idle]] -= 1
            gone = self._serves[idle]
            self._able[gone] -= 1
            share[gone] = self._weight[gone] / np.maximum(self._able[gone], 1)
            for v in set().union(*map(self._of.__getitem__, gone.tolist())) & out:
                need[v] = self._sum(share, v)
        return home

    def _kept(self, v: int) -> bool:
        """Whether sending `v` home would leave its team fewer days out than it keeps."""
        team = self._team[v]
        return self._out[team] <= self._keeps[team]

    def split(self, home: set[int]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        """Each call's vehicles that stay home and those left to it, both in the call's order
        (ascending, as `build` makes them)."""
        stays = np.isin(self._flat, np.fromiter(home, dtype=np.int64, count=len(home)))
        ends = np.cumsum(self._lengths)
        kept, gone = np.cumsum(~stays)[ends - 1].tolist(), np.cumsum(stays)[ends - 1].tolist()
        left, out = self._flat[~stays].tolist(), self._flat[stays].tolist()
        found, a, b = [], 0, 0
        for k, g in zip(kept, gone, strict=True):
            found.append((tuple(out[b:g]), tuple(left[a:k])))
            a, b = k, g
        return found

    def _sum(self, share: npt.NDArray[np.float64], v: int) -> float:
        """The need of vehicle `v`, summed one call after the other (as `sum` would)."""
        return float(np.cumsum(share[self._serves[v]])[-1])
