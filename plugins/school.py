"""A university's Spring Festival visits (seed 002 plans 1 and 6): categories, offices, funds.

Each category of the school's list has a responsible office (负责单位): the students' office
visits needy students, the retirees' office the founding elders and retired cadres, the armed
forces office the garrison, and so on. Here the office is the team tier that must make the
visit, so each office's team goes to its own households; a scenario names its teams' tiers after
the offices. The party and president's office (党政办) assigns the cars from one central pool
(车辆由党政办统一安排): that is the scenario's `travel.vehicles_per_day`, shared by all teams.

Grants are paid from separate named funds (学院划拨经费, 离退休经费 …): every category must be
paid by a budget line that names it, never by a general line; where one is not, a notice says
so. Every retiree receives 100 yuan without a visit (the group dinner is their gathering); the
visited retirees, special-grade teachers and veterans 100 yuan each (plan 6). Other amounts come
from the budget. Options under `rules: school:` are the fields of `SchoolOptions`.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import Field

from planner import hookimpl
from planner.cases import Cases, VisitWish
from planner.reasons import Reason
from planner.rule_types import Category, Eligibility, Finding, VisitDecision, plugin_options
from planner.rules import category_reason
from planner.scenario import Frozen, Household, Scenario
from plugins.common import default_amount, listed_eligibility

NAME = "school"
RETIREES = "离退休人员"
POVERTY_PAIRS = "精准扶贫帮扶户"


class SchoolOptions(Frozen):
    """`rules: school:` in scenario.yaml."""

    offices: dict[str, str] = Field(default_factory=dict)
    """A different responsible office for some categories: category → office (team tier)."""


CATEGORIES = (
    Category(
        name="困难教职工",
        english="staff member in hardship",
        english_description="staff members living in hardship",
        aliases=("生活困难教职工",),
        description="生活困难的教职工",
    ),
    Category(
        name="困难学生",
        english="student in hardship",
        english_description="students of families in financial hardship, with good grades",
        aliases=("家庭经济困难学生", "贫困学生"),
        description="家庭经济困难且品学兼优的学生",
    ),
    Category(
        name="困难党员",
        english="Party member in hardship",
        english_description="the branch's Party members in hardship",
        description="所属困难党员",
    ),
    Category(
        name="老同志",
        english="senior colleague",
        english_description=(
            "founders of the college, veteran retired cadres, retired provincial cadres and "
            "former model workers"
        ),
        aliases=("建院元老", "离休干部", "退休省管干部", "老模范", "县处级以上退休干部"),
        description="建院元老、离休干部、退休省管干部、老模范",
    ),
    Category(name="特级教师", english="special-grade teacher", description="特级教师"),
    Category(
        name="退役军人及军烈属",
        english="veteran or soldier's or martyr's family",
        english_description=(
            "discharged, demobilised and transferred soldiers; families of soldiers and martyrs"
        ),
        aliases=("退伍军人", "复员军人", "转业军人", "军属", "烈属"),
        description="退伍、复员、转业军人，军属、烈属",
    ),
    Category(
        name=RETIREES,
        english="retiree",
        english_description="the Spring Festival grant for every retiree",
        aliases=("全体离退休人员",),
        description="全体离退休人员春节慰问金",
    ),
    Category(
        name="寒假留校学生",
        english="student on campus over the winter break",
        aliases=("留校学生",),
        description="寒假留校学生",
    ),
    Category(
        name="留学生",
        english="international student",
        english_description="international students, greeted together at Spring Festival",
        description="留学生春节集体慰问",
    ),
    Category(
        name="驻地部队",
        english="local garrison",
        english_description="officers and soldiers of the local garrison",
        aliases=("军分区部队官兵", "部队官兵"),
        description="驻地部队官兵",
    ),
    Category(
        name=POVERTY_PAIRS,
        english="poverty-alleviation partner household",
        english_description=(
            "poverty-alleviation partner household, visited at home by a school leader"
        ),
        description="精准扶贫帮扶户，校领导入户走访",
    ),
    Category(
        name="坚守岗位后勤人员",
        english="logistics staff on duty",
        english_description="logistics staff on duty over the Spring Festival",
        aliases=("后勤人员",),
        description="春节期间坚守一线的后勤人员",
    ),
    Category(
        name="坚守岗位安保人员",
        english="security staff on duty",
        english_description="security staff on duty over the Spring Festival",
        aliases=("安保人员",),
        description="春节期间坚守一线的安保人员",
    ),
)

OFFICES = {
    "困难教职工": "校工会",
    "困难学生": "学工处",
    "困难党员": "分党委",
    "老同志": "离退休工作处",
    "特级教师": "人事处",
    "退役军人及军烈属": "人事处",
    RETIREES: "离退休工作处",
    "寒假留校学生": "学工处",
    "留学生": "国际教育学院",
    "驻地部队": "武装部",
    POVERTY_PAIRS: "党政办",
    "坚守岗位后勤人员": "后勤处",
    "坚守岗位安保人员": "保卫处",
}
"""负责单位 of each category (plan 1; plan 6 for teachers and veterans)."""

STANDARDS = {"老同志": 100, "特级教师": 100, "退役军人及军烈属": 100, RETIREES: 100}
"""Plan 6's amounts (人均100元; 离退休人员春节慰问金100元), where the budget names none."""

