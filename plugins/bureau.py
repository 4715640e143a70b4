"""A bureau's visits to its needy staff (seed 002 plan 5): 8 groups, 20–28 January, 1,000 yuan.

The bureau's working committee sends 8 groups, each led by a bureau leader (局领导) with staff of
the departments concerned, to its enterprises and institutions. Every listed household is visited
at home (登门入户, 不漏户) between 20 and 28 January, each group on the days its own leader
chooses: in the scenario, each team lists its leader's days. 1,000 yuan per household.

Options under `rules: bureau:` are the fields of `BureauOptions`.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import Field

from planner import hookimpl
from planner.calendar_cn import parse_span
from planner.cases import Cases
from planner.reasons import Reason
from planner.rule_types import (
    Category,
    Eligibility,
    Finding,
    SpanText,
    VisitDecision,
    plugin_options,
)
from planner.scenario import Frozen, Household, Scenario
from plugins.common import DAYS_OUTSIDE, days_outside, default_amount, listed_eligibility

NAME = "bureau"


class BureauOptions(Frozen):
    """`rules: bureau:` in scenario.yaml."""

    window: SpanText = "1月20日至1月28日"
    """走访慰问时间统一安排在1月20日至28日期间."""
    tier: str = "局领导"
    """The tier of the groups' leaders, which every visit needs."""
    amount: int = Field(default=1000, gt=0)
    """慰问金以每户1000元为标准发放, where the budget names no standard."""


CATEGORIES = (
    Category(
        name="低保员工",
        english="employee on the minimum living allowance",
        english_description="employees receiving the minimum living allowance",
        aliases=("低保户员工",),
        description="享受低保的员工",
    ),
    Category(
        name="困难员工",
        english="employee in hardship",
        english_description="employees living in hardship",
        aliases=("生活困难员工",),
        description="生活困难员工",
    ),
    Category(
        name="大病员工家庭",
        english="family of an employee with a serious illness",
        english_description="families of employees with a serious illness",
        aliases=("重病员工家庭",),
        description="患大病员工家庭",
    ),
    Category(
        name="意外伤害员工家庭",
        english="family of an employee hurt in an accident",
        english_description="families of employees hurt in accidents or disasters",
        aliases=("遭受意外伤害员工家庭", "灾害员工家庭", "受灾员工家庭"),
        description="遭受意外伤害和灾害员工家庭",
    ),
)


def options(scenario: Scenario) -> BureauOptions:
    """The scenario's `rules: bureau:` options."""
    return plugin_options(scenario, NAME, BureauOptions)


REASONS: dict[str, tuple[str, str]] = {
    "bureau.home_visit": (
        "登门入户，把慰问金送到家中",
        "a home visit: the grant is handed over at the door",
    ),
    "bureau.wrong_tier": (
        "{team}的层级是{tier}；每组须由{wanted}带队",
        "team {team} has tier {tier}; each group is led by a {wanted}",
    ),
    "bureau.days_outside": DAYS_OUTSIDE,
    "bureau.window": ("局里的走访时间", "the bureau's window"),
}
"""The bureau's reasons: code → (Chinese, English) templates."""


@hookimpl
def songnuan_register_reasons(register: Callable[[str, str, str], None]) -> None:
    for code, (zh, en) in REASONS.items():
        register(code, zh, en)


@hookimpl
def songnuan_rule_options() -> type[BureauOptions]:
    return BureauOptions


@hookimpl
def songnuan_register_categories(register: Callable[[Category], None]) -> None:
    for category in CATEGORIES:
        register(category)


@hookimpl
def songnuan_eligibility(household: Household) -> Eligibility | None:
    return listed_eligibility(household, CATEGORIES)


@hookimpl
def songnuan_standard_amount(household: Household, scenario: Scenario) -> int | None:
    amounts = {category.name: options(scenario).amount for category in CATEGORIES}
    return default_amount(household, scenario, amounts)


@hookimpl
def songnuan_visit(household: Household, scenario: Scenario) -> VisitDecision | None:
    """Every listed household is visited at home by a group led by a bureau leader."""
    if listed_eligibility(household, CATEGORIES) is None:
        return None
    reason = Reason.of("bureau.home_visit")
    return VisitDecision(visit="must", tier=options(scenario).tier, reason=reason)


@hookimpl
def songnuan_check(cases: Cases) -> list[Finding]:
    """Groups not led by a bureau leader, and days outside 20–28 January."""
    scenario = cases.scenario
    settings = options(scenario)
    found = [
        Finding(
            message=Reason.of(
                "bureau.wrong_tier", team=team.name, tier=team.tier, wanted=settings.tier
            ),
            file="scenario.yaml",
            column="teams",
        )
        for team in scenario.teams
        if team.tier != settings.tier
    ]
    window = parse_span(settings.window, scenario.campaign.year)
    what = Reason.of("bureau.window")
    return found + days_outside(scenario, window, {settings.tier}, "bureau.days_outside", what)
