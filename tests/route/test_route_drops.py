"""Dropped visits: must before may, priority first, and the binding reason for each drop."""

from __future__ import annotations

import pytest
from route.tiny import DAY1, DAY2, TinyCampaign, assert_feasible

from planner.plan import DroppedVisit, Plan
from planner.reasons import ReasonBook


def dropped(plan: Plan) -> dict[str, DroppedVisit]:
    return {drop.household_id: drop for drop in plan.dropped}


def said(drop: DroppedVisit) -> tuple[str, bool, str]:
    """A drop as the office reads it: household, must-visit or not, the reason in Chinese."""
    return drop.household_id, drop.must, ReasonBook().render(drop.reason)


@pytest.mark.parametrize(
    ("team", "home", "reason"),
    [
        ({}, {"tier": "市领导"}, "没有“市领导”带队的走访小组"),
        ({"district": "东镇"}, {"district": "西镇"}, "没有负责“西镇”的走访小组"),
        ({}, {"date": DAY2}, "2月1日没有走访小组出行，而该户只能在当天走访"),
        ({}, {"place": "d", "window": "08:40-09:00"}, "（可走访时段：08:40–09:00）"),
        ({}, {"place": "far"}, "没有小组能在工作时间内赶到、走访并返回驻地（路程过远）"),
        ({"max_minutes": 120}, {"place": "d"}, "往返路程加走访超过各组每日工作时长上限"),
        (
            {"hours": "08:30-10:30", "lunch": "09:00-10:30/60"},
            {"place": "b"},
            "没有小组能在工作时间内赶到、走访并返回驻地（路程过远）",
        ),
    ],
    ids=["tier", "district", "date", "window", "distance", "minutes", "lunch"],
)
def test_impossible_must_visit_is_dropped_with_its_reason(
    campaign: TinyCampaign, team: dict[str, object], home: dict[str, object], reason: str
) -> None:
    """A must-visit no team can make is dropped with must=True and the rule that binds."""
    campaign.team(dates=(DAY1,), **team)  # type: ignore[arg-type]
    campaign.home("ok", "a", visit="must", district=str(team.get("district", "城关镇")))
    campaign.home("x", visit="must", **home)  # type: ignore[arg-type]
    plan = campaign.plan()
    assert [visit.household_id for visit in plan.visits] == ["ok"]
    drop = dropped(plan)["x"]
    assert drop.must is True
    assert reason in said(drop)[2]
    assert_feasible(campaign, plan)


def test_must_visit_crowded_out_names_the_full_days(campaign: TinyCampaign) -> None:
    """Two must-visits for the one slot: the higher priority is made, the other says why not."""
    campaign.team()
    campaign.home("low", "d", visit="must", priority=1, window="10:00-10:00")
    campaign.home("high", "c", visit="must", priority=3, window="10:00-10:00")
    plan = campaign.plan()
    assert [visit.household_id for visit in plan.visits] == ["high"]
    reason = "各组行程已满（工作时间和午休内排不下），时间已用于其他必访户"
    assert said(dropped(plan)["low"]) == ("low", True, reason)


def test_higher_priority_may_visit_wins_the_only_slot(campaign: TinyCampaign) -> None:
    """Soft: with time for one visit, the higher-priority may-visit is made."""
    campaign.team(hours="08:30-09:30")
    campaign.home("p1", "a", priority=1)
    campaign.home("p3", "a", priority=3)
    plan = campaign.plan()
    assert [visit.household_id for visit in plan.visits] == ["p3"]
    reason = "行程已满（工作时间和午休内排不下），按优先级未安排"
    assert said(dropped(plan)["p1"]) == ("p1", False, reason)


def test_must_visit_beats_any_may_visit(campaign: TinyCampaign) -> None:
    """Soft, but lexicographic: a must-visit of priority 0 beats several urgent may-visits."""
    campaign.team(hours="08:30-09:45")
    campaign.home("must", "b", visit="must", priority=0)
    for k in range(3):
        campaign.home(f"may{k}", "a", priority=9)
    plan = campaign.plan()
    assert [visit.household_id for visit in plan.visits] == ["must"]
    assert {drop.household_id for drop in plan.dropped} == {"may0", "may1", "may2"}


def test_only_funded_households_that_want_a_visit_are_routed(campaign: TinyCampaign) -> None:
    """Households without a grant, or whose case says no visit, are neither routed nor dropped."""
    campaign.team()
    campaign.home("yes", "a", visit="may")
    campaign.home("no", "a", visit="no")
    campaign.home("unfunded", "a", visit="must", funded=False)
    plan = campaign.plan()
    assert [visit.household_id for visit in plan.visits] == ["yes"]
    assert plan.dropped == ()


def test_dropped_visits_follow_the_households_table(campaign: TinyCampaign) -> None:
    """Drops from the model and from the explainer come out in the order of the cases."""
    campaign.team(hours="08:30-09:30")
    campaign.home("x1", "far", visit="must")
    campaign.home("x2", "a", priority=0)
    campaign.home("x3", "a", tier="市领导")
    campaign.home("x4", "a", priority=5)
    plan = campaign.plan()
    assert [drop.household_id for drop in plan.dropped] == ["x1", "x2", "x3"]


def test_visits_left_out_for_capacity_stay_out_with_four_times_the_search(
    campaign: TinyCampaign,
) -> None:
    """An oversubscribed campaign (caps of 3 visits a day, 2 cars for 3 teams): each visit whose
    reason is a capacity is left out again when the search does four times the work, and the
    capacity reasons are there to check (not every drop says "more search")."""
    campaign.travel = campaign.travel.model_copy(update={"vehicles_per_day": 2})
    for team in ("t1", "t2", "t3"):
        campaign.team(team, dates=(DAY1, DAY2), max_visits=3)
    for k in range(24):
        campaign.home(f"h{k:02}", "abcd"[k % 4], priority=k % 3)
    first = campaign.plan(solution_limit=100)
    capped = {d.household_id for d in first.dropped if "名额已满" in ReasonBook().render(d.reason)}
    assert len(capped) >= 6
    longer = campaign.plan(solution_limit=400)
    assert capped.isdisjoint(visit.household_id for visit in longer.visits)
