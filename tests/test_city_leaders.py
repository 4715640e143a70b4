"""The city_leaders plugin (seed 002 plan 3): leader visits, 2,000 yuan, nominations."""

from __future__ import annotations

import pytest

from builders import household, noted, scenario
from planner.plugins import make_plugin_manager
from planner.problems import ScenarioError
from planner.rules import apply_rules


def nominee(id: str, unit: str, date: str, place: str = "v1") -> object:
    """A union household nominated by its county on `date`."""
    return household(id, unit=unit, place=place, monthly_income=0, extra={"提名日期": date})


def test_provincial_visits_pay_2000_and_nominees_must_be_visited() -> None:
    """省领导 in 慰问层级: 2,000 yuan; a nominated household: must-visit by 市领导."""
    built = scenario(
        (household("p", tier="省领导", monthly_income=0), nominee("n", "一厂", "1月3日")),
        plugins=("union", "city_leaders"),
    )
    provincial, nominated = apply_rules(built, make_plugin_manager(["union", "city_leaders"])).cases
    assert (provincial.standard, provincial.visit, provincial.tier) == (2000, "must", "省领导")
    assert (nominated.standard, nominated.visit, nominated.tier) == (500, "must", "市领导")


def test_late_and_miscounted_nominations_are_noted() -> None:
    """After the deadline: a note at the cell; one enterprise with one household: counted."""
    built = scenario(
        (nominee("a", "一厂", "1月3日"), nominee("b", "一厂", "1月8日")),
        plugins=("union", "city_leaders"),
        rules={"city_leaders": {"nomination_deadline": "1月5日"}},
    )
    pm = make_plugin_manager(["union", "city_leaders"])
    messages = noted(built, pm)
    assert messages[0] == "households.csv:0:提名日期: b于1月8日提名，晚于截止日期1月5日3天"
    assert messages[1] == "东镇推荐了1个企业，应为2个"
    english = noted(built, pm, "en")
    assert "households.csv:0:提名日期: b nominated on 8 Jan, 3 day(s) after" in english[0]
    assert "东镇 nominated 1 enterprise(s), expected 2" in english[1]
    assert len(messages) == 2  # the builders' team is no city-leader team: no window note


def test_a_bad_option_is_a_scenario_problem() -> None:
    """An unreadable deadline is a problem at rules.city_leaders.nomination_deadline."""
    built = scenario(
        (household("a"),),
        plugins=("union", "city_leaders"),
        rules={"city_leaders": {"nomination_deadline": "五号"}},
    )
    with pytest.raises(ScenarioError) as error:
        apply_rules(built, make_plugin_manager(["union", "city_leaders"]))
    assert str(error.value.problems[0]).startswith(
        "scenario.yaml:rules.city_leaders.nomination_deadline: 不是日期"
    )
