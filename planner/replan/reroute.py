"""Route the open team-days again, starting from the previous routes and paying for each move.

The kept days' visits are out of the problem; every other funded visit is a call of the routing
stage as usual, told which team-day made it before (`Call.previous`, when that team-day is still
open and may make it), so that the search pays `CHANGE_PENALTY` for each visit it moves. The
previous routes are also the start of the search (`search.solve`'s `initial`): the first
solution keeps them and inserts what is new, so a visit that need not move is not moved.

One search, not the campaign routed in parts (`decompose`): only a single search can start
from given routes, and a re-plan, which changes little, starts close to its answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.allocation import Allocation
from planner.plan import Plan, Route
from planner.route import search
from planner.route.convert import to_plan
from planner.route.errors import RoutingError
from planner.route.model import RoutingData, build
from planner.route.search import Solution
from planner.scenario import Scenario


def reroute(
    allocation: Allocation,
    open_scenario: Scenario,
    kept: Sequence[Route],
    previous: Sequence[Route],
    *,
    time_limit: float,
    solution_limit: int | None,
) -> Plan:
    """The plan: `kept` routes unchanged, the open days routed anew, all under `allocation`."""
    fixed = {visit.household_id for route in kept for visit in route.visits}
    routed = allocation.model_copy(
        update={
            "cases": allocation.cases.model_copy(update={"scenario": open_scenario}),
            "grants": tuple(g for g in allocation.grants if g.household_id not in fixed),
        }
    )
    data, initial = with_previous(build(routed), previous)
    solution = _solve(data, initial, time_limit, solution_limit)
    plan = to_plan(routed, data, solution)
    order = {team.id: i for i, team in enumerate(allocation.cases.scenario.teams)}
    routes = sorted([*kept, *plan.routes], key=lambda r: (order.get(r.team_id, len(order)), r.date))
    return plan.model_copy(update={"allocation": allocation, "routes": tuple(routes)})


def with_previous(
    data: RoutingData, previous: Sequence[Route]
) -> tuple[RoutingData, list[list[int]]]:
    """Each call told its previous vehicle, and each vehicle's previous calls in order.

    A call's previous vehicle counts only when it may make the call again: when it is gone
    (unavailable, kept) every vehicle is a change, and no choice among them should pay for it.
    """
    vehicle_of = {(vehicle.team_id, vehicle.date): v for v, vehicle in enumerate(data.vehicles)}
    was = {
        visit.household_id: vehicle_of.get((route.team_id, route.date))
        for route in previous
        for visit in route.visits
    }
    calls = tuple(
        replace(call, previous=was[call.household_id])
        if was.get(call.household_id) in call.vehicles
        else call
        for call in data.calls
    )
    position = {call.household_id: k for k, call in enumerate(calls)}
    initial: list[list[int]] = [[] for _ in data.vehicles]
    for route in previous:
        v = vehicle_of.get((route.team_id, route.date))
        if v is None:
            continue
        made = [position.get(visit.household_id) for visit in route.visits]
        initial[v] = [k for k in made if k is not None and calls[k].previous == v]
    return replace(data, calls=calls), initial


def _solve(
    data: RoutingData,
    initial: list[list[int]],
    time_limit: float,
    solution_limit: int | None,
) -> Solution:
    """Search from the previous routes; from scratch when OR-Tools will not start from them.

    The previous routes may no longer fit (the scenario's hours or roads changed since); the
    change penalties still keep the new plan close to them.
    """
    if not data.calls:
        return Solution(tours=(), dropped=(), objective=0, status="NO_VISITS")
    try:
        return search.solve(
            data, time_limit=time_limit, solution_limit=solution_limit, initial=initial
        )
    except RoutingError:
        return search.solve(data, time_limit=time_limit, solution_limit=solution_limit)
