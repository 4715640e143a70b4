"""Stage 4, route: Allocation → Plan with OR-Tools routing.

A vehicle is one team on one of its days; a call is a funded household whose case wants a visit.
Inside, like PyVRP: `model` builds plain data (no solver), `search` turns it into an OR-Tools
RoutingModel with one function per rule and reads the answer back, `convert` makes the `Plan`,
`explain` gives each dropped visit its reason. Between `model` and `search`, households alike
in one village become one stop (`bundle`), and a large campaign is routed in parts on both
cores (`decompose`: `partition` by district and area, then a `leftover` pass).
"""

from __future__ import annotations

from collections.abc import Callable

from planner.allocation import Allocation
from planner.plan import Plan
from planner.route.bundle import solve
from planner.route.convert import to_plan
from planner.route.errors import RoutingError
from planner.route.model import build
from planner.route.partition import Split
from planner.route.search import Solution

__all__ = ["RoutingError", "route"]

Progress = Callable[[str], None]


def route(
    allocation: Allocation,
    *,
    time_limit: float = 20.0,
    solution_limit: int | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    split: Split = "auto",
) -> Plan:
    """Each team's day-by-day route for the funded households that want a visit.

    `time_limit` (seconds) bounds the search. A time-limited search stops wherever the clock
    stops it, so under different machine load the same allocation can give a different plan;
    with `solution_limit` set (and a time limit that is not reached) the plan is reproducible.
    `Plan.objective` is the solver's: road minutes plus the penalties of the visits it left out
    (visits no team could make at all never reach the solver and are not counted).
    `workers` caps the searches run at once (default: one per core); a caller that already
    runs several plans in parallel passes 1, so that processes never outnumber the cores.
    `split` says whether to route a large campaign in parts, by district and area
    (`partition`): "auto" by its size, "none", "district" or "area".
    Raises `RoutingError` when a team day is unusable or OR-Tools finds no plan at all.
    """
    data = build(allocation)
    if progress is not None:
        progress(
            f"route: {len(data.calls)} visits over {len(data.vehicles)} team-days, "
            f"{len(data.unservable)} impossible"
        )
    if data.calls:
        solution = solve(
            data,
            time_limit=time_limit,
            solution_limit=solution_limit,
            progress=progress,
            workers=workers,
            split=split,
        )
    else:
        solution = Solution(tours=(), dropped=(), objective=0, status="NO_VISITS")
    return to_plan(allocation, data, solution)
