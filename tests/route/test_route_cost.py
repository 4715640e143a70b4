"""`cost.objective` adds up OR-Tools' objective from the routing data: on random campaigns with
every rule, fair loads, least work and moved visits, it is what OR-Tools says of the same routes."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from route.test_route_plan import random_campaign
from route.tiny import TinyCampaign

from planner.route import cost, search
from planner.route.data import RoutingData
from planner.route.model import build
from planner.route.settings import Settings


def _variants(data: RoutingData) -> list[RoutingData]:
    """The campaign as it is, with least work asked of every team, and with every call's
    previous team-day its last able one (a re-plan that moves visits)."""
    least = tuple(replace(v, min_days=2, min_visits=3, road_weight=5) for v in data.vehicles)
    moved = tuple(replace(call, previous=call.vehicles[-1]) for call in data.calls)
    return [data, replace(data, vehicles=least), replace(data, calls=moved)]


@pytest.mark.parametrize("seed", range(4))
def test_the_objective_added_up_is_or_tools_own(campaign: TinyCampaign, seed: int) -> None:
    random_campaign(campaign, random.Random(seed), districts=("东镇", "西镇", None))
    for data in _variants(build(campaign.allocation())):
        for solutions in (1, 50):
            found = search.solve(data, Settings(time_limit=10, solutions=solutions, workers=1))
            routes = search.solution_routes(data, found)
            assert cost.objective(data, routes) == found.objective
            assert cost.objective(data, routes) == search.evaluate(data, routes)


def test_routes_left_empty_cost_the_penalties_and_the_least_work(campaign: TinyCampaign) -> None:
    random_campaign(campaign, random.Random(7))
    data = build(campaign.allocation())
    empty: list[list[int]] = [[] for _ in data.vehicles]
    assert cost.objective(data, empty) == sum(call.penalty for call in data.calls)
    for data in _variants(data):
        assert cost.objective(data, empty) == search.evaluate(data, empty)
