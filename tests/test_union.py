"""The union plugin's rules (seed 000): targets, the 低保 multiples, household size, exclusions."""

from __future__ import annotations

import pluggy
import pytest

from builders import household, said, scenario
from planner.cases import Case
from planner.rules import apply_rules, findings
from planner.scenario import HistoryEntry


def case_of(pm: pluggy.PluginManager, **facts: object):  # type: ignore[no-untyped-def]
    """The case the rules make of one household with these facts."""
    cases = apply_rules(scenario((household("h1", **facts),)), pm)
    return cases.cases[0]


def reasons_of(pm: pluggy.PluginManager, **facts: object) -> list[str]:
    """The reasons the rules give for one household with these facts, in Chinese."""
    cases = apply_rules(scenario((household("h1", **facts),)), pm)
    return said(cases, cases.cases[0].reasons)


# A married couple with one child counts as 3: the 低保 line 780 gives 1170 / 1560 / 2340.
@pytest.mark.parametrize(
    ("income", "facts", "eligible"),
    [
        (3509, {}, True),  # 1169.67 < 1170
        (3510, {}, False),  # exactly 150% is not below it
        (4680, {"children_in_school": True}, True),  # 200% 以内（含）
        (4683, {"children_in_school": True}, False),
        (4680, {"disabled": True}, True),
        (7020, {"serious_illness": True}, True),  # 300% 以内（含）
        (7023, {"serious_illness": True}, False),
        (7020, {"accident": True}, True),
        (9000, {"serious_illness": True, "medical_cost": 20000}, True),  # ≥ 20,000 out of pocket
        (9000, {"serious_illness": True, "medical_cost": 19999}, False),
        (9000, {"medical_cost": 20000}, False),  # the cost must come from illness or accident
    ],
)
def test_income_clauses_at_their_boundaries(
    union_pm: pluggy.PluginManager, income: int, facts: dict[str, object], eligible: bool
) -> None:
    """Each eligibility clause of seed 000 §2 holds exactly at its threshold."""
    case = case_of(union_pm, monthly_income=income, **facts)
    assert case.eligible is eligible, case.reasons


def test_dibao_line_comes_from_the_scenario(union_pm: pluggy.PluginManager) -> None:
    """`rules: union: dibao_line` changes the thresholds (here 1000 → 1500 per person)."""
    facts = (household("h1", monthly_income=4400),)
    cases = apply_rules(scenario(facts, rules={"union": {"dibao_line": 1000}}), union_pm)
    assert cases.cases[0].eligible
    assert not apply_rules(scenario(facts), union_pm).cases[0].eligible


@pytest.mark.parametrize(
    ("facts", "size"),
    [
        ({"marital_status": "已婚", "children": 2}, 4),
        ({"marital_status": "已婚", "children": 0}, 2),
        ({"marital_status": "未婚", "children": None, "household_size": 4}, 4),
        ({"marital_status": "单亲", "children": 1, "household_size": None}, 2),
        ({"marital_status": "", "children": None}, 3),
        ({"marital_status": "", "children": 3, "household_size": 6}, 3),  # 一般按三口计算
        ({"marital_status": "离异", "household_size": 1}, 3),
    ],
)
def test_household_size_rule(
    union_pm: pluggy.PluginManager, facts: dict[str, object], size: int
) -> None:
    """Married: self, spouse, unmarried children; single parent and unmarried: actual; where the
    status is unknown three (seed 000 §2), whatever the 家庭人口 column says."""
    assert case_of(union_pm, **facts).counted_size == size


def test_farmers_and_residents_are_not_union_targets(union_pm: pluggy.PluginManager) -> None:
    """困难农民 and 城镇居民 are known categories but never eligible for union money."""
    for category in ("困难农民", "城镇居民", "困难城镇居民"):
        case = case_of(union_pm, category=category, monthly_income=0)
        assert not case.eligible
        assert "不属于" in reasons_of(union_pm, category=category, monthly_income=0)[0]


def test_model_workers_are_eligible_without_income_test(union_pm: pluggy.PluginManager) -> None:
    """A 劳模 is visited by status: a high income does not exclude them."""
    case = case_of(union_pm, category="全国劳模", monthly_income=20000)
    assert case.eligible and case.category == "劳模"


def test_unarchived_households_are_not_funded(union_pm: pluggy.PluginManager) -> None:
    """依档帮扶: a household without an archive is not eligible, whatever its income."""
    case = case_of(union_pm, archived=False, monthly_income=0)
    assert not case.eligible
    assert (
        reasons_of(union_pm, archived=False, monthly_income=0)[0]
        == "未建档：依档帮扶，先建档、后帮扶"
    )


