"""Every search of `search.toml`, one process each when there are cores, and the best plan kept.

OR-Tools routing searches on one core, and its iterated local search draws from a fixed seed, so
a second process helps only by searching differently: each `[[search]]` entry is a different
configuration. The searches run are always all of them, whatever the number of cores: with
fewer workers than searches they run one after another, so one core and two give the same plan,
only later (a search stopped only by the clock, as in the VRPTW bench, then gets an equal share
of the time left). Each stops after its solutions (`Settings.solutions`), so each gives the same
plan whichever finishes first, and ties go to the earlier search: the best is the same every
time.

Solver objects do not pickle, so each process rebuilds the OR-Tools model from the plain
`RoutingData` and sends back a plain `Solution`. The first search runs in the calling process,
so it alone reports progress; all searches share one deadline.

OR-Tools holds the interpreter lock for the whole search, and the pool hands work to its
processes from threads of the calling process: a search started here at once can keep the
others from ever receiving theirs until it ends (they then get 0.001 s and find nothing). So
the calling process waits until every other search has said it started.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from functools import partial
from multiprocessing.synchronize import Semaphore

from planner.route import search
from planner.route.data import RoutingData
from planner.route.errors import RoutingError
from planner.route.search import Progress, Routes
from planner.route.settings import Settings
from planner.route.solution import Solution, Status
from planner.route.strategy import Strategy, strategies


def solve(
    data: RoutingData,
    settings: Settings,
    *,
    progress: Progress | None = None,
    start: Routes | None = None,
) -> Solution:
    """The best plan of every search, run `settings.workers` at a time (default: one per core).

    The plan counts as settled when any search reached a local optimum: that says the work
    suited the campaign, whichever search then did best; it counts as time-limited when the
    safety net stopped any search, for the choice between them then depends on the machine.
    Raises `RoutingError` only when every search finds no plan.
    """
    chosen = strategies()
    workers = min(settings.workers or os.cpu_count() or 1, len(chosen))
    deadline = time.time() + settings.time_limit
    if workers == 1:
        results = _one_after_another(deadline, data, settings, chosen, start, progress)
    else:
        results = _side_by_side(deadline, data, settings, chosen, start, progress)
    if progress is not None:
        for strategy, result in zip(chosen, results, strict=True):
            said = "no plan" if isinstance(result, RoutingError) else _said(result)
            progress(f"route: search {strategy.name}: {said}")
    found = [result for result in results if isinstance(result, Solution)]
    if not found:
        raise next(result for result in results if isinstance(result, RoutingError))
    best = min(found, key=lambda solution: solution.objective)
    return replace(best, status=_status([solution.status for solution in found]))


def _said(solution: Solution) -> str:
    return f"cost {solution.objective}, {solution.status.value}"


def _status(statuses: list[Status]) -> Status:
    """Time-limited if any search was; else settled if any search settled; else the work's."""
    if Status.TIME_LIMIT in statuses:
        return Status.TIME_LIMIT
    return next((status for status in statuses if status.settled), Status.WORK_LIMIT)


def _one_after_another(
    deadline: float,
    data: RoutingData,
    settings: Settings,
    chosen: tuple[Strategy, ...],
    start: Routes | None,
    progress: Progress | None,
) -> list[Solution | RoutingError]:
    """The searches in this process in turn; results in `chosen` order.

    A search stopped by its solutions may use all the time left (the limit is a safety net);
    when only the clock stops the searches (`solutions` is None, as in the VRPTW bench), each
    gets an equal share of the time left, or the first would take all of it.
    """
    results: list[Solution | RoutingError] = []
    for n, strategy in enumerate(chosen):
        until = deadline
        if settings.solutions is None:
            until = time.time() + (deadline - time.time()) / (len(chosen) - n)
        tell = progress if n == 0 else None
        results.append(_attempt(partial(_until, until, data, settings, strategy, start, tell)))
    return results


def _side_by_side(
    deadline: float,
    data: RoutingData,
    settings: Settings,
    chosen: tuple[Strategy, ...],
    start: Routes | None,
    progress: Progress | None,
) -> list[Solution | RoutingError]:
    """The searches on one process each, the first in this one; results in `chosen` order."""
    started = multiprocessing.Semaphore(0)
    with ProcessPoolExecutor(
        max_workers=len(chosen) - 1, initializer=_announce_to, initargs=(started,)
    ) as pool:
        others = [
            pool.submit(_until, deadline, data, settings, strategy, start)
            for strategy in chosen[1:]
        ]
        _await_start(started, others, deadline)
        here = _attempt(lambda: _until(deadline, data, settings, chosen[0], start, progress))
        return [here, *(_attempt(future.result) for future in others)]


_started: Semaphore | None = None
"""In a pool process: released as each search starts (see the module's docstring). A semaphore,
not a queue: a queue's feeder thread would wait for the lock the search holds."""


def _announce_to(started: Semaphore) -> None:
    """Pool initializer: keep the semaphore, which multiprocessing passes only by inheritance."""
    global _started
    _started = started


def _await_start(started: Semaphore, others: list[Future[Solution]], deadline: float) -> None:
    """Wait, without the interpreter lock, until each other search started, failed or timed out."""
    waiting = len(others)
    while waiting and time.time() < deadline and not all(future.done() for future in others):
        if started.acquire(timeout=0.05):
            waiting -= 1


def _until(
    deadline: float,
    data: RoutingData,
    settings: Settings,
    strategy: Strategy,
    start: Routes | None,
    progress: Progress | None = None,
) -> Solution:
    """One search with whatever time is left before the shared deadline (process start-up)."""
    if _started is not None:
        _started.release()
    left = replace(settings, time_limit=max(0.001, deadline - time.time()))
    return search.solve(data, left, progress=progress, strategy=strategy, start=start)


def _attempt(run: Callable[[], Solution]) -> Solution | RoutingError:
    """A search's plan, or the error saying it found none (another search may have found one)."""
    try:
        return run()
    except RoutingError as error:
        return error
