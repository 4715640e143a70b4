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
from planner.reasons import Reason
from planner.rule_types import Category, Eligibility, Finding, Priority, plugin_options
from planner.rules import DEFAULT_HOUSEHOLD_SIZE, category_reason
from planner.scenario import Frozen, HistoryEntry, Household, Scenario
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
        english="worker of an enterprise in difficulty",
        aliases=("改制企业职工", "困难企业职工（改制）"),
        description="生产经营困难企业、重组改制企业的困难职工",
    ),
    Category(
        name=MODEL_WORKER,
        english="model worker",
        aliases=("劳动模范", "全国劳模", "省级劳模", "市级劳模"),
        description="全国、省、市级劳动模范",
    ),
    Category(
        name="农民工",
        english="migrant worker",
        aliases=("困难农民工",),
        description="在本县内就业的困难农民工",
    ),
    Category(
        name="困难职工",
        english="worker in hardship",
        aliases=("因病困难职工", "因学困难职工", "因灾困难职工"),
        description="因大病、子女上学、遭受意外灾害等导致生活特别困难的职工",
    ),
    Category(
        name=ARCHIVED,
        english="archived needy worker",
        aliases=("建档在册困难职工", "特困职工"),
        description="经生活状况调查、已建档在册的困难职工（农民工），每户600元",
    ),
    Category(
        name=UNARCHIVABLE,
        english="needy enterprise worker who cannot be archived",
        aliases=("不符合建档条件困难职工",),
        description="关停、亏损、改制、僵尸企业或遭受意外灾害造成困难，但不符合建档条件，每户300元",
    ),
    Category(
        name=FRONT_LINE,
        english="front-line worker",
        aliases=("节日坚守一线职工", "坚守一线职工", "一线医务人员", "环卫工人", "交警"),
        description="节日期间仍坚守一线的职工和农民工代表，每人200元",
    ),
    Category(
        name=RETURNING,
        english="returning migrant worker",
        aliases=("返乡农民工代表",),
        description="非本市户籍的困难农民工代表，平安返乡车票补贴每人300元",
    ),
    Category(
        name=VERIFIED,
        english="verified needy worker outside the archive",
        aliases=("非建档在册困难职工",),
        description="经社区和单位工会核实、生活确实困难的非建档职工，500元以内",
    ),
    Category(
        name="新就业形态劳动者",
        english="new-employment-form worker",
        aliases=("货车司机", "网约车司机", "快递员", "外卖配送员", "外卖骑手"),
        description="货车司机、网约车司机、快递员、外卖配送员等新就业形态劳动者",
    ),
    Category(
        name="下岗失业职工",
        english="laid-off or unemployed worker",
        aliases=("下岗职工", "失业职工", "下岗失业人员"),
        description="下岗失业人员以及尚未纳入低保范围的特困职工",
    ),
    Category(
        name="军转干部", english="transferred army officer", description="企业中生活困难的军转干部"
    ),
    Category(name="单亲女职工", english="single-mother worker", description="生活困难的单亲女职工"),
    Category(
        name="困难农民",
        english="needy farmer",
        targeted=False,
        description="不属于工会系统慰问对象",
    ),
    Category(
        name="城镇居民",
        english="urban resident",
        aliases=("困难城镇居民",),
        targeted=False,
        description="不属于工会系统慰问对象",
    ),
)

STANDARDS = {ARCHIVED: 600, UNARCHIVABLE: 300, FRONT_LINE: 200, RETURNING: 300}
"""Seed 002 plan 2's amounts, used where the scenario's budget names none."""

BY_STATUS = {
    MODEL_WORKER: "union.model_worker",
    FRONT_LINE: "union.front_line",
    RETURNING: "union.returning",
    ARCHIVED: "union.archived",
    UNARCHIVABLE: "union.unarchivable",
}
"""Categories eligible by what they are, without the income test, and the reason's code."""

DIFFICULTY = {"深度困难": "union.deep", "意外致困": "union.accident", "相对困难": "union.relative"}
"""The difficulty classes the 困难程度 column names, and the code of each as a reason."""