def test_households_visited_last_year_are_left_out(union_pm: pluggy.PluginManager) -> None:
    """A visit in the previous campaign, by column or by history.csv, excludes in principle."""
    assert not case_of(union_pm, last_visited_year=2026, monthly_income=0).eligible
    assert case_of(union_pm, last_visited_year=2025, monthly_income=0).eligible
    base = scenario((household("h1", monthly_income=0),))
    with_history = base.model_copy(
        update={"history": (HistoryEntry(household_id="h1", year=2026),)}
    )
    assert not apply_rules(with_history, union_pm).cases[0].eligible
    allowed = with_history.model_copy(
        update={"rules": {"union": {"exclude_visited_last_year": False}}}
    )
    assert apply_rules(allowed, union_pm).cases[0].eligible


def test_priority_puts_deep_hardship_first(union_pm: pluggy.PluginManager) -> None:
    """深度困难 outranks 相对困难, and income below the 低保 line raises priority."""
    deep = case_of(union_pm, difficulty="深度困难", monthly_income=3000)
    relative = case_of(union_pm, difficulty="相对困难", monthly_income=3000)
    poorer = case_of(union_pm, difficulty="相对困难", monthly_income=1500)
    assert deep.priority > relative.priority
    assert poorer.priority > relative.priority


def test_reasons_never_quote_the_income(union_pm: pluggy.PluginManager) -> None:
    """Reasons name thresholds, not the household's income (personal data)."""
    for income in (1234, 5678, 9876):
        assert all(
            str(income) not in reason for reason in reasons_of(union_pm, monthly_income=income)
        )


@pytest.mark.parametrize(
    ("category", "facts", "standard"),
    [
        ("建档在册困难职工", {"monthly_income": 9000}, 600),  # the archive was the test
        ("未建档企业困难职工", {"archived": False}, 300),
        ("环卫工人", {"archived": False}, 200),  # 节日坚守一线: per person
        ("返乡农民工代表", {"archived": False}, 300),  # travel subsidy
        ("非建档困难职工", {"archived": False, "extra": {"核实": "是"}}, 500),
    ],
)
def test_plan_2_standards_apply_where_the_budget_names_none(
    union_pm: pluggy.PluginManager, category: str, facts: dict[str, object], standard: int
) -> None:
    """Seed 002 plan 2's categories are eligible by status and paid its standards by default."""
    case = case_of(union_pm, category=category, **facts)
    assert case.eligible and case.standard == standard, case.reasons


def test_unverified_non_archived_worker_is_not_eligible(union_pm: pluggy.PluginManager) -> None:
    """经社区和单位工会核实: without 核实 = 是, a worker outside the archive is not helped."""
    case = case_of(union_pm, category="非建档困难职工", archived=False)
    assert not case.eligible
    reason = reasons_of(union_pm, category="非建档困难职工", archived=False)[0]
    assert reason == "非建档职工须经社区和单位工会核实（核实：是）"


def test_verified_cap_is_kept_and_noted(union_pm: pluggy.PluginManager) -> None:
    """A budget standard above 500 for verified workers is paid as 500, with a finding."""
    built = scenario(
        (household("h1", category="非建档困难职工", archived=False, extra={"核实": "是"}),),
        standards={"非建档困难职工": 800, "困难职工": 500},
    )
    cases = apply_rules(built, union_pm)
    assert cases.cases[0].standard == 500
    (finding,) = findings(cases, union_pm)
    assert finding.text(cases.reason_book()) == (
        "scenario.yaml:budget.standards.非建档困难职工: "
        "非建档困难职工每户至多500元（500元以内），标准800元按500元发放"
    )


@pytest.mark.parametrize("job", ["货车司机", "网约车司机", "快递员", "外卖配送员"])
def test_new_employment_form_workers_are_union_targets(
    union_pm: pluggy.PluginManager, job: str
) -> None:
    """Seed 001: drivers, couriers and riders are one category, with the archive and income test."""
    pm = union_pm
    standards = {"新就业形态劳动者": 500}

    def case(**facts: object) -> Case:
        built = scenario((household("h1", category=job, **facts),), standards=standards)
        return apply_rules(built, pm).cases[0]

    found = case(monthly_income=0)
    assert found.category == "新就业形态劳动者" and found.eligible
    assert not case(monthly_income=0, archived=False).eligible


def test_difficulty_classes_of_seed_001_order_priority(union_pm: pluggy.PluginManager) -> None:
    """深度困难 > 意外致困 > 相对困难, the three classes of seed 001."""
    levels = [
        case_of(union_pm, difficulty=d, monthly_income=3000).priority
        for d in ("深度困难", "意外致困", "相对困难")
    ]
    assert levels == sorted(levels, reverse=True) and len(set(levels)) == 3
