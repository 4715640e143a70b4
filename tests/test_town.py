"""The town plugin (seed 002 plan 4): categories, lunar window, remote and rarely reached first."""

from __future__ import annotations

from builders import household_of, noted, org_scenario, said
from planner.plugins import make_plugin_manager
from planner.rules import apply_rules
from planner.scenario import HistoryEntry


def test_rarely_reached_villages_come_first() -> None:
    """A village no recent campaign reached outranks one reached each of the last three years."""
    built = org_scenario(
        (household_of("near", "五保户", place="v1"), household_of("far", "五保户", place="v2")),
        "town",
        standards={"五保户": 500},
    )
    history = tuple(
        HistoryEntry(household_id=f"x{y}", year=y, place="v1") for y in (2024, 2025, 2026)
    )
    places = tuple(p.model_copy(update={"kind": "村"}) for p in built.places)
    built = built.model_copy(update={"history": history, "places": places})
    cases = apply_rules(built, make_plugin_manager(["town"]))
    near, far = cases.cases
    assert far.priority > near.priority
    assert "偏远村组：近3年走访过0次" in said(cases, far.reasons)
    assert "偏远村组：近3年走访过3次" in said(cases, near.reasons)


def test_pair_up_households_must_be_visited_by_county_leaders() -> None:
    """交友帮扶对象 is a must-visit; other categories may be visited; all by 县领导."""
    built = org_scenario(
        (household_of("a", "县级领导交友帮扶对象"), household_of("b", "孤儿")),
        "town",
        standards={"交友帮扶对象": 500, "孤儿": 500},
    )
    paired, orphan = apply_rules(built, make_plugin_manager(["town"])).cases
    assert (paired.visit, paired.tier) == ("must", "县领导")
    assert (orphan.visit, orphan.tier) == ("may", "县领导")


def test_lunar_window_is_resolved_for_the_campaign_year() -> None:
    """腊月初十–十八 is 17–25 Jan 2027; a team out on 1 Feb is noted."""
    built = org_scenario(
        (household_of("a", "孤儿"),),
        "town",
        standards={"孤儿": 500},
        rules={"town": {"tier": "工会领导"}},
    )
    pm = make_plugin_manager(["town"])
    (note,) = noted(built, pm, "en")
    assert "outside the town's window 17 Jan–25 Jan" in note
    (note,) = noted(built, pm)
    assert "不在镇里的走访时间（1月17日至1月25日）内" in note
