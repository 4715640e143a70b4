"""Large campaigns in parts: districts, sectors, the leftover pass, and one plan at the end."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from route.test_route_plan import random_campaign
from route.tiny import DAY1, DAY2, TinyCampaign, assert_feasible

from planner.route import decompose
from planner.route import partition as partition_module
from planner.route.model import build
from planner.route.partition import ROAMING, partition
from planner.route.search import evaluate
from planner.route.settings import Settings


def names(campaign: TinyCampaign, split: partition_module.Split) -> dict[str, list[str]]:
    """Each part's name with its households."""
    data = build(campaign.allocation())
    return {
        part.name: [data.calls[k].household_id for k in part.calls]
        for part in partition(data, split)
    }


def test_districts_are_parts_and_roaming_teams_one_more(campaign: TinyCampaign) -> None:
    """Each district's teams take its households; a tier only the roaming team has goes to it."""
    campaign.team("east", tier="部门领导", district="东镇")
    campaign.team("west", tier="部门领导", district="西镇")
    campaign.team("county", tier="县领导")
    campaign.home("e1", "a", district="东镇")
    campaign.home("w1", "b", district="西镇")
    campaign.home("c1", "c", district="东镇", tier="县领导")
    assert names(campaign, "district") == {"东镇": ["e1"], "西镇": ["w1"], ROAMING: ["c1"]}


def test_small_campaigns_are_routed_whole(campaign: TinyCampaign) -> None:
    """ "auto" does not cut a campaign below SPLIT_ABOVE calls, districts or not."""
    campaign.team("east", district="东镇")
    campaign.team("west", district="西镇")
    campaign.home("e1", "a", district="东镇")
    campaign.home("w1", "b", district="西镇")
    assert list(names(campaign, "auto")) == ["全部"]


def test_area_sectors_give_each_call_a_team_that_can_make_it(
    campaign: TinyCampaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cut by bearing into sectors of whole teams; every call lands with a team able to go."""
    monkeypatch.setattr(partition_module, "PART_CALLS", 3)
    for k, depot in enumerate(["hq", "a", "c", "hq"]):
        campaign.team(f"t{k}", depot=depot, dates=(DAY1, DAY2))
    for k in range(12):
        campaign.home(f"h{k}", "abcd"[k % 4], date=[None, DAY2][k % 2])
    data = build(campaign.allocation())
    parts = partition(data, "area")
    assert len(parts) == 4
    assert sorted(k for part in parts for k in part.calls) == list(range(12))
    teams = [{data.vehicles[v].team_id for v in part.vehicles} for part in parts]
    assert sum(len(crew) for crew in teams) == 4
    for part in parts:
        for k in part.calls:
            assert set(data.calls[k].vehicles) & set(part.vehicles)


def test_leftover_pass_places_a_must_visit_on_another_parts_team(campaign: TinyCampaign) -> None:
    """East can make one visit; its second must-visit is left over, and the roaming team,
    which no part needed, makes it in the leftover pass (which may give it e1 too)."""
    campaign.team("east", district="东镇", max_visits=1)
    campaign.team("west", district="西镇")
    campaign.team("county")
    campaign.home("e1", "a", district="东镇", visit="must")
    campaign.home("e2", "b", district="东镇", visit="must")
    campaign.home("w1", "c", district="西镇")
    messages: list[str] = []
    plan = campaign.plan(split="district", workers=1, progress=messages.append)
    assert sorted(visit.household_id for visit in plan.visits) == ["e1", "e2", "w1"]
    county = {v.household_id for r in plan.routes if r.team_id == "county" for v in r.visits}
    assert "e2" in county
    assert any("dropped visits offered to" in message for message in messages)
    assert_feasible(campaign, plan)


@pytest.mark.parametrize("split", ["district", "area"])
@pytest.mark.parametrize("seed", range(3))
def test_plans_in_parts_keep_every_rule(
    campaign: TinyCampaign, monkeypatch: pytest.MonkeyPatch, split: str, seed: int
) -> None:
    """Random small campaigns cut into parts of three calls, on two processes: every rule holds
    and, with a solution limit, the plan is the same twice."""
    monkeypatch.setattr(partition_module, "PART_CALLS", 3)
    random_campaign(campaign, random.Random(seed), districts=("东镇", "西镇", None))
    first = campaign.plan(split=split, workers=2)  # type: ignore[arg-type]
    assert_feasible(campaign, first)
    assert campaign.plan(split=split, workers=2) == first  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", range(3))
def test_objective_of_a_plan_in_parts_is_what_the_search_minimises(
    campaign: TinyCampaign, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """The objective of a plan put together from parts and the leftover pass is what OR-Tools
    makes of its routes on the whole campaign, moved visits included."""
    monkeypatch.setattr(partition_module, "PART_CALLS", 3)
    random_campaign(campaign, random.Random(seed), districts=("东镇", "西镇", None))
    data = build(campaign.allocation())
    moved = tuple(replace(call, previous=call.vehicles[-1]) for call in data.calls)
    settings = Settings(time_limit=5, solutions=50, workers=1, split="area")
    for routed in (data, replace(data, calls=moved)):
        solution = decompose.solve(routed, settings)
        routes = [[] for _ in routed.vehicles]
        for tour in solution.tours:
            routes[tour.vehicle] = [stop.call for stop in tour.stops]
        assert evaluate(routed, routes) == solution.objective


def test_a_campaign_in_parts_out_of_time_still_gets_a_plan(
    campaign: TinyCampaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A split campaign whose time limit leaves no part time for any search still gets a plan
    within the limit: each household visited or listed as left out, every rule kept, and the
    plan marked as stopped by the time limit."""
    monkeypatch.setattr(partition_module, "PART_CALLS", 3)
    random_campaign(campaign, random.Random(1), districts=("东镇", "西镇", None))
    plan = campaign.plan(split="area", time_limit=0.001)
    made = {visit.household_id for visit in plan.visits}
    left = {dropped.household_id for dropped in plan.dropped}
    wanted = {case.household_id for case in campaign.cases if case.visit != "no"}
    assert made | left == wanted - campaign.unfunded
    assert not made & left
    assert plan.solver_status == "time_limit"
    assert_feasible(campaign, plan)


@pytest.mark.parametrize("seed", range(3))
def test_searching_the_parts_longer_never_gives_a_worse_plan(
    campaign: TinyCampaign, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Each part is searched on from its first plan and keeps it when the search finds
    nothing better: a plan in parts after 200 solutions costs at most what the first
    solutions cost."""
    monkeypatch.setattr(partition_module, "PART_CALLS", 3)
    random_campaign(campaign, random.Random(seed), districts=("东镇", "西镇", None))
    first = campaign.plan(split="area", solution_limit=1)
    searched = campaign.plan(split="area", solution_limit=200)
    assert searched.objective <= first.objective
    assert_feasible(campaign, searched)