REASONS: dict[str, tuple[str, str]] = {
    BY_STATUS[MODEL_WORKER]: ("劳模按标准慰问", "model workers receive the standard grant"),
    BY_STATUS[FRONT_LINE]: (
        "节日期间坚守一线，送慰问到岗位",
        "on duty over the holidays: the grant is brought to the workplace",
    ),
    BY_STATUS[RETURNING]: ("平安返乡行动，给予车票补贴", "safe-return campaign: a travel subsidy"),
    BY_STATUS[ARCHIVED]: (
        "建档在册困难职工，依档帮扶",
        "archived needy worker, helped as the archive says",
    ),
    BY_STATUS[UNARCHIVABLE]: (
        "困难企业职工，不符合建档条件",
        "worker of an enterprise in difficulty who cannot be archived",
    ),
    "union.not_archived": (
        "未建档：依档帮扶，先建档、后帮扶",
        "not archived: help follows the archive (archive first, then help)",
    ),
    "union.visited_last_year": (
        "{year}年已慰问，原则上不再纳入",
        "already helped in {year}; as a rule not included again",
    ),
    "union.verified": (
        "经社区和单位工会核实，生活确实困难",
        "hardship verified by the community and the unit's union",
    ),
    "union.not_verified": (
        "非建档职工须经社区和单位工会核实（{column}：是）",
        "a worker outside the archive must be verified by the community and the unit's union "
        "({column}: 是)",
    ),
    "union.large_cost": (
        "因大病或意外致困，本年度自负医药费或灾害损失达2万元以上",
        "in hardship after a serious illness or accident, with own medical costs or losses of "
        "20,000 yuan or more this year",
    ),
    "union.no_income": (
        "缺少家庭月收入，无法核定人均收入",
        "no monthly household income on file, so the per-capita income cannot be assessed",
    ),
    "union.below_150": (
        "人均月收入低于低保线150%（{amount}元）",
        "per-capita monthly income below 150% of the minimum-living line ({amount} yuan)",
    ),
    "union.within_200": (
        "人均月收入在低保线200%（{amount}元）以内，且子女上学、残疾或单亲",
        "per-capita monthly income within 200% of the minimum-living line ({amount} yuan), with "
        "children in school, a disability or a single parent",
    ),
    "union.within_300": (
        "患重大疾病或遭受重大意外，人均月收入在低保线3倍（{amount}元）以内",
        "serious illness or major accident, per-capita monthly income within 3 times the "
        "minimum-living line ({amount} yuan)",
    ),
    "union.above": (
        "人均月收入超出适用的低保线倍数（低保线{line}元）",
        "per-capita monthly income above the applicable multiple of the minimum-living line "
        "({line} yuan)",
    ),
    "union.priority": ("优先级{level}：{notes}", "priority {level}: {notes}"),
    DIFFICULTY["深度困难"]: ("深度困难", "deep hardship"),
    DIFFICULTY["意外致困"]: ("意外致困", "hardship from an accident"),
    DIFFICULTY["相对困难"]: ("相对困难", "relative hardship"),
    "union.ordinary": ("一般困难", "ordinary hardship"),
    "union.below_dibao": ("人均收入低于低保线", "per-capita income below the minimum-living line"),
    "union.large_loss": ("大额医药费或灾害损失", "large medical costs or losses"),
    "union.verified_capped": (
        "{category}每户至多{cap}元（500元以内），标准{given}元按{cap}元发放",
        "{category} may receive at most {cap} yuan (500元以内); {given} is paid as {cap}",
    ),
}
"""The union's reasons: code → (Chinese, English) templates."""

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
def songnuan_register_reasons(register: Callable[[str, str, str], None]) -> None:
    for code, (zh, en) in REASONS.items():
        register(code, zh, en)


@hookimpl
def songnuan_household_size(household: Household) -> int:
    """家庭成员一般按三口计算 (seed 000 §2): three, unless the marital status says otherwise.

    Married: self, spouse and unmarried children; unmarried: the actual members; single
    parents: the actual members (or one and the children). Where the status is not known the
    rule's "三口" holds, whatever the table's 家庭人口 says.
    """
    status = household.marital_status.strip()
    if household.single_parent or status == "单亲":
        if household.household_size:
            return household.household_size
        if household.children is not None:
            return 1 + household.children
    elif status == "已婚" and household.children is not None:
        return 2 + household.children
    elif status == "未婚" and household.household_size:
        return household.household_size
    return DEFAULT_HOUSEHOLD_SIZE


@hookimpl
def songnuan_eligibility(household: Household, scenario: Scenario, size: int) -> Eligibility:
    """Archive, last year's visit, then status, verification or the 低保 multiples."""
    category = household.category
    if category not in NO_ARCHIVE_NEEDED and not household.archived:
        return _verdict(False, "union.not_archived")
    if _visited_last_year(household, scenario):
        return _verdict(False, "union.visited_last_year", year=scenario.campaign.year - 1)
    if category in BY_STATUS:
        return _verdict(True, BY_STATUS[category])
    if category == VERIFIED:
        return _verified(household, options(scenario))
    return income_test(household, options(scenario).dibao_line, size)


def _verdict(eligible: bool, code: str, **params: int | str) -> Eligibility:
    return Eligibility(eligible=eligible, reason=Reason.of(code, **params))


