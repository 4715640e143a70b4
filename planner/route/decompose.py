"""Large campaigns routed part by part on both cores, then one pass for what is left over.

`solve` is what `route` calls. A campaign that `partition` leaves whole goes to `portfolio`
(both cores search it together). Otherwise the parts are dealt to one process per core, largest
first to the least loaded, each process routing its parts one after another, each part for a
share of the time in proportion to its calls and team-days (a part of few calls far apart, such
as the county leaders', needs time for its many team-days). No two parts share a team-day, so
their routes together are one plan. The `leftover` pass then offers the dropped calls to other
parts' team-days in the time that remains (`PASS_SHARE` of the limit, or more when the parts
ended early). Solver objects do not pickle, so each process is sent plain `RoutingData` and
rebuilds the OR-Tools model itself.

Every part and the pass stop on their work (`Settings.solutions`), and the way parts are dealt
to processes changes only their time, so the plan is the same on one core or two. The plan's
objective is the sum of its parts' (OR-Tools' own for each, see `part`): a pass that redoes a
part subtracts what OR-Tools makes of the routes it started from; the plan's fair loads (`fair`)
do not add up over parts, so the whole is costed once more at the end.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from planner.route import portfolio, search
from planner.route.data import RoutingData
from planner.route.errors import RoutingError
from planner.route.leftover import leftover_pass
from planner.route.part import Part, routes_of
from planner.route.partition import partition
from planner.route.search import Progress, Routes
from planner.route.settings import Settings
from planner.route.solution import Solution, worst

PASS_SHARE = 0.1
"""Share of the time limit kept for the leftover pass (which starts from the parts' routes)."""
MIN_PASS_SECONDS = 1.0
MIN_PART_SECONDS = 0.1
"""The least a part is given when the parts before it in its process overran their shares."""


def solve(
    data: RoutingData,
    settings: Settings,
    *,
    progress: Progress | None = None,
    start: Routes | None = None,
) -> Solution:
    """Route `data` whole or in parts (see `partition` for when and how it is cut).

    `settings.workers` caps the processes (default: one per core); with 1 the parts are routed
    here. `start`: each vehicle's calls to start from (re-planning).
    """
    parts = partition(data, settings.split)
    if len(parts) == 1:
        return portfolio.solve(data, settings, progress=progress, start=start)
    deadline = time.monotonic() + settings.time_limit
    count = min(settings.workers or os.cpu_count() or 1, len(parts))
    if progress is not None:
        sizes = ", ".join(f"{part.name} {len(part.calls)}" for part in parts)
        progress(f"route: {len(parts)} parts on {count} processes ({sizes})")
    shifts = _shifts(parts, (1 - PASS_SHARE) * settings.time_limit, count)
    solution = _combine(_route_parts(data, parts, shifts, settings, start, progress))
    second = leftover_pass(data, parts, solution)
    if second is None:
        return _costed(data, solution)
    part, begin = second
    if progress is not None:
        offered = len(set(part.calls) & set(solution.dropped))
        progress(f"route: {offered} dropped visits offered to {len(part.vehicles)} team-days")
    left = replace(settings, time_limit=max(MIN_PASS_SECONDS, deadline - time.monotonic()))
    found = search.solve(part.data(data), left, start=begin)
    return _costed(data, with_part(data, solution, part, part.lift(found)))


def _costed(data: RoutingData, solution: Solution) -> Solution:
    """The solution with OR-Tools' objective of its routes on the whole campaign.

    The parts' objectives add up over team-days and dropped calls except for the fair loads
    (`fair`): a team's fair share is its tier's over the whole campaign, not a part's.
    """
    if not any(vehicle.level_loads for vehicle in data.vehicles):
        return solution
    routes: list[list[int]] = [[] for _ in data.vehicles]
    for tour in solution.tours:
        routes[tour.vehicle] = [stop.call for stop in tour.stops]
    return replace(solution, objective=search.evaluate(data, routes))


Job = tuple[RoutingData, Settings, Routes | None]
"""A part to route in a worker: its data, its share of the settings, its start."""


def _route_parts(
    data: RoutingData,
    parts: Sequence[Part],
    shifts: Sequence[Sequence[tuple[int, float]]],
    settings: Settings,
    start: Routes | None,
    progress: Progress | None,
) -> list[Solution]:
    """Each part's solution, in the whole data's indices: one process per shift (or here)."""
    jobs: list[list[Job]] = [
        [
            (
                parts[i].data(data),
                replace(settings, time_limit=seconds),
                None if start is None else parts[i].routes(start),
            )
            for i, seconds in shift
        ]
        for shift in shifts
    ]
    if len(jobs) == 1:
        results = [_route_shift(jobs[0])]
    else:
        with ProcessPoolExecutor(max_workers=len(jobs)) as pool:
            results = [future.result() for future in [pool.submit(_route_shift, j) for j in jobs]]
    found: dict[int, Solution] = {}
    for shift, solutions in zip(shifts, results, strict=True):
        for (i, _), solution in zip(shift, solutions, strict=True):
            found[i] = parts[i].lift(solution)
            if progress is not None:
                progress(
                    f"route: {parts[i].name}: {len(parts[i].calls)} visits, "
                    f"{len(solution.dropped)} dropped"
                )
    return [found[i] for i in range(len(parts))]


def _shifts(parts: Sequence[Part], budget: float, workers: int) -> list[list[tuple[int, float]]]:
    """Parts dealt to the workers, largest first to the least loaded, each with its seconds.

    A worker's parts share `budget` in proportion to their size, so every worker is done at
    about the same time.
    """
    sizes = [len(part.calls) + len(part.vehicles) for part in parts]
    loads = [0] * workers
    dealt: list[list[int]] = [[] for _ in loads]
    for i in sorted(range(len(parts)), key=lambda i: (-sizes[i], i)):
        worker = loads.index(min(loads))
        dealt[worker].append(i)
        loads[worker] += sizes[i]
    return [
        [(i, budget * sizes[i] / load) for i in shift]
        for shift, load in zip(dealt, loads, strict=True)
    ]


def _route_shift(jobs: Sequence[Job]) -> list[Solution]:
    """In a worker process: route each part in turn with its settings.

    A part may use its own share of the time and whatever the parts before it in the shift
    left unused (a part that stops on its solutions early hands the rest on). A part that finds
    no plan at all in that time (on a busy machine a province's part took over 6 s for its first
    solution) is searched again with all the time its shift has left, so one slow part does not
    leave a province without a plan. The shift still ends when its shares add up to, so the
    limit holds; a plan that stops on its work is the same whatever time it had left.
    """
    began, budget, found = time.monotonic(), 0.0, []
    total = sum(settings.time_limit for _, settings, _ in jobs)
    for part, settings, start in jobs:
        budget += settings.time_limit
        left = max(MIN_PART_SECONDS, began + budget - time.monotonic())
        try:
            found.append(search.solve(part, replace(settings, time_limit=left), start=start))
        except RoutingError:
            rest = began + total - time.monotonic()
            if rest <= MIN_PART_SECONDS:
                raise
            found.append(search.solve(part, replace(settings, time_limit=rest), start=start))
    return found


def _combine(solutions: Sequence[Solution]) -> Solution:
    """Solutions of disjoint parts (no team-day, no call in two) as one: their tours and drops;
    the objective, which adds up over team-days and dropped calls, is the sum of theirs."""
    return Solution(
        tours=tuple(sorted((t for s in solutions for t in s.tours), key=lambda t: t.vehicle)),
        dropped=tuple(sorted(k for s in solutions for k in s.dropped)),
        objective=sum(solution.objective for solution in solutions),
        status=worst(solution.status for solution in solutions),
    )


def with_part(data: RoutingData, solution: Solution, part: Part, found: Solution) -> Solution:
    """`solution` with the routes and drops of `part` replaced by those `found` for it.

    Every call of `part` is on one of its team-days or dropped in `solution`, so what the part
    cost there is what OR-Tools makes of its routes there (`search.evaluate`).
    """
    mine = set(part.vehicles)
    redone = set(part.calls)
    tours = {tour.vehicle: tour for tour in solution.tours}
    before = search.evaluate(part.data(data), routes_of(part, tours))
    kept = replace(
        solution,
        tours=tuple(tour for tour in solution.tours if tour.vehicle not in mine),
        dropped=tuple(k for k in solution.dropped if k not in redone),
        objective=solution.objective - before,
    )
    return _combine([kept, found])
