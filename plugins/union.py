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

Options under `rules: union:` in scenario.yaml: `dibao_line` (default 780, the district of seed
000 §2), `exclude_visited_last_year` (default true).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from planner import hookimpl
from planner.rule_types import Category, Eligibility, Priority
from planner.scenario import Household, Scenario

DEFAULT_DIBAO_LINE = 780
MEDICAL_COST_THRESHOLD = 20_000
MODEL_WORKER = "劳模"

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
    Category(name="困难农民", targeted=False, description="不属于工会系统慰问对象"),
    Category(
        name="城镇居民",
        aliases=("困难城镇居民",),
        targeted=False,
        description="不属于工会系统慰问对象",
    ),
)

DIFFICULTY_PRIORITY = {"深度困难": 3, "意外致困": 2, "相对困难": 1}


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
    """Archive, last year's visit, then the 低保 multiples of seed 000 §2."""
    if not household.archived:
        return Eligibility(eligible=False, reason="未建档：依档帮扶，先建档、后帮扶")
    if _visited_last_year(household, scenario):
        return Eligibility(
            eligible=False, reason=f"{scenario.campaign.year - 1}年已慰问，原则上不再纳入"
        )
    if household.category == MODEL_WORKER:
        return Eligibility(eligible=True, reason="劳模按标准慰问")
    return _income_test(household, scenario)


def _visited_last_year(household: Household, scenario: Scenario) -> bool:
    if not scenario.settings_for("union").get("exclude_visited_last_year", True):
        return False
    last_year = scenario.campaign.year - 1
    if household.last_visited_year == last_year:
        return True
    return any(
        entry.household_id == household.id and entry.year == last_year for entry in scenario.history
    )


def _income_test(household: Household, scenario: Scenario) -> Eligibility:
    """The four eligibility clauses; reasons name thresholds, never the household's income."""
    line = dibao_line(scenario)
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


def dibao_line(scenario: Scenario) -> int:
    """The local minimum-living line, yuan per person and month."""
    return int(scenario.settings_for("union").get("dibao_line", DEFAULT_DIBAO_LINE))


@hookimpl
def songnuan_priority(household: Household, scenario: Scenario) -> Priority:
    """Deeper hardship first: 深度困难 3, 意外致困 2, 相对困难 1; +1 below the 低保 line or for
    a medical cost or loss of 20,000 yuan or more."""
    level = DIFFICULTY_PRIORITY.get(household.difficulty.strip(), 1)
    notes = [household.difficulty.strip() or "一般困难"]
    per_capita = _per_capita_income(household)
    if per_capita is not None and per_capita < dibao_line(scenario):
        level += 1
        notes.append("人均收入低于低保线")
    if household.medical_cost >= MEDICAL_COST_THRESHOLD:
        level += 1
        notes.append("大额医药费或灾害损失")
    return Priority(level=level, reason="优先级" + str(level) + "：" + "、".join(notes))
