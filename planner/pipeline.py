"""The planning stages in order: rules → allocate → route, from a loaded Scenario to a Plan.

Loading and exporting stay outside, in the caller, because they touch files; everything here is
pure data in, data out, so a test or a what-if run can plan without a folder.
"""

from __future__ import annotations

from collections.abc import Callable

import pluggy

from planner.allocate import allocate
from planner.plan import Plan
from planner.route import Settings, route
from planner.route.settings import TIME_LIMIT
from planner.rules import apply_rules
from planner.scenario import Scenario
from planner.travel.matrix import attach_travel

DEFAULT_TIME_LIMIT = TIME_LIMIT
"""Seconds after which the route search stops whatever its work: the safety net."""
DEFAULT_SETTINGS = Settings()


def plan_scenario(
    scenario: Scenario,
    pm: pluggy.PluginManager,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    progress: Callable[[str], None] | None = None,
) -> Plan:
    """Decide cases, grants and routes for a scenario with the given plugins.

    The route search stops on its work (`settings.solutions`), so the same scenario and
    settings give the same plan whatever the machine's load and cores (see `planner.route`).
    """
    cases = apply_rules(attach_travel(scenario, pm), pm)
    allocation = allocate(cases, progress=progress)
    return route(allocation, settings, progress=progress)
