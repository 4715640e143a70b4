"""Large campaigns routed part by part on both cores, then one pass for what is left over.

`solve` is what `route` calls. A campaign that `partition` leaves whole goes to `portfolio`
(both cores search it together). Otherwise the parts are dealt to one process per core, largest
first to the least loaded, each process routing its parts in two rounds (`_route_shift`): first
every part's first solution, so that the whole campaign has a plan early, then each part
searched again (afresh, see `_improved`; kept where it beats the first plan) for a share of
the time left in proportion to its calls and team-days (a part of few calls far apart, such
as the county leaders', needs time for its many team-days).
No two parts share a team-day, so their routes together are one plan. The
`leftover` pass then offers the dropped calls to other parts' team-days in the time that
remains (`PASS_SHARE` of the limit, or more when the parts ended early). Solver objects do not
pickle, so each process is sent plain `RoutingData` and rebuilds the OR-Tools model itself.

Every part and the pass stop on their work (`Settings.solutions`), and the way parts are dealt
to processes changes only their time, so the plan is the same on one core or two. The time
limit, the safety net, holds for the whole: a search it stops returns the best plan it found,
and every part has one from the first round (or, when not even that fitted, a plan that leaves
its calls out), so a run always ends with a plan. The plan's objective is the sum of its parts'
(OR-Tools' own for each, see `part`): a pass that redoes a part subtracts what OR-Tools makes
of the routes it started from; the plan's fair loads (`fair`) do not add up over parts, so the
whole is costed once more at the end (`_costed`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import nullcontext
from dataclasses import replace

from planner.cluster import Cluster
from planner.route import cost, portfolio, search
from planner.route.data import RoutingData
from planner.route.errors import RoutingError
from planner.route.leftover import leftover_pass
from planner.route.part import Part, routes_of
from planner.route.partition import partition
from planner.route.search import Progress, Routes
from planner.route.settings import Settings
from planner.route.solution import Solution, Status, worst
from planner.route.strategy import strategies

PASS_SHARE = 0.1
"""Share of the time limit kept for the leftover pass (which starts from the parts' routes)."""
MIN_PASS_SECONDS = 1.0
MIN_PART_SECONDS = 0.1
"""The least time a part's search is started with: with less left, a part without a first plan
leaves its calls out, and one with a plan keeps it."""
GRACE = 30.0
"""Seconds past the time limit that a cluster's parts may take to come back (sending the parts
and building their models are outside the searches' limits) before they are given up."""


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
    deadline = time.monotonic() + settings.time_limit
    parts = partition(data, settings.split)
    if len(parts) == 1:
        return portfolio.solve(data, settings, progress=progress, start=start)
    with Cluster(settings.cluster) if settings.cluster else nullcontext() as remote:
        here = len(remote.workers) if remote else os.cpu_count() or 1
        count = min(settings.workers or here, len(parts))
        if progress is not None:
            sizes = ", ".join(f"{part.name} {len(part.calls)}" for part in parts)
            where = f" of the Dask cluster at {remote.address}" if remote else ""
            progress(f"route: {len(parts)} parts on {count} processes{where} ({sizes})")
        budget = deadline - time.monotonic() - PASS_SHARE * settings.time_limit
        shifts = _shifts(parts, max(MIN_PART_SECONDS, budget), count)
        routed = _route_parts(data, parts, shifts, settings, start, progress, remote)
        solution = _combine(routed)
    part = leftover_pass(data, parts, solution)
    if part is None:
        return _costed(data, solution)
    if progress is not None:
        offered = len(set(part.calls) & set(solution.dropped))
        progress(f"route: {offered} dropped visits offered to {len(part.vehicles)} team-days")
    before = part_cost(data, solution, part)
    left = replace(settings, time_limit=max(MIN_PASS_SECONDS, deadline - time.monotonic()))
    try:
        found = search.solve(part.data(data), left, strategy=strategies()[0])
    except RoutingError:  # no plan for the pass in the time left: the parts' routes stand
        return _costed(data, replace(solution, status=Status.TIME_LIMIT))
    return _costed(data, with_part(solution, part, part.lift(found), before))


def _costed(data: RoutingData, solution: Solution) -> Solution:
    """The solution with OR-Tools' objective of its routes on the whole campaign
    (`cost.objective`): the parts' objectives add up over team-days and dropped calls except
    for the fair loads (`fair`), since a team's fair share is its tier's over the whole
    campaign, not a part's."""
    return replace(solution, objective=cost.objective(data, search.solution_routes(data, solution)))


Job = tuple[RoutingData, Settings, Routes | None]
"""A part to route in a worker: its data, its share of the settings, its start."""


def _route_parts(
    data: RoutingData,
    parts: Sequence[Part],
    shifts: Sequence[Sequence[tuple[int, float]]],
    settings: Settings,
    start: Routes | None,
    progress: Progress | None,
    remote: Cluster | None,
) -> list[Solution]:
    """Each part's solution, in the whole data's indices: one process per shift (or here, or
    one worker of the `remote` cluster per shift), said as each shift ends."""
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
    found: dict[int, Solution] = {}
    for s, solutions in _routed_shifts(jobs, remote, settings.time_limit):
        for (i, _), solution in zip(shifts[s], solutions, strict=True):
            found[i] = parts[i].lift(solution)
            if progress is not None:
                progress(
                    f"route: {parts[i].name}: {len(parts[i].calls)} visits, "
                    f"{len(solution.dropped)} dropped"
                )
    return [found[i] for i in range(len(parts))]


def _routed_shifts(
    jobs: Sequence[Sequence[Job]], remote: Cluster | None, time_limit: float
) -> Iterator[tuple[int, list[Solution]]]:
    """Each shift's solutions as it ends, with its index. On a cluster each shift has a worker
    of its own; the shifts' time limits hold there as here, and a shift not back `GRACE`
    after the run's limit (a worker lost or busy with other work) is given up."""
    if remote is not None:
        yield from remote.finished(_route_shift, jobs, spread=True, timeout=time_limit + GRACE)
    elif len(jobs) == 1:
        yield 0, _route_shift(jobs[0])
    else:
        with ProcessPoolExecutor(max_workers=len(jobs)) as pool:
            futures = {pool.submit(_route_shift, shift): s for s, shift in enumerate(jobs)}
            for future in as_completed(futures):
                yield futures[future], future.result()


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
    """In a worker process: every part's first plan, then each part's plan improved.

    The shift may take the sum of its parts' shares. First each part gets its first solution
    (`_first_plan`), so that the campaign has a whole plan early; then each part is searched
    again (`_improved`) for its share of the time left, a part that stops on its
    solutions early handing the rest on to the parts after it. A search the clock stops returns
    the best plan it found, so every part has a plan whenever the time runs out.
    """
    shares = [settings.time_limit for _, settings, _ in jobs]
    end = time.monotonic() + sum(shares)
    firsts = [_first_plan(part, settings, start, end) for part, settings, start in jobs]
    if all(settings.solutions == 1 for _, settings, _ in jobs):
        return firsts
    found = []
    for n, ((part, settings, _), first) in enumerate(zip(jobs, firsts, strict=True)):
        seconds = (end - time.monotonic()) * shares[n] / sum(shares[n:])
        found.append(_improved(part, replace(settings, time_limit=seconds), first))
    return found


def _first_plan(
    part: RoutingData, settings: Settings, start: Routes | None, end: float
) -> Solution:
    """The part's first solution (with the first search of `search.toml`, which like every
    search there goes without OR-Tools' scheduling program: 22.7 s of CPU for a province's 61
    parts' first plans against 74.7 s with it, the same routes), within what is left until `end`.

    When even that is not found in time (a machine far busier than the campaign's size
    allows), the part's plan leaves all its calls out (`_nothing`), so the campaign still has
    a plan when the limit holds; the leftover pass may still place its must-visits.
    """
    left = end - time.monotonic()
    if left < MIN_PART_SECONDS:
        return _nothing(part)
    try:
        first = replace(settings, solutions=1, time_limit=left)
        return search.solve(part, first, strategy=strategies()[0], start=start)
    except RoutingError:
        return _nothing(part)


def _nothing(part: RoutingData) -> Solution:
    """The plan of a part that had no time for any: every call left out.

    Its objective is OR-Tools' for empty routes: the calls' penalties, and, when a team of
    the part asks for a least number of days or visits (`fair`), what falling short costs.
    """
    objective = cost.objective(part, [[] for _ in part.vehicles])
    return Solution(
        tours=(),
        dropped=tuple(range(len(part.calls))),
        objective=objective,
        status=Status.TIME_LIMIT,
    )


def _improved(part: RoutingData, settings: Settings, first: Solution) -> Solution:
    """The part searched afresh for `settings.time_limit`; the first plan when that finds
    nothing better in the time (or nothing at all).

    Afresh, not from the first plan's routes: OR-Tools keeps routes given as a start
    (`ApplyLocks`) fixed for the whole of its iterated local search, so a search "from" them
    could only add calls at their ends (on a province, 180 s left the first plans' drops as
    they were). The search finds the same first solution again and goes on from there.
    """
    if settings.time_limit < MIN_PART_SECONDS:
        return replace(first, status=Status.TIME_LIMIT)
    try:
        found = search.solve(part, settings, strategy=strategies()[0])
    except RoutingError:
        return replace(first, status=Status.TIME_LIMIT)
    return found if found.objective <= first.objective else replace(first, status=found.status)


def _combine(solutions: Sequence[Solution]) -> Solution:
    """Solutions of disjoint parts (no team-day, no call in two) as one: their tours and drops;
    the objective, which adds up over team-days and dropped calls, is the sum of theirs."""
    return Solution(
        tours=tuple(sorted((t for s in solutions for t in s.tours), key=lambda t: t.vehicle)),
        dropped=tuple(sorted(k for s in solutions for k in s.dropped)),
        objective=sum(solution.objective for solution in solutions),
        status=worst(solution.status for solution in solutions),
    )


def part_cost(data: RoutingData, solution: Solution, part: Part) -> int:
    """What OR-Tools makes of `part`'s routes in `solution` (`cost.objective`): every call of
    `part` is on one of its team-days or dropped there, so this is what the part costs in it."""
    tours = {tour.vehicle: tour for tour in solution.tours}
    return cost.objective(part.data(data), routes_of(part, tours))


def with_part(solution: Solution, part: Part, found: Solution, before: int) -> Solution:
    """`solution` with the routes and drops of `part` replaced by those `found` for it, when
    they cost no more than the `before` the part cost in `solution` (`part_cost`, found before
    the part's search so that its time counts in the limit); else `solution` as it was."""
    if found.objective > before:
        return replace(solution, status=worst((solution.status, found.status)))
    mine = set(part.vehicles)
    redone = set(part.calls)
    kept = replace(
        solution,
        tours=tuple(tour for tour in solution.tours if tour.vehicle not in mine),
        dropped=tuple(k for k in solution.dropped if k not in redone),
        objective=solution.objective - before,
    )
    return _combine([kept, found])
