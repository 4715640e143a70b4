"""The planning stages in order: rules → allocate → route, from a loaded Scenario to a Plan.

Loading and exporting stay outside, in the caller, because they touch files; everything here is
pure data in, data out, so a test or a what-if run can plan without a folder.
"""

from __future__ import annotations

from collections.abc import Callable

import pluggy

from planner.allocate import allocate
from planner.plan import Plan
from planner.route import route
from planner.route.partition import Split
from planner.rules import apply_rules
from planner.scenario import Scenario
from planner.travel.matrix import attach_travel

DEFAULT_TIME_LIMIT = 20.0
"""Seconds of routing search; plans the bundled example well within a minute."""


def plan_scenario(
    scenario: Scenario,
    pm: pluggy.PluginManager,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    solution_limit: int | None = None,
    route_workers: int | None = None,
    split: Split = "auto",
    progress: Callable[[str], None] | None = None,
) -> Plan:
    """Decide cases, grants and routes for a scenario with the given plugins.

    With `solution_limit` the route search stops after that many solutions, so the same
    scenario gives the same plan whatever the machine's load (see `planner.route.route`).
    `route_workers` caps the route searches run at once (default: one per core).
    `split` says whether a large campaign is routed in parts (`planner.route.partition`).
    """
    cases = apply_rules(attach_travel(scenario, pm), pm)
    allocation = allocate(cases, progress=progress)
    return route(
        allocation,
        time_limit=time_limit,
        solution_limit=solution_limit,
        progress=progress,
        workers=route_workers,
        split=split,
    )
