"""轻车简从: a shared pool of cars per day caps how many teams are out; team size is capped."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from route.tiny import DAY1, DAY2, TinyCampaign, assert_feasible

from planner.reasons import ReasonBook
from planner.scenario import Travel


def test_car_pool_caps_teams_out_on_a_day(campaign: TinyCampaign) -> None:
    """Hard: three teams, two cars: two teams go out and the third must-visit names the pool."""
    campaign.travel = Travel(vehicles_per_day=2)
    for team in ("t1", "t2", "t3"):
        campaign.team(team, max_visits=1)
    for place in "abc":
        campaign.home(f"h{place}", place, visit="must")
    plan = campaign.plan()
    assert len(plan.routes) == 2
    (drop,) = plan.dropped
    assert drop.must
    cars_out = "能走访该户的各组当日名额已满（1月31日车辆已全部派出（每日2辆）；"
    assert ReasonBook().render(drop.reason).startswith(cars_out)
    assert_feasible(campaign, plan)


def test_car_pool_holds_on_every_day(campaign: TinyCampaign) -> None:
    """Hard: with one car, two teams out on two days take turns: one route per day."""
    campaign.travel = Travel(vehicles_per_day=1)
    campaign.team("t1", dates=(DAY1, DAY2), max_visits=2)
    campaign.team("t2", dates=(DAY1, DAY2), max_visits=2)
    for k, place in enumerate("aabbcc"):
        campaign.home(f"h{k}", place)
    plan = campaign.plan()
    assert sorted(route.date for route in plan.routes) == [DAY1, DAY2]
    assert len(plan.visits) == 4
    assert_feasible(campaign, plan)


def test_a_pool_as_large_as_the_teams_changes_nothing(campaign: TinyCampaign) -> None:
    """A pool with a car for every team-day does not bind: the plan is the plan without one."""
    for team in ("t1", "t2"):
        campaign.team(team, max_visits=2)
    for k, place in enumerate("abcd"):
        campaign.home(f"h{k}", place)
    free = campaign.plan()
    campaign.travel = Travel(vehicles_per_day=2)
    pooled = campaign.plan()
    assert (pooled.routes, pooled.dropped) == (free.routes, free.dropped)


def test_team_larger_than_the_cap_is_refused(campaign: TinyCampaign) -> None:
    """Hard: a team of leader + 2 staff does not pass max_team_size=2; the error names it."""
    campaign.travel = Travel(max_team_size=2)
    campaign.team("big")
    with pytest.raises(ValidationError, match="工作组 big 的人数超过 max_team_size=2"):
        campaign.scenario()


def test_the_least_needed_team_day_stays_home(campaign: TinyCampaign) -> None:
    """With one car, the team two must-visits need goes; the other team's must-visit names the
    pool as its reason, and the plan's single route is the needed team's."""
    campaign.travel = Travel(vehicles_per_day=1)
    campaign.team("county", tier="县领导")
    campaign.team("bureau", tier="部门领导")
    campaign.home("c1", "a", visit="must", tier="县领导")
    campaign.home("c2", "b", visit="must", tier="县领导")
    campaign.home("b1", "c", visit="must", tier="部门领导")
    plan = campaign.plan()
    assert [route.team_id for route in plan.routes] == ["county"]
    (drop,) = plan.dropped
    assert (drop.household_id, drop.must) == ("b1", True)
    said = ReasonBook().render(drop.reason)
    assert said == "1月31日车辆已全部派出（每日1辆），能走访该户的小组当天留在驻地"
    assert_feasible(campaign, plan)


def test_a_short_pool_does_not_keep_the_same_team_home_every_day(campaign: TinyCampaign) -> None:
    """Two cars for three teams on two days: the county team, which can make only its own
    district's households, is the least needed on both days, yet it stays home on one day only
    (a team keeps a day out while the cars allow) and goes out on the other."""
    campaign.travel = Travel(vehicles_per_day=2)
    campaign.team("city1", dates=(DAY1, DAY2), max_visits=2)
    campaign.team("city2", dates=(DAY1, DAY2), max_visits=2)
    campaign.team("county", dates=(DAY1, DAY2), max_visits=2, district="城关镇")
    for k, place in enumerate("aabbcc"):
        campaign.home(f"h{k}", place, district="城关镇" if k < 2 else "新城镇")
    plan = campaign.plan()
    assert [route.date for route in plan.routes if route.team_id == "county"] != []
    assert_feasible(campaign, plan)
