"""The figures an office checks first, computed from a Plan as plain data.

Kept apart from the CLI so that tests (and later the report) use the same numbers the terminal
shows: households funded per category, per district and per budget line, money left per line,
visits planned and dropped, road hours per team.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from planner.cases import Case
from planner.plan import Plan


@dataclass(frozen=True)
class CategoryFigures:
    category: str
    eligible: int
    funded: int
    amount: int


@dataclass(frozen=True)
class DistrictFigures:
    district: str
    eligible: int
    funded: int
    amount: int


@dataclass(frozen=True)
class LineFigures:
    line_id: str
    name: str
    budget: int
    allocated: int
    left: int
    households: int


@dataclass(frozen=True)
class TeamFigures:
    team_id: str
    name: str
    days: int
    visits: int
    road_minutes: int


@dataclass(frozen=True)
class Summary:
    households: int
    eligible: int
    funded: int
    allocated: int
    total_budget: int
    categories: tuple[CategoryFigures, ...]
    districts: tuple[DistrictFigures, ...]
    lines: tuple[LineFigures, ...]
    teams: tuple[TeamFigures, ...]
    visits_planned: int
    visits_dropped: int
    must_visits_dropped: int
    route_status: str = ""
    """How the route search ended (`planner.route.solution.Status`'s code)."""


def summarise(plan: Plan) -> Summary:
    """The summary figures of a plan."""
    allocation = plan.allocation
    cases = allocation.cases.cases
    amounts = {grant.household_id: grant.amount for grant in allocation.grants}
    lines = tuple(
        LineFigures(use.line_id, use.name, use.budget, use.allocated, use.left, use.households)
        for use in allocation.lines
    )
    teams = []
    for team in allocation.cases.scenario.teams:
        routes = [route for route in plan.routes if route.team_id == team.id]
        teams.append(
            TeamFigures(
                team_id=team.id,
                name=team.name,
                days=len(routes),
                visits=sum(len(route.visits) for route in routes),
                road_minutes=sum(route.travel_minutes for route in routes),
            )
        )
    return Summary(
        households=len(cases),
        eligible=sum(1 for case in cases if case.eligible),
        funded=len(allocation.grants),
        allocated=allocation.total_allocated,
        total_budget=allocation.total_budget,
        categories=tuple(
            CategoryFigures(*figures) for figures in _by(cases, amounts, lambda c: c.category)
        ),
        districts=tuple(
            DistrictFigures(*figures) for figures in _by(cases, amounts, lambda c: c.district)
        ),
        lines=lines,
        teams=tuple(teams),
        visits_planned=len(plan.visits),
        visits_dropped=len(plan.dropped),
        must_visits_dropped=sum(1 for dropped in plan.dropped if dropped.must),
        route_status=plan.solver_status,
    )


def _by(
    cases: Sequence[Case], amounts: dict[str, int], key: Callable[[Case], str]
) -> list[tuple[str, int, int, int]]:
    """(group, eligible, funded, yuan) for each group of cases, in order of first appearance."""
    groups: dict[str, list[Case]] = {}
    for case in cases:
        groups.setdefault(key(case), []).append(case)
    return [
        (
            name,
            sum(1 for case in members if case.eligible),
            sum(1 for case in members if case.household_id in amounts),
            sum(amounts.get(case.household_id, 0) for case in members),
        )
        for name, members in groups.items()
    ]