VISITS: dict[str, VisitWish] = {RETIREES: "no", POVERTY_PAIRS: "must"}
"""Retirees meet at the group dinner; every poverty-alleviation household is visited."""


OFFICE_ENGLISH = {
    "校工会": "staff union",
    "学工处": "student affairs office",
    "分党委": "Party branch committee",
    "离退休工作处": "retirees' office",
    "人事处": "personnel office",
    "国际教育学院": "school of international education",
    "武装部": "armed forces office",
    "党政办": "president's office",
    "后勤处": "logistics office",
    "保卫处": "security office",
}
"""The offices' names in English."""

REASONS: dict[str, tuple[str, str]] = {
    "school.responsible": ("负责单位：{office}", "responsible office: {office}"),
    "school.gathering": (
        "春节团拜会集体慰问，不入户",
        "greeted together at the Spring Festival gathering; no home visit",
    ),
    "school.no_team": (
        "{category}由{office}走访，但没有层级为{office}的小组",
        "{category} is visited by {office}, but no team has tier {office}",
    ),
    "school.general_line": (
        "{category}由通用渠道{line}支付：请为其指定专项经费",
        "{category} is paid from the general line {line}: name its own fund",
    ),
    **{f"school.office.{name}": (name, english) for name, english in OFFICE_ENGLISH.items()},
}
"""The school's reasons: code → (Chinese, English) templates."""


def office(category: str, scenario: Scenario) -> str:
    """The office responsible for a category, the scenario's choice first."""
    settings = plugin_options(scenario, NAME, SchoolOptions)
    return settings.offices.get(category) or OFFICES.get(category, "")


@hookimpl
def songnuan_rule_options() -> type[SchoolOptions]:
    return SchoolOptions


@hookimpl
def songnuan_register_reasons(register: Callable[[str, str, str], None]) -> None:
    for code, (zh, en) in REASONS.items():
        register(code, zh, en)


def office_reason(name: str) -> Reason | str:
    """An office as a reason parameter: in English where the school knows its English name."""
    return Reason.of(f"school.office.{name}") if name in OFFICE_ENGLISH else name


@hookimpl
def songnuan_register_categories(register: Callable[[Category], None]) -> None:
    for category in CATEGORIES:
        register(category)


@hookimpl
def songnuan_eligibility(household: Household) -> Eligibility | None:
    return listed_eligibility(household, CATEGORIES)


@hookimpl
def songnuan_standard_amount(household: Household, scenario: Scenario) -> int | None:
    return default_amount(household, scenario, STANDARDS)


@hookimpl
def songnuan_visit(household: Household, scenario: Scenario) -> VisitDecision | None:
    """The responsible office's team visits; retirees are not visited, poverty pairs must be."""
    if household.category not in OFFICES:
        return None
    responsible = office(household.category, scenario)
    visit = VISITS.get(household.category, "may")
    if visit == "no":
        reason = Reason.of("school.gathering")
    else:
        reason = Reason.of("school.responsible", office=office_reason(responsible))
    return VisitDecision(visit=visit, tier=responsible if visit != "no" else "", reason=reason)


@hookimpl
def songnuan_check(cases: Cases) -> list[Finding]:
    """Offices without a team for their visits; categories not paid from a named fund."""
    scenario = cases.scenario
    used = sorted({case.category for case in cases.cases if case.category in OFFICES})
    tiers = {team.tier for team in scenario.teams}
    found = []
    for category in used:
        responsible = office(category, scenario)
        visited = any(case.category == category and case.visit != "no" for case in cases.cases)
        if visited and responsible not in tiers:
            message = Reason.of(
                "school.no_team",
                category=category_reason(category),
                office=office_reason(responsible),
            )
            found.append(Finding(message=message, file="scenario.yaml", column="teams"))
        line = scenario.budget.line_for(category)
        if line is not None and category not in line.categories:
            message = Reason.of(
                "school.general_line", category=category_reason(category), line=line.name
            )
            found.append(Finding(message=message, file="scenario.yaml", column="budget.lines"))
    return found
