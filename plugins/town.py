"""A town's visits to needy households before Spring Festival (seed 002 plan 4).

County leaders lead the groups (县级领导带队) from 腊月初十 to 腊月十八, lunar dates that this
plugin resolves for the campaign year (in the 2027 campaign: 17–25 January 2027). The town's
categories: disaster-hit, five-guarantee (五保户) and low-income (低保户) households, laid-off
workers, priority-care families, family-planning poor, needy party members, the very old,
orphans and disabled people; the garrison, retired cadres, community representatives, and the
county leaders' pair-up households (交友帮扶), whom their leader must visit.

按省市要求，困难群众应尽量选择在偏远贫困、干部去的较少的村组: villages that earlier campaigns
rarely reached come first. "Rarely" is read from history.csv: the fewer of the last
`history_years` campaigns reached a village, the higher the priority of its households.

Options under `rules: town:` are the fields of `TownOptions`.
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
    Priority,
    SpanText,
    VisitDecision,
    plugin_options,
)
from planner.scenario import Frozen, Household, Scenario
from plugins.common import DAYS_OUTSIDE, days_outside, listed_eligibility

NAME = "town"
PAIRED = "交友帮扶对象"


class TownOptions(Frozen):
    """`rules: town:` in scenario.yaml."""

    window: SpanText = "腊月初十至腊月十八"
    tier: str = "县领导"
    """The tier of the leaders who lead the groups."""
    history_years: int = Field(default=3, gt=0)
    """How many earlier campaigns count when judging whether a village is rarely reached."""
    remote_kinds: tuple[str, ...] = ("村",)
    """Kinds of place (places.csv 类型) that count as villages for that preference."""


CATEGORIES = (
    Category(
        name="受灾特困户",
        english="household in extreme hardship after a disaster",
        aliases=("受灾户",),
        description="受灾特困户",
    ),
    Category(
        name="五保户",
        english="five-guarantees household",
        english_description="rural resident under the five guarantees",
        description="农村五保供养对象",
    ),
    Category(
        name="低保户",
        english="minimum-living-allowance household",
        english_description="urban or rural minimum-living-allowance household",
        aliases=("城乡低保户", "城市低保户", "农村低保户"),
        description="城乡低保户",
    ),
    Category(name="下岗职工", english="laid-off worker", description="下岗职工"),
    Category(
        name="重点优抚对象",
        english="priority entitled family (veterans and martyrs)",
        aliases=("优抚对象",),
        description="重点优抚对象",
    ),
    Category(
        name="计生贫困户",
        english="family-planning household in poverty",
        english_description="family-planning family in poverty",
        description="计划生育贫困家庭",
    ),
    Category(name="困难党员", english="Party member in hardship", description="困难党员"),
    Category(name="高龄老人", english="very old person", description="高龄老人"),
    Category(name="孤儿", english="orphan", description="孤儿"),
    Category(
        name="残疾人",
        english="person with disabilities",
        english_description="person with disabilities in hardship",
        aliases=("困难残疾人",),
        description="困难残疾人",
    ),
    Category(name="驻地部队", english="local garrison", aliases=("驻军",), description="驻地部队"),
    Category(
        name="离退休老干部",
        english="retired veteran cadre",
        aliases=("离退休干部",),
        description="离退休老干部",
    ),
    Category(
        name="各界代表人士", english="representative of the community", description="各界代表人士"
    ),
    Category(
        name=PAIRED,
        english="household paired with a county leader",
        english_description="household paired with a county leader for help",
        aliases=("县级领导交友帮扶对象",),
        description="县级领导交友帮扶对象",
    ),
)


def options(scenario: Scenario) -> TownOptions:
    """The scenario's `rules: town:` options."""
    return plugin_options(scenario, NAME, TownOptions)


REASONS: dict[str, tuple[str, str]] = {
    "town.not_village": ("非村组", "not a village"),
    "town.remote": (
        "偏远村组：近{years}年走访过{count}次",
        "remote village: visited {count} time(s) in the last {years} years",
    ),
    "town.paired": ("县级领导交友帮扶对象", "household paired with a county leader for help"),
    "town.home_visit": ("县级领导带队上门走访", "home visit led by a county leader"),
    "town.days_outside": DAYS_OUTSIDE,
    "town.window": ("镇里的走访时间", "the town's window"),
}
"""The town's reasons: code → (Chinese, English) templates."""


@hookimpl
def songnuan_register_reasons(register: Callable[[str, str, str], None]) -> None:
    for code, (zh, en) in REASONS.items():
        register(code, zh, en)


@hookimpl
def songnuan_rule_options() -> type[TownOptions]:
    return TownOptions


@hookimpl
def songnuan_register_categories(register: Callable[[Category], None]) -> None:
    for category in CATEGORIES:
        register(category)


@hookimpl
def songnuan_eligibility(household: Household) -> Eligibility | None:
    return listed_eligibility(household, CATEGORIES)


@hookimpl
def songnuan_priority(household: Household, scenario: Scenario) -> Priority | None:
    """Villages reached by fewer of the last campaigns first; towns and offices after them."""
    settings = options(scenario)
    if scenario.place(household.place).kind not in settings.remote_kinds:
        return Priority(level=0, reason=Reason.of("town.not_village"))
    reached = _years_reached(household.place, scenario, settings.history_years)
    level = 1 + settings.history_years - len(reached)
    reason = Reason.of("town.remote", years=settings.history_years, count=len(reached))
    return Priority(level=level, reason=reason)


def _years_reached(place: str, scenario: Scenario, years: int) -> set[int]:
    """The earlier campaigns, of the last `years`, that visited someone at `place`."""
    homes = {household.id: household.place for household in scenario.households}
    first = scenario.campaign.year - years
    return {
        entry.year
        for entry in scenario.history
        if first <= entry.year < scenario.campaign.year
        and (entry.place or homes.get(entry.household_id)) == place
    }


@hookimpl
def songnuan_visit(household: Household, scenario: Scenario) -> VisitDecision | None:
    """County leaders visit; a leader's pair-up household must be visited."""
    if listed_eligibility(household, CATEGORIES) is None:
        return None
    tier = options(scenario).tier
    if household.category == PAIRED:
        return VisitDecision(visit="must", tier=tier, reason=Reason.of("town.paired"))
    return VisitDecision(visit="may", tier=tier, reason=Reason.of("town.home_visit"))


@hookimpl
def songnuan_check(cases: Cases) -> list[Finding]:
    """Team days outside 腊月初十–腊月十八 (or the scenario's window)."""
    scenario = cases.scenario
    settings = options(scenario)
    window = parse_span(settings.window, scenario.campaign.year)
    what = Reason.of("town.window")
    return days_outside(scenario, window, {settings.tier}, "town.days_outside", what)
