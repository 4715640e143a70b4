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

With a solution limit every part and the pass are deterministic, and so is the plan.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from itertools import pairwise

from planner.route import portfolio, search
from planner.route.leftover import leftover_pass
from planner.route.model import CHANGE_PENALTY, RoutingData
from planner.route.part import Part
from planner.route.partition import Split, partition
from planner.route.search import Progress, Solution, Tour

PASS_SHARE = 0.1
"""Share of the time limit kept for the leftover pass (which starts from the parts' routes)."""
MIN_PASS_SECONDS = 1.0


def solve(
    data: RoutingData,
    *,
    time_limit: float,
    solution_limit: int | None = None,
    progress: Progress | None = None,
    split: Split = "auto",
    workers: int | None = None,
) -> Solution:
    """Route `data` whole or in parts (see `partition` for when and how it is cut).

    `workers` caps the processes (default: one per core); with 1 the parts are routed here.
    """
    parts = partition(data, split)
    if len(parts) == 1:
        return portfolio.solve(
            data,
            time_limit=time_limit,
            solution_limit=solution_limit,
            progress=progress,
            workers=workers,
        )
    deadline = time.monotonic() + time_limit
    count = min(workers or os.cpu_count() or 1, len(parts))
    if progress is not None:
        sizes = ", ".join(f"{part.name} {len(part.calls)}" for part in parts)
        progress(f"route: {len(parts)} parts on {count} processes ({sizes})")
    budget = (1 - PASS_SHARE) * time_limit
    shifts = _shifts(parts, budget, count)
    solution = _combine(data, _route_parts(data, parts, shifts, solution_limit, progress))
    second = leftover_pass(data, parts, solution)
    if second is None:
        return solution
    part, start = second
    if progress is not None:
        offered = len(set(part.calls) & set(solution.dropped))
        progress(f"route: {offered} dropped visits offered to {len(part.vehicles)} team-days")
    left = max(MIN_PASS_SECONDS, deadline - time.monotonic())
    found = search.solve(
        part.data(data), time_limit=left, solution_limit=solution_limit, initial=start
    )
    return with_part(data, solution, part, part.lift(found))


def _route_parts(
    data: RoutingData,
    parts: Sequence[Part],
    shifts: Sequence[Sequence[tuple[int, float]]],
    solution_limit: int | None,
    progress: Progress | None,
) -> list[Solution]:
    """Each part's solution, in the whole data's indices: one process per shift (or here)."""
    jobs = [[(parts[i].data(data), seconds) for i, seconds in shift] for shift in shifts]
    if len(jobs) == 1:
        results = [_route_shift(jobs[0], solution_limit)]
    else:
        with ProcessPoolExecutor(max_workers=len(jobs)) as pool:
            futures = [pool.submit(_route_shift, job, solution_limit) for job in jobs]
            results = [future.result() for future in futures]
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


def _route_shift(
    jobs: Sequence[tuple[RoutingData, float]], solution_limit: int | None
) -> list[Solution]:
    """In a worker process: route each part in turn for its seconds."""
    return [
        search.solve(part, time_limit=seconds, solution_limit=solution_limit)
        for part, seconds in jobs
    ]


def _combine(data: RoutingData, solutions: Sequence[Solution]) -> Solution:
    """The parts' solutions as one: their tours and drops, and the cost of the whole."""
    tours = tuple(sorted((t for s in solutions for t in s.tours), key=lambda t: t.vehicle))
    dropped = tuple(sorted(k for s in solutions for k in s.dropped))
    return Solution(
        tours=tours,
        dropped=dropped,
        objective=objective(data, tours, dropped),
        status="+".join(sorted({solution.status for solution in solutions})),
        settled=all(solution.settled for solution in solutions),
    )


def with_part(data: RoutingData, solution: Solution, part: Part, found: Solution) -> Solution:
    """`solution` with the routes and drops of `part` replaced by those `found` for it."""
    mine = set(part.vehicles)
    redone = set(part.calls)
    kept = replace(
        solution,
        tours=tuple(tour for tour in solution.tours if tour.vehicle not in mine),
        dropped=tuple(k for k in solution.dropped if k not in redone),
        settled=solution.settled and found.settled,
    )
    return _combine(data, [kept, found])


def objective(data: RoutingData, tours: Sequence[Tour], dropped: Sequence[int]) -> int:
    """What OR-Tools minimises, for a plan put together from parts: road minutes of every
    tour, depot to depot, `CHANGE_PENALTY` for every call moved off its earlier team-day, and
    the penalty of every dropped call."""
    cost = sum(data.calls[k].penalty for k in dropped)
    for tour in tours:
        depot = data.vehicles[tour.vehicle].depot
        calls = [data.calls[stop.call] for stop in tour.stops]
        path = [depot, *(call.place for call in calls), depot]
        cost += sum(data.travel[a][b] for a, b in pairwise(path))
        moved = [call.visits for call in calls if call.previous not in (None, tour.vehicle)]
        cost += CHANGE_PENALTY * sum(moved)
    return cost
