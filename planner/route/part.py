"""A part of a campaign: some team-days and some calls, routed on their own as plain data.

A part is described by indices into the whole `RoutingData`; `data` cuts out its own small
`RoutingData` (its places only, so a process is sent a small matrix), and `lift` turns a solution
of that small data back into indices of the whole, so that parts' solutions can be put together.
A part's data cost a plan exactly as the whole does (a call whose earlier team-day is in another
part pays for moving on every team-day here), so parts' objectives add up to the whole's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from planner.route.data import ELSEWHERE, RoutingData
from planner.route.solution import Solution, Stop, Tour


@dataclass(frozen=True)
class Part:
    """Team-days and calls of the whole data, by index; a call may go only to the part's
    team-days (those of its own vehicles that are in the part)."""

    name: str
    vehicles: tuple[int, ...]
    calls: tuple[int, ...]

    def data(self, whole: RoutingData) -> RoutingData:
        """The part as routing data of its own, with its own place, vehicle and call indices."""
        local = {v: i for i, v in enumerate(self.vehicles)}
        depots = [whole.vehicles[v].depot for v in self.vehicles]
        places = list(dict.fromkeys([*depots, *(whole.calls[k].place for k in self.calls)]))
        index = {place: i for i, place in enumerate(places)}
        return RoutingData(
            places=tuple(whole.places[p] for p in places),
            travel=tuple(tuple(whole.travel[a][b] for b in places) for a in places),
            vehicles=tuple(
                replace(whole.vehicles[v], depot=index[whole.vehicles[v].depot])
                for v in self.vehicles
            ),
            calls=tuple(
                replace(
                    whole.calls[k],
                    place=index[whole.calls[k].place],
                    vehicles=tuple(local[v] for v in whole.calls[k].vehicles if v in local),
                    home=(),
                    previous=_local_previous(whole.calls[k].previous, local),
                )
                for k in self.calls
            ),
            unservable=(),
            cars=whole.cars,
            coords=tuple(whole.coords[p] for p in places) if whole.coords else (),
        )

    def lift(self, solution: Solution) -> Solution:
        """A solution of `data(whole)` in the indices of the whole data."""
        tours = tuple(
            replace(
                tour,
                vehicle=self.vehicles[tour.vehicle],
                stops=tuple(
                    Stop(call=self.calls[stop.call], arrival=stop.arrival) for stop in tour.stops
                ),
            )
            for tour in solution.tours
        )
        dropped = tuple(self.calls[k] for k in solution.dropped)
        return replace(solution, tours=tours, dropped=dropped)

    def routes(self, whole: Sequence[Sequence[int]]) -> list[list[int]]:
        """The part's vehicles' routes in its own indices, from routes of the whole data (per
        whole vehicle, whole call indices), keeping only the part's calls."""
        local = {k: i for i, k in enumerate(self.calls)}
        return [[local[k] for k in whole[v] if k in local] for v in self.vehicles]


def _local_previous(previous: int | None, local: dict[int, int]) -> int | None:
    """A call's earlier vehicle in the part's indices; `ELSEWHERE` when that vehicle is in
    another part (every vehicle here is then a change, as it is in the whole)."""
    return None if previous is None else local.get(previous, ELSEWHERE)


def routes_of(part: Part, tours: Mapping[int, Tour]) -> list[list[int]]:
    """Each of the part's vehicles' calls in `tours` (whole indices), in the part's indices."""
    local = {k: i for i, k in enumerate(part.calls)}
    return [
        [local[stop.call] for stop in tours[v].stops] if v in tours else [] for v in part.vehicles
    ]
