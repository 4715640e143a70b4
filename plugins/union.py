"""Trade-union rules (工会送温暖): who is a target, who is eligible, how big a household is.

From the county union's plan (seed 000 §1) and the district union's eligibility notice (§2):

- Targets: workers of loss-making or restructured enterprises (困难企业职工), national, provincial
  and city model workers (劳模), needy migrant workers employed in the county (农民工), and workers
  in hardship from illness, schooling, accidents or disasters (困难职工). Needy farmers and urban
  residents are not union targets.
- Money only for archived households (依档帮扶, 先建档、后帮扶、实名制); households visited last
  year are left out in principle.
- Income test against the local 低保 line L (yuan per person and month): per-capita income below
  150% of L; or up to 200% with children in school, disability or a single parent; or up to 300%
  with serious illness or a major accident; or, after such an illness or accident, this year's
  out-of-pocket medical cost or disaster loss of at least 20,000 yuan. Model workers are visited
  by their status, without the test.
- Household size: three by default; married = self + spouse + unmarried children; unmarried =
  parents + self + other unmarried members; single parents count their actual members.

From a city union's standards (seed 002 plan 2), each a default the budget may override:
archived needy households (建档困难职工) 600 yuan, with no further income test since the archive
survey was the test; needy workers of closed, loss-making or restructured enterprises who cannot
be archived (未建档企业困难职工) 300; front-line workers on duty over the holidays (一线职工)
200 a person; returning migrant workers (返乡农民工) 300 as a travel subsidy; and needy workers
outside the archive (非建档困难职工), once community and union have verified them (column 核实 =
是), up to 500.

From a city union's notice (seed 001) and another's leader visits (seed 002 plan 3): difficulty
classes 深度困难, 意外致困, 相对困难 set the priority; new-employment-form workers (truck and
ride-hailing drivers, couriers, delivery riders), laid-off workers, transferred army officers and
single-mother workers are union targets under the same archive and income rules.

Options under `rules: union:` in scenario.yaml are the fields of `UnionOptions`.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from pydantic import Field

from planner import hookimpl
from planner.cases import Cases
from planner.rule_types import Category, Eligibility, Finding, Priority, plugin_options
from planner.scenario import Frozen, Household, Scenario
from plugins.common import default_amount

NAME = "union"
MEDICAL_COST_THRESHOLD = 20_000
MODEL_WORKER = "劳模"
ARCHIVED = "建档困难职工"
UNARCHIVABLE = "未建档企业困难职工"
FRONT_LINE = "一线职工"
RETURNING = "返乡农民工"
VERIFIED = "非建档困难职工"


class UnionOptions(Frozen):
    """`rules: union:` in scenario.yaml."""

    dibao_line: int = Field(default=780, gt=0)
    """The local 低保 line, yuan per person and month (780: the district of seed 000 §2)."""
    exclude_visited_last_year: bool = True
    """原则上已经慰问过的不纳入: leave out households visited by last year's campaign."""
    verified_cap: int = Field(default=500, gt=0)
    """The most a verified needy worker outside the archive receives (500元以内)."""
    verified_column: str = "核实"
    """The households column where community and union mark a non-archived worker verified."""


