"""Both cores: the searches of `search.toml` at once, one process each, and the best plan kept.

OR-Tools routing searches on one core, and its iterated local search draws from a fixed seed, so
a second process helps only by searching differently: each `[[search]]` entry is a different
configuration. Solver objects do not pickle, so each process rebuilds the OR-Tools model from
the plain `RoutingData` and sends back a plain `Solution`. The first search runs in the calling
process, so it alone reports progress; all searches share one deadline.

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
from multiprocessing.synchronize import Semaphore

from planner.route import search
from planner.route.errors import RoutingError
from planner.route.model import RoutingData
from planner.route.search import Progress, Solution
from planner.route.strategy import Strategy, strategies


def solve(
    data: RoutingData,
    *,
    time_limit: float,
    solution_limit: int | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Solution:
    """The best plan of the first `workers` searches (default: one per core).

    With a solution limit every search is deterministic, and ties go to the earlier search, so
    the plan is reproducible. The plan counts as settled when any search reached a local
    optimum: that says the time limit suited the campaign, whichever search then did best.
    Raises `RoutingError` only when every search finds no plan.
    """
    chosen = strategies()[: workers or os.cpu_count() or 1]
    deadline = time.time() + time_limit
    if len(chosen) == 1:
        return _until(deadline, data, chosen[0], solution_limit, progress)
    started = multiprocessing.Semaphore(0)
    with ProcessPoolExecutor(
        max_workers=len(chosen) - 1, initializer=_announce_to, initargs=(started,)
    ) as pool:
        others = [
            pool.submit(_until, deadline, data, strategy, solution_limit) for strategy in chosen[1:]
        ]
        _await_start(started, others, deadline)
        here = _attempt(lambda: _until(deadline, data, chosen[0], solution_limit, progress))
        results = [here, *(_attempt(future.result) for future in others)]
    found = [result for result in results if isinstance(result, Solution)]
    if not found:
        raise next(result for result in results if isinstance(result, RoutingError))
    best = min(found, key=lambda solution: solution.objective)
    return replace(best, settled=any(solution.settled for solution in found))


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
    strategy: Strategy,
    solution_limit: int | None,
    progress: Progress | None = None,
) -> Solution:
    """One search with whatever time is left before the shared deadline (process start-up)."""
    if _started is not None:
        _started.release()
    left = max(0.001, deadline - time.time())
    return search.solve(
        data, time_limit=left, solution_limit=solution_limit, progress=progress, strategy=strategy
    )


def _attempt(run: Callable[[], Solution]) -> Solution | RoutingError:
    """A search's plan, or the error saying it found none (another search may have found one)."""
    try:
        return run()
    except RoutingError as error:
        return error
