"""The figures an office checks first, computed from a Plan as plain data.

Kept apart from the CLI so that tests (and later the report) use the same numbers the terminal
shows: households funded per category, per district and per budget line, money left per line,
visits planned and dropped, road hours per team.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from planner.cases import Case
from planner.fairness import Fairness, district_fairness
from planner.i18n import Lang
from planner.loads import TeamLoad, TierLoads, load_figures
from planner.plan import Plan
from planner.reasons import ReasonBook
from planner.route.explain import status_reason
from planner.route.solution import Status


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
    """Households funded, with a visit wished for, that no team visits (获资助未走访)."""
    must_visits_dropped: int
    fairness: Fairness
    """Coverage per district and its Gini (`planner.fairness`)."""
    allocation_proven: bool
    """False when the allocation is the best CP-SAT found, not proven best."""
    allocation_status: object = ""
    """The allocation solver's state as the allocation gives it (`solver_words` says it)."""
    routing_status: object = ""
    """The routing search's state as routing gives it (a code, or an enum)."""
    loads: tuple[TierLoads, ...] = ()
    """Each team's load and the spread per tier (`planner.loads`)."""


def summarise(plan: Plan) -> Summary:
    """The summary figures of a plan."""
    allocation = plan.allocation
    cases = allocation.cases.cases
    amounts = {grant.household_id: grant.amount for grant in allocation.grants}
    lines = tuple(
        LineFigures(use.line_id, use.name, use.budget, use.allocated, use.left, use.households)
        for use in allocation.lines
    )
    teams, loads = [], []
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
        made = teams[-1]
        loads.append(
            TeamLoad(
                team.id,
                team.name,
                team.tier,
                made.days,
                made.visits,
                made.road_minutes,
                team.min_days,
                team.min_visits,
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
        fairness=district_fairness(allocation),
        allocation_proven=allocation.proven_best,
        allocation_status=allocation.solver_status,
        routing_status=plan.solver_status,
        loads=load_figures(loads),
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


STATE_WORDS: dict[str, tuple[str, str]] = {
    "OPTIMAL": ("最优", "optimal"),
    "FEASIBLE": ("可行，未证明最优", "feasible, not proven optimal"),
    "UNKNOWN": ("未完成", "not settled"),
    "ROUTING_OPTIMAL": ("最优", "optimal"),
    "ROUTING_SUCCESS": ("已找到", "found"),
    "ROUTING_PARTIAL_SUCCESS_LOCAL_OPTIMUM_NOT_REACHED": (
        "已找到，搜索停止时仍可能改进",
        "found; the search stopped while it could still improve them",
    ),
    "ROUTING_FAIL_TIMEOUT": ("时限内未找到", "none within the time limit"),
    "NO_VISITS": ("没有需要安排的走访", "no visits to plan"),
}
"""Plain words for the solvers' states, by the code the solvers give."""

ROUTE_STATUS_CODES = frozenset(status.value for status in Status)
"""The codes the route search ends with today (older plan.json files hold OR-Tools' codes)."""

STAGES = (("经费分配", "grants"), ("路线", "routes"))
"""What each of the two states is about."""

CODE = re.compile(r"[A-Z0-9_.+]+")
"""What a solver's code looks like, as opposed to words."""

UNSETTLED = ("未得出结果", "no result")
"""What any other state (failed, invalid, not solved) comes to for a reader."""


def solver_words(allocation: object, routing: object, lang: Lang = "zh") -> str:
    """The allocation's and the routing's state in plain words, never as a solver's code:
    `经费分配：最优；路线：已找到` / `grants: optimal; routes: found`.

    Each may be a code (`ROUTING_SUCCESS`, or several joined by `+` for a plan routed in parts)
    or an enum member: one whose text is already plain words is shown as it is, one that prints
    as a code is looked up by its name.
    """
    english = lang == "en"
    said = [
        f"{stage[english]}{': ' if english else '：'}{state(status, lang)}"
        for stage, status, state in zip(
            STAGES, (allocation, routing), (_state, _routing_state), strict=True
        )
        if str(status)
    ]
    return ("; " if english else "；").join(said)


def _routing_state(status: object, lang: Lang) -> str:
    """The route search's state: the words of its `Status`, or of an older plan.json's code."""
    code = str(status.value if isinstance(status, enum.Enum) else status)
    if code in ROUTE_STATUS_CODES:
        return ReasonBook().render(status_reason(code), lang)
    return _state(status, lang)


def _state(status: object, lang: Lang) -> str:
    if isinstance(status, enum.Enum):
        text = str(status)
        if not CODE.fullmatch(text) and text != f"{type(status).__name__}.{status.name}":
            return text
        status = status.name
    words: list[str] = []
    for code in str(status).split("+"):
        said = STATE_WORDS.get(code, UNSETTLED)[lang == "en"]
        if said not in words:
            words.append(said)
    return ("、" if lang == "zh" else ", ").join(words)