CATEGORIES = (
    Category(
        name="困难企业职工",
        aliases=("改制企业职工", "困难企业职工（改制）"),
        description="生产经营困难企业、重组改制企业的困难职工",
    ),
    Category(
        name=MODEL_WORKER,
        aliases=("劳动模范", "全国劳模", "省级劳模", "市级劳模"),
        description="全国、省、市级劳动模范",
    ),
    Category(name="农民工", aliases=("困难农民工",), description="在本县内就业的困难农民工"),
    Category(
        name="困难职工",
        aliases=("因病困难职工", "因学困难职工", "因灾困难职工"),
        description="因大病、子女上学、遭受意外灾害等导致生活特别困难的职工",
    ),
    Category(
        name=ARCHIVED,
        aliases=("建档在册困难职工", "特困职工"),
        description="经生活状况调查、已建档在册的困难职工（农民工），每户600元",
    ),
    Category(
        name=UNARCHIVABLE,
        aliases=("不符合建档条件困难职工",),
        description="关停、亏损、改制、僵尸企业或遭受意外灾害造成困难，但不符合建档条件，每户300元",
    ),
    Category(
        name=FRONT_LINE,
        aliases=("节日坚守一线职工", "坚守一线职工", "一线医务人员", "环卫工人", "交警"),
        description="节日期间仍坚守一线的职工和农民工代表，每人200元",
    ),
    Category(
        name=RETURNING,
        aliases=("返乡农民工代表",),
        description="非本市户籍的困难农民工代表，平安返乡车票补贴每人300元",
    ),
    Category(
        name=VERIFIED,
        aliases=("非建档在册困难职工",),
        description="经社区和单位工会核实、生活确实困难的非建档职工，500元以内",
    ),
    Category(
        name="新就业形态劳动者",
        aliases=("货车司机", "网约车司机", "快递员", "外卖配送员", "外卖骑手"),
        description="货车司机、网约车司机、快递员、外卖配送员等新就业形态劳动者",
    ),
    Category(
        name="下岗失业职工",
        aliases=("下岗职工", "失业职工", "下岗失业人员"),
        description="下岗失业人员以及尚未纳入低保范围的特困职工",
    ),
    Category(name="军转干部", description="企业中生活困难的军转干部"),
    Category(name="单亲女职工", description="生活困难的单亲女职工"),
    Category(name="困难农民", targeted=False, description="不属于工会系统慰问对象"),
    Category(
        name="城镇居民",
        aliases=("困难城镇居民",),
        targeted=False,
        description="不属于工会系统慰问对象",
    ),
)

STANDARDS = {ARCHIVED: 600, UNARCHIVABLE: 300, FRONT_LINE: 200, RETURNING: 300}
"""Seed 002 plan 2's amounts, used where the scenario's budget names none."""

BY_STATUS = {
    MODEL_WORKER: "劳模按标准慰问",
    FRONT_LINE: "节日期间坚守一线，送慰问到岗位",
    RETURNING: "平安返乡行动，给予车票补贴",
    ARCHIVED: "建档在册困难职工，依档帮扶",
    UNARCHIVABLE: "困难企业职工，不符合建档条件",
}
"""Categories eligible by what they are, without the income test, and the reason given."""

NO_ARCHIVE_NEEDED = frozenset({FRONT_LINE, RETURNING, UNARCHIVABLE, VERIFIED})
"""Categories whose standard is paid without an archive (seed 002 plan 2)."""

DIFFICULTY_PRIORITY = {"深度困难": 3, "意外致困": 2, "相对困难": 1}


def options(scenario: Scenario) -> UnionOptions:
    """The scenario's `rules: union:` options."""
    return plugin_options(scenario, NAME, UnionOptions)


@hookimpl
def songnuan_rule_options() -> type[UnionOptions]:
    return UnionOptions


@hookimpl
def songnuan_needed_columns() -> dict[str, str]:
    """The income test reads the household's monthly income (its size may default to three)."""
    return {"monthly_income": "人均月收入与低保线比较"}


@hookimpl
def songnuan_register_categories(register: Callable[[Category], None]) -> None:
    for category in CATEGORIES:
        register(category)


@hookimpl
def songnuan_household_size(household: Household) -> int | None:
    """家庭成员一般按三口计算; married: self, spouse, unmarried children; others: actual count."""
    status = household.marital_status.strip()
    if household.single_parent or status == "单亲":
        if household.household_size:
            return household.household_size
        return 1 + household.children if household.children is not None else None
    if status == "已婚" and household.children is not None:
        return 2 + household.children
    if status == "未婚" and household.household_size:
        return household.household_size
    return None


