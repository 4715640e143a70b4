"""How to search, as one value built once by the caller: PyVRP's `solve(data, stop, seed)`.

Every level of the routing stage (`route` → `bundle` → `decompose` → `portfolio` → `search`)
takes the same `Settings`, and hands a level below it a copy with a share of the time limit
(`share`), never loose arguments.

The search stops on a measure of work, `solutions` (OR-Tools' solution limit, counted by each
search), so that the same input gives the same plan on any machine, idle or busy, one core or
two. `time_limit` is only a safety net: a search it stops says so (`Status.TIME_LIMIT`), since
its plan then depends on the machine.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from planner.plan import Route

Split = Literal["auto", "none", "district", "area"]
"""How to cut a campaign: by size ("auto"), not at all, by district then area, or by area."""

SOLUTIONS = 250
"""Where each search stops by default. On the bundled county-union example (315 visits, two
searches side by side) each search takes about 5 s of CPU for 250 and settles, with the plan
of the 20-second time-limited search it replaced (bench/README.md: 500 solutions drive 3% less
but take twice as long)."""
TIME_LIMIT = 300.0
"""Seconds after which a search is stopped whatever its work: the safety net."""


@dataclass(frozen=True)
class Settings:
    """The search settings of one routing run.

    `solutions`: each search stops after that many solutions (`None`: only the clock stops it,
    and the plan may differ from run to run). `time_limit`: seconds of the whole run, the
    safety net. `workers`: how many searches may run at once (default: one per core); it
    changes how long a run takes, never the plan. `split`: whether to route a large campaign in
    parts (`partition`). `previous`: re-planning, the routes of the plan being revised, which
    the search starts from and pays for leaving (`start`). `cluster`: the address of a Dask
    scheduler whose workers route the parts of a split campaign instead of this machine's
    processes (`decompose`); like `workers`, it changes where and how fast, not the plan.
    """

    time_limit: float = TIME_LIMIT
    solutions: int | None = SOLUTIONS
    workers: int | None = None
    split: Split = "auto"
    previous: tuple[Route, ...] = ()
    cluster: str | None = None

    def share(self, fraction: float) -> Settings:
        """These settings with `fraction` of the time limit, for one step of the run."""
        return replace(self, time_limit=fraction * self.time_limit)
