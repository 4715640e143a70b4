"""Route the open team-days again, starting from the previous routes and paying for each move.

The kept days' visits are out of the problem; every other funded visit is routed by the routing
stage as a fresh plan is (`planner.route.route`: bundles, parts, every search), told the
previous routes (`Settings.previous`): each visit pays `CHANGE_PENALTY` when moved off the
team-day that made it, and the search starts from those routes, so a visit that need not move
is not moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.allocation import Allocation
from planner.plan import Plan, Route
from planner.route import Settings, route
from planner.scenario import Scenario


def reroute(
    allocation: Allocation,
    open_scenario: Scenario,
    kept: Sequence[Route],
    previous: Sequence[Route],
    settings: Settings,
) -> Plan:
    """The plan: `kept` routes unchanged, the open days routed anew, all under `allocation`."""
    fixed = {visit.household_id for route in kept for visit in route.visits}
    routed = allocation.model_copy(
        update={
            "cases": allocation.cases.model_copy(update={"scenario": open_scenario}),
            "grants": tuple(g for g in allocation.grants if g.household_id not in fixed),
        }
    )
    plan = route(routed, replace(settings, previous=tuple(previous)))
    order = {team.id: i for i, team in enumerate(allocation.cases.scenario.teams)}
    routes = sorted([*kept, *plan.routes], key=lambda r: (order.get(r.team_id, len(order)), r.date))
    return plan.model_copy(update={"allocation": allocation, "routes": tuple(routes)})