@hookimpl
def songnuan_eligibility(household: Household, scenario: Scenario) -> Eligibility:
    """Archive, last year's visit, then status, verification or the 低保 multiples."""
    category = household.category
    if category not in NO_ARCHIVE_NEEDED and not household.archived:
        return Eligibility(eligible=False, reason="未建档：依档帮扶，先建档、后帮扶")
    if _visited_last_year(household, scenario):
        return Eligibility(
            eligible=False, reason=f"{scenario.campaign.year - 1}年已慰问，原则上不再纳入"
        )
    if category in BY_STATUS:
        return Eligibility(eligible=True, reason=BY_STATUS[category])
    if category == VERIFIED:
        return _verified(household, options(scenario))
    return _income_test(household, scenario)


def _visited_last_year(household: Household, scenario: Scenario) -> bool:
    if not options(scenario).exclude_visited_last_year:
        return False
    last_year = scenario.campaign.year - 1
    if household.last_visited_year == last_year:
        return True
    return any(
        entry.household_id == household.id and entry.year == last_year for entry in scenario.history
    )


def _verified(household: Household, settings: UnionOptions) -> Eligibility:
    """A worker outside the archive is helped only once community and union have checked."""
    if household.extra.get(settings.verified_column, "").strip() == "是":
        return Eligibility(eligible=True, reason="经社区和单位工会核实，生活确实困难")
    return Eligibility(
        eligible=False, reason=f"非建档职工须经社区和单位工会核实（{settings.verified_column}：是）"
    )


def _income_test(household: Household, scenario: Scenario) -> Eligibility:
    """The four eligibility clauses; reasons name thresholds, never the household's income."""
    line = options(scenario).dibao_line
    struck = household.serious_illness or household.accident
    if struck and household.medical_cost >= MEDICAL_COST_THRESHOLD:
        reason = "因大病或意外致困，本年度自负医药费或灾害损失达2万元以上"
        return Eligibility(eligible=True, reason=reason)
    per_capita = _per_capita_income(household)
    if per_capita is None:
        return Eligibility(eligible=False, reason="缺少家庭月收入，无法核定人均收入")
    if per_capita < Fraction(3, 2) * line:
        return Eligibility(eligible=True, reason=f"人均月收入低于低保线150%（{line * 3 // 2}元）")
    special = household.children_in_school or household.disabled or household.single_parent
    if special and per_capita <= 2 * line:
        return Eligibility(
            eligible=True,
            reason=f"人均月收入在低保线200%（{2 * line}元）以内，且子女上学、残疾或单亲",
        )
    if struck and per_capita <= 3 * line:
        return Eligibility(
            eligible=True,
            reason=f"患重大疾病或遭受重大意外，人均月收入在低保线3倍（{3 * line}元）以内",
        )
    return Eligibility(eligible=False, reason=f"人均月收入超出适用的低保线倍数（低保线{line}元）")


def _per_capita_income(household: Household) -> Fraction | None:
    """Monthly income per counted member, exact, so that 1170.00 is not 'below' 1170."""
    if household.monthly_income is None:
        return None
    size = songnuan_household_size(household) or household.household_size or 3
    return Fraction(household.monthly_income, size)


@hookimpl
def songnuan_standard_amount(household: Household, scenario: Scenario) -> int | None:
    """Seed 002 plan 2's standards where the budget names none; verified workers capped."""
    if household.category == VERIFIED:
        cap = options(scenario).verified_cap
        given = scenario.budget.standards.get(VERIFIED)
        return cap if given is None or given > cap else None
    return default_amount(household, scenario, STANDARDS)


@hookimpl
def songnuan_priority(household: Household, scenario: Scenario) -> Priority:
    """Deeper hardship first: 深度困难 3, 意外致困 2, 相对困难 1; +1 below the 低保 line or for
    a medical cost or loss of 20,000 yuan or more."""
    level = DIFFICULTY_PRIORITY.get(household.difficulty.strip(), 1)
    notes = [household.difficulty.strip() or "一般困难"]
    per_capita = _per_capita_income(household)
    if per_capita is not None and per_capita < options(scenario).dibao_line:
        level += 1
        notes.append("人均收入低于低保线")
    if household.medical_cost >= MEDICAL_COST_THRESHOLD:
        level += 1
        notes.append("大额医药费或灾害损失")
    return Priority(level=level, reason="优先级" + str(level) + "：" + "、".join(notes))


