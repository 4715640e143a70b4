"""The school plugin (seed 002 plans 1 and 6): offices as visiting tiers, funds, retirees."""

from __future__ import annotations

from builders import household_of, noted, org_scenario
from planner.plugins import make_plugin_manager
from planner.rules import apply_rules, findings
from planner.scenario import Budget, BudgetLine


def test_each_category_is_visited_by_its_office() -> None:
    """Aliases resolve; the responsible office becomes the tier; retirees are money only."""
    built = org_scenario(
        (
            household_of("a", "家庭经济困难学生"),
            household_of("b", "离休干部"),
            household_of("c", "离退休人员"),
            household_of("d", "精准扶贫帮扶户"),
        ),
        "school",
        standards={"困难学生": 1000, "精准扶贫帮扶户": 1000},
    )
    a, b, c, d = apply_rules(built, make_plugin_manager(["school"])).cases
    assert (a.category, a.tier, a.visit, a.standard) == ("困难学生", "学工处", "may", 1000)
    assert (b.category, b.tier, b.standard) == ("老同志", "离退休工作处", 100)
    assert (c.visit, c.tier, c.standard) == ("no", "", 100)
    assert (d.visit, d.tier) == ("must", "党政办")


def test_scenario_may_move_a_category_to_another_office() -> None:
    """`rules: school: offices:` overrides the notice's responsible office."""
    built = org_scenario(
        (household_of("a", "困难党员"),),
        "school",
        standards={"困难党员": 800},
        rules={"school": {"offices": {"困难党员": "组织部"}}},
    )
    assert apply_rules(built, make_plugin_manager(["school"])).cases[0].tier == "组织部"


def test_findings_name_missing_offices_and_general_funds() -> None:
    """No team of the office, and a category paid from the general line, are both reported."""
    built = org_scenario((household_of("a", "驻地部队"),), "school", standards={"驻地部队": 2000})
    pm = make_plugin_manager(["school"])
    messages = noted(built, pm)
    assert "驻地部队由武装部走访，但没有层级为武装部的小组" in messages[0]
    assert "由通用渠道慰问金支付" in messages[1]
    english = noted(built, pm, "en")
    assert "local garrison is visited by armed forces office, but no team has tier" in english[0]
    assert "paid from the general line" in english[1]
    named = Budget(
        total=100_000,
        lines=(
            BudgetLine(id="college", name="学院划拨经费", amount=100_000, categories=("驻地部队",)),
        ),
        standards={"驻地部队": 2000},
    )
    funded = built.model_copy(update={"budget": named})
    assert len(findings(apply_rules(funded, pm), pm)) == 1
