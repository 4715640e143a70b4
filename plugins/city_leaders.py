"""Provincial- and city-leader visits (seed 002 plan 3), on top of an organisation's own rules.

A city union prepares the visits of higher leaders: provincial union leaders visit needy
households from New Year to the end of January, 2,000 yuan each; city leaders visit on
2月6日–10日. For them each county (县区) nominates two needy enterprises and two households in each,
four households in all, by a deadline ("于5日下午前报市总工会"). The union decides who is
eligible (use this plugin with `union`); this plugin makes the nominated households must-visits
for the city leaders, pays the provincial standard, and reports nominations that are late or do
not match two enterprises × two households, and leader days outside their windows.

A nominated household has a date in the `提名日期` column (the day its county sent the name); a
household a provincial leader visits has `省领导` in `慰问层级`. Options under
`rules: city_leaders:` are the fields of `CityLeaderOptions`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from pydantic import Field

from planner import hookimpl
from planner.calendar_cn import CalendarError, parse_day, parse_span
from planner.cases import Cases
from planner.reasons import Reason
from planner.rule_types import CampaignDay, Finding, SpanText, VisitDecision, plugin_options
from planner.scenario import Frozen, Household, Scenario
from plugins.common import DAYS_OUTSIDE, days_outside

NAME = "city_leaders"


class CityLeaderOptions(Frozen):
    """`rules: city_leaders:` in scenario.yaml."""

    provincial_tier: str = "省领导"
    city_tier: str = "市领导"
    provincial_amount: int = Field(default=2000, gt=0)
    """Yuan for each household a provincial leader visits (每户2000元慰问金)."""
    provincial_window: SpanText = "1月1日至1月31日"
    """从元旦开始，到1月底结束."""
    city_window: SpanText = "2月6日至2月10日"
    """市领导同志的走访慰问的时间是2月6日至10日."""
    nomination_column: str = "提名日期"
    nomination_deadline: CampaignDay | None = None
    """The day nominations are due; later ones are reported. None: no deadline is checked."""
    enterprises_per_county: int = Field(default=2, gt=0)
    households_per_enterprise: int = Field(default=2, gt=0)


def options(scenario: Scenario) -> CityLeaderOptions:
    """The scenario's `rules: city_leaders:` options."""
    return plugin_options(scenario, NAME, CityLeaderOptions)


def nominated(household: Household, settings: CityLeaderOptions) -> bool:
    """A county nominated the household: its nomination date is filled in."""
    return bool(household.extra.get(settings.nomination_column, "").strip())


REASONS: dict[str, tuple[str, str]] = {
    "city_leaders.provincial": ("省领导走访慰问", "visited by a provincial leader"),
    "city_leaders.nominated": (
        "县区推荐的特困企业职工，市领导走访慰问",
        "worker of a struggling enterprise nominated by the county, visited by a city leader",
    ),
    "city_leaders.unreadable": ("{household}：{error}", "{household}: {error}"),
    "city_leaders.late": (
        "{household}于{day}提名，晚于截止日期{deadline}{late}天",
        "{household} nominated on {day}, {late} day(s) after the deadline {deadline}",
    ),
    "city_leaders.enterprises": (
        "{county}推荐了{count}个企业，应为{wanted}个",
        "{county} nominated {count} enterprise(s), expected {wanted}",
    ),
    "city_leaders.households": (
        "{county}推荐了{unit}的{count}户，应为{wanted}户",
        "{county} nominated {count} household(s) of {unit}, expected {wanted}",
    ),
    "city_leaders.days_outside": DAYS_OUTSIDE,
    "city_leaders.provincial_window": ("省领导走访时间", "the provincial window"),
    "city_leaders.city_window": ("市领导走访时间", "the city window"),
}
"""This plugin's reasons: code → (Chinese, English) templates."""


@hookimpl
def songnuan_register_reasons(register: Callable[[str, str, str], None]) -> None:
    for code, (zh, en) in REASONS.items():
        register(code, zh, en)


@hookimpl
def songnuan_rule_options() -> type[CityLeaderOptions]:
    return CityLeaderOptions


@hookimpl(tryfirst=True)
def songnuan_standard_amount(household: Household, scenario: Scenario) -> int | None:
    """A provincial leader's visit carries the provincial standard, whatever the category."""
    settings = options(scenario)
    return settings.provincial_amount if household.tier == settings.provincial_tier else None


@hookimpl
def songnuan_visit(household: Household, scenario: Scenario) -> VisitDecision | None:
    """Nominated and provincial households must be visited, by the tier that visits them."""
    settings = options(scenario)
    if household.tier == settings.provincial_tier:
        reason = Reason.of("city_leaders.provincial")
        return VisitDecision(visit="must", tier=settings.provincial_tier, reason=reason)
    if nominated(household, settings):
        reason = Reason.of("city_leaders.nominated")
        return VisitDecision(visit="must", tier=household.tier or settings.city_tier, reason=reason)
    return None


@hookimpl
def songnuan_check(cases: Cases) -> list[Finding]:
    """Late or malformed nominations, counties off the 2 × 2 rule, leader days off-window."""
    scenario = cases.scenario
    settings = options(scenario)
    districts = {case.household_id: case.district for case in cases.cases}
    chosen = [h for h in scenario.households if nominated(h, settings)]
    found = [
        notice
        for household in chosen
        if (notice := _late(household, scenario, settings)) is not None
    ]
    found += _counts(chosen, districts, settings)
    year = scenario.campaign.year
    provincial = parse_span(settings.provincial_window, year)
    code = "city_leaders.days_outside"
    what = Reason.of("city_leaders.provincial_window")
    found += days_outside(scenario, provincial, {settings.provincial_tier}, code, what)
    city = parse_span(settings.city_window, year)
    found += days_outside(
        scenario, city, {settings.city_tier}, code, Reason.of("city_leaders.city_window")
    )
    return found


def _late(household: Household, scenario: Scenario, settings: CityLeaderOptions) -> Finding | None:
    """A notice when the nomination date cannot be read, or is after the deadline."""
    column = settings.nomination_column
    message: Reason | None = None
    try:
        day = parse_day(household.extra[column], scenario.campaign.year)
    except CalendarError as error:
        message = Reason.of("city_leaders.unreadable", household=household.id, error=str(error))
    deadline = settings.nomination_deadline
    if message is None and deadline is not None and day > deadline:
        message = Reason.of(
            "city_leaders.late",
            household=household.id,
            day=day,
            late=(day - deadline).days,
            deadline=deadline,
        )
    if message is None:
        return None
    return Finding(message=message, file=scenario.households_file, row=household.row, column=column)


def _counts(
    chosen: list[Household], districts: dict[str, str], settings: CityLeaderOptions
) -> list[Finding]:
    """每县区确定两个特困企业，每个企业确定两户: say where a county nominated otherwise."""
    by_county: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for household in chosen:
        by_county[districts[household.id]][household.unit] += 1
    found = []
    for county, units in sorted(by_county.items()):
        want_units, want_each = settings.enterprises_per_county, settings.households_per_enterprise
        if len(units) != want_units:
            message = Reason.of(
                "city_leaders.enterprises", county=county, count=len(units), wanted=want_units
            )
            found.append(Finding(message=message))
        for unit, count in sorted(units.items()):
            if count != want_each:
                message = Reason.of(
                    "city_leaders.households",
                    county=county,
                    unit=unit,
                    count=count,
                    wanted=want_each,
                )
                found.append(Finding(message=message))
    return found