TRANSLATIONS = {
    "困难企业职工": "worker of an enterprise in difficulty",
    MODEL_WORKER: "model worker",
    "农民工": "migrant worker",
    "困难职工": "worker in hardship",
    ARCHIVED: "archived needy worker",
    UNARCHIVABLE: "needy enterprise worker who cannot be archived",
    FRONT_LINE: "front-line worker",
    RETURNING: "returning migrant worker",
    VERIFIED: "verified needy worker outside the archive",
    "新就业形态劳动者": "new-employment-form worker",
    "下岗失业职工": "laid-off or unemployed worker",
    "军转干部": "transferred army officer",
    "单亲女职工": "single-mother worker",
    "困难农民": "needy farmer",
    "城镇居民": "urban resident",
    "不属于工会系统慰问对象": "not a target of the union's campaign",
    "未建档：依档帮扶，先建档、后帮扶": (
        "not archived: help follows the archive (archive first, then help)"
    ),
    "{year}年已慰问，原则上不再纳入": "already helped in {year}; as a rule not included again",
    BY_STATUS[MODEL_WORKER]: "model workers receive the standard grant",
    BY_STATUS[FRONT_LINE]: "on duty over the holidays: the grant is brought to the workplace",
    BY_STATUS[RETURNING]: "safe-return campaign: a travel subsidy",
    BY_STATUS[ARCHIVED]: "archived needy worker, helped as the archive says",
    BY_STATUS[UNARCHIVABLE]: "worker of an enterprise in difficulty who cannot be archived",
    "经社区和单位工会核实，生活确实困难": "hardship verified by the community and the unit's union",
    "非建档职工须经社区和单位工会核实（{column}：是）": (
        "a worker outside the archive must be verified by the community and the unit's union "
        "({column}: 是)"
    ),
    "因大病或意外致困，本年度自负医药费或灾害损失达2万元以上": (
        "in hardship after a serious illness or accident, with own medical costs or losses of "
        "20,000 yuan or more this year"
    ),
    "缺少家庭月收入，无法核定人均收入": (
        "no monthly household income on file, so the per-capita income cannot be assessed"
    ),
    "人均月收入低于低保线150%（{amount}元）": (
        "per-capita monthly income below 150% of the minimum-living line ({amount} yuan)"
    ),
    "人均月收入在低保线200%（{amount}元）以内，且子女上学、残疾或单亲": (
        "per-capita monthly income within 200% of the minimum-living line ({amount} yuan), with "
        "children in school, a disability or a single parent"
    ),
    "患重大疾病或遭受重大意外，人均月收入在低保线3倍（{amount}元）以内": (
        "serious illness or major accident, per-capita monthly income within 3 times the "
        "minimum-living line ({amount} yuan)"
    ),
    "人均月收入超出适用的低保线倍数（低保线{line}元）": (
        "per-capita monthly income above the applicable multiple of the minimum-living line "
        "({line} yuan)"
    ),
    "优先级{level}：{notes}": "priority {level}: {notes}",
    "深度困难": "deep hardship",
    "意外致困": "hardship from an accident",
    "相对困难": "relative hardship",
    "一般困难": "ordinary hardship",
    "人均收入低于低保线": "per-capita income below the minimum-living line",
    "大额医药费或灾害损失": "large medical costs or losses",
}
"""English for the union's category names and reasons (`songnuan explain --lang en`)."""


@hookimpl
def songnuan_register_translations(register: Callable[[str, str], None]) -> None:
    for chinese, english in TRANSLATIONS.items():
        register(chinese, english)


@hookimpl
def songnuan_check(cases: Cases) -> list[Finding]:
    """A standard above the 500-yuan cap for verified non-archived workers is paid at the cap."""
    scenario = cases.scenario
    cap = options(scenario).verified_cap
    given = scenario.budget.standards.get(VERIFIED)
    if given is None or given <= cap:
        return []
    message = f"{VERIFIED} may receive at most {cap} yuan (500元以内); {given} is paid as {cap}"
    return [Finding(message=message, file="scenario.yaml", column=f"budget.standards.{VERIFIED}")]
