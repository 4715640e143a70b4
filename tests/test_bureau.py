"""The bureau plugin (seed 002 plan 5): listed staff, 1,000 yuan, must-visits, its window."""

from __future__ import annotations

from builders import household_of, noted, org_scenario
from planner.plugins import make_plugin_manager
from planner.rules import apply_rules


def test_listed_staff_get_1000_and_a_leader_at_the_door() -> None:
    """Each category (by alias too) is eligible, 1,000 yuan by default, must be visited."""
    built = org_scenario(
        (household_of("a", "低保员工"), household_of("b", "受灾员工家庭")), "bureau"
    )
    cases = apply_rules(built, make_plugin_manager(["bureau"])).cases
    for case in cases:
        assert case.eligible and case.standard == 1000
        assert (case.visit, case.tier, case.must_fund) == ("must", "局领导", True)
    assert cases[1].category == "意外伤害员工家庭"


def test_budget_standard_and_option_override_the_default() -> None:
    """A budget standard wins over the plugin's amount; `amount` changes the default."""
    pm = make_plugin_manager(["bureau"])
    built = org_scenario((household_of("a", "困难员工"),), "bureau", standards={"困难员工": 800})
    assert apply_rules(built, pm).cases[0].standard == 800
    other = org_scenario(
        (household_of("a", "困难员工"),), "bureau", rules={"bureau": {"amount": 1200}}
    )
    assert apply_rules(other, pm).cases[0].standard == 1200


def test_groups_off_window_or_not_led_by_a_bureau_leader_are_noted() -> None:
    """The builders' team (tier 工会领导, 1 February) breaks both rules of the bureau."""
    pm = make_plugin_manager(["bureau"])
    built = org_scenario((household_of("a", "困难员工"),), "bureau", year=2027)
    assert any("每组须由局领导带队" in m for m in noted(built, pm))
    assert any("each group is led by a 局领导" in m for m in noted(built, pm, "en"))
    window = org_scenario(
        (household_of("a", "困难员工"),), "bureau", rules={"bureau": {"tier": "工会领导"}}
    )
    (note,) = noted(window, pm)
    assert note.endswith("一组（工会领导）在2月1日出行，不在局里的走访时间（1月20日至1月28日）内")
    (note,) = noted(window, pm, "en")
    assert "out on 1 Feb, outside the bureau's window 20 Jan–28 Jan" in note