def _visited_last_year(household: Household, scenario: Scenario) -> bool:
    if not options(scenario).exclude_visited_last_year:
        return False
    last_year = scenario.campaign.year - 1
    if household.last_visited_year == last_year:
        return True
    return household.id in _visited_in(scenario, last_year)


_visited: dict[int, tuple[tuple[HistoryEntry, ...], frozenset[str]]] = {}
"""Households of history.csv per year, with the history they were read from."""


def _visited_in(scenario: Scenario, year: int) -> frozenset[str]:
    """The households history.csv says were visited in `year`, indexed once per history (the
    very tuple, by identity) instead of scanned for every household."""
    known = _visited.get(year)
    if known is None or known[0] is not scenario.history:
        ids = frozenset(entry.household_id for entry in scenario.history if entry.year == year)
        known = _visited[year] = (scenario.history, ids)
    return known[1]


def _verified(household: Household, settings: UnionOptions) -> Eligibility:
    """A worker outside the archive is helped only once community and union have checked."""
    if household.extra.get(settings.verified_column, "").strip() == "是":
        return _verdict(True, "union.verified")
    return _verdict(False, "union.not_verified", column=settings.verified_column)


def _special(household: Household) -> bool:
    return household.children_in_school or household.disabled or household.single_parent


def _struck(household: Household) -> bool:
    return household.serious_illness or household.accident


CLAUSES: tuple[tuple[Fraction, bool, Callable[[Household], bool], str], ...] = (
    (Fraction(3, 2), False, lambda household: True, "union.below_150"),
    (Fraction(2), True, _special, "union.within_200"),
    (Fraction(3), True, _struck, "union.within_300"),
)
"""The income clauses of seed 000 §2, loosest last: the multiple of the 低保 line, whether an
income of exactly that much passes (以内 yes, 低于 no), to whom it applies, and its reason."""


def income_limit(household: Household, line: int) -> tuple[Fraction, bool]:
    """The highest per-capita monthly income the clauses let through for this household, and
    whether exactly that income passes: what the example generators draw incomes around."""
    multiple, inclusive = next(
        (m, i) for m, i, applies, _ in reversed(CLAUSES) if applies(household)
    )
    return multiple * line, inclusive


def income_test(household: Household, line: int, size: int) -> Eligibility:
    """The four eligibility clauses; reasons name thresholds, never the household's income."""
    if _struck(household) and household.medical_cost >= MEDICAL_COST_THRESHOLD:
        return _verdict(True, "union.large_cost")
    per_capita = _per_capita_income(household, size)
    if per_capita is None:
        return _verdict(False, "union.no_income")
    for multiple, inclusive, applies, code in CLAUSES:
        limit = multiple * line
        if applies(household) and (per_capita <= limit if inclusive else per_capita < limit):
            return _verdict(True, code, amount=int(limit))
    return _verdict(False, "union.above", line=line)


def _per_capita_income(household: Household, size: int) -> Fraction | None:
    """Monthly income per counted member, exact, so that 1170.00 is not 'below' 1170."""
    if household.monthly_income is None:
        return None
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
def songnuan_priority(household: Household, scenario: Scenario, size: int) -> Priority:
    """Deeper hardship first: 深度困难 3, 意外致困 2, 相对困难 1; +1 below the 低保 line or for
    a medical cost or loss of 20,000 yuan or more."""
    difficulty = household.difficulty.strip()
    level = DIFFICULTY_PRIORITY.get(difficulty, 1)
    known = DIFFICULTY.get(difficulty)
    notes: list[Reason | str] = [
        Reason.of(known) if known else difficulty or Reason.of("union.ordinary")
    ]
    per_capita = _per_capita_income(household, size)
    if per_capita is not None and per_capita < options(scenario).dibao_line:
        level += 1
        notes.append(Reason.of("union.below_dibao"))
    if household.medical_cost >= MEDICAL_COST_THRESHOLD:
        level += 1
        notes.append(Reason.of("union.large_loss"))
    return Priority(
        level=level, reason=Reason.of("union.priority", level=level, notes=tuple(notes))
    )


@hookimpl
def songnuan_check(cases: Cases) -> list[Finding]:
    """A standard above the 500-yuan cap for verified non-archived workers is paid at the cap."""
    scenario = cases.scenario
    cap = options(scenario).verified_cap
    given = scenario.budget.standards.get(VERIFIED)
    if given is None or given <= cap:
        return []
    message = Reason.of(
        "union.verified_capped", category=category_reason(VERIFIED), cap=cap, given=given
    )
    return [Finding(message=message, file="scenario.yaml", column=f"budget.standards.{VERIFIED}")]
