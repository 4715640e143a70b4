"""The union plugin's rules (seed 000): targets, the 低保 multiples, household size, exclusions."""

from __future__ import annotations

import pluggy
import pytest

from builders import household, scenario
from planner.rules import apply_rules
from planner.scenario import HistoryEntry


def case_of(pm: pluggy.PluginManager, **facts: object):  # type: ignore[no-untyped-def]
    """The case the rules make of one household with these facts."""
    cases = apply_rules(scenario((household("h1", **facts),)), pm)
    return cases.cases[0]


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
    ],
)
def test_household_size_rule(
    union_pm: pluggy.PluginManager, facts: dict[str, object], size: int
) -> None:
    """Married: self, spouse, unmarried children; single parent: actual; otherwise three."""
    assert case_of(union_pm, **facts).counted_size == size


def test_farmers_and_residents_are_not_union_targets(union_pm: pluggy.PluginManager) -> None:
    """困难农民 and 城镇居民 are known categories but never eligible for union money."""
    for category in ("困难农民", "城镇居民", "困难城镇居民"):
        case = case_of(union_pm, category=category, monthly_income=0)
        assert not case.eligible
        assert "不属于" in case.reasons[0]


def test_model_workers_are_eligible_without_income_test(union_pm: pluggy.PluginManager) -> None:
    """A 劳模 is visited by status: a high income does not exclude them."""
    case = case_of(union_pm, category="全国劳模", monthly_income=20000)
    assert case.eligible and case.category == "劳模"


def test_unarchived_households_are_not_funded(union_pm: pluggy.PluginManager) -> None:
    """依档帮扶: a household without an archive is not eligible, whatever its income."""
    case = case_of(union_pm, archived=False, monthly_income=0)
    assert not case.eligible and "未建档" in case.reasons[0]


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
        case = case_of(union_pm, monthly_income=income)
        assert all(str(income) not in reason for reason in case.reasons)
