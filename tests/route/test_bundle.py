"""Households alike in one village travel as one stop, and come back out as one visit each."""

from __future__ import annotations

from itertools import pairwise

import pytest
from route.tiny import DAY1, DAY2, TinyCampaign, assert_feasible, minutes

import planner.route.bundle as bundle_module
from planner.route.bundle import MOST, bundle, everyone_fits
from planner.route.model import build


def test_alike_households_in_one_village_become_one_stop(campaign: TinyCampaign) -> None:
    """Three may-visits of two priorities and a must-visit in village "a" are one call: their
    service, penalty and visits added up; the household elsewhere, the one with a window and
    the one tied to the second day (other vehicles can make it) stay single."""
    campaign.team(dates=(DAY1, DAY2))
    for k in range(3):
        campaign.home(f"a{k}", "a", priority=1 + k % 2)
    campaign.home("m", "a", visit="must")
    campaign.home("b0", "b")
    campaign.home("w", "a", window="14:00-15:00")
    campaign.home("d", "a", date=DAY2)
    data = build(campaign.allocation())
    bundled = bundle(data)
    ids = [[data.calls[k].household_id for k in members] for members in bundled.members]
    assert sorted(ids) == sorted([["a0", "a1", "a2", "m"], ["b0"], ["w"], ["d"]])
    (four,) = [call for call in bundled.data.calls if call.visits == 4]
    alike = data.calls[:4]
    assert four.service == sum(call.service for call in alike)
    assert four.penalty == sum(call.penalty for call in alike)


def test_a_bundle_holds_at_most_most_households(campaign: TinyCampaign) -> None:
    campaign.team()
    for k in range(MOST + 2):
        campaign.home(f"a{k}", "a")
    bundled = bundle(build(campaign.allocation()))
    assert sorted(len(members) for members in bundled.members) == [2, MOST]


def test_a_bundle_comes_back_as_visits_back_to_back(campaign: TinyCampaign) -> None:
    """The plan has one visit per household; a village's households follow each other with no
    drive between them, each arriving as the one before leaves."""
    campaign.team()
    for k in range(3):
        campaign.home(f"a{k}", "a")
    campaign.home("c0", "c")
    plan = campaign.plan()
    (route,) = plan.routes
    assert sorted(visit.household_id for visit in route.visits) == ["a0", "a1", "a2", "c0"]
    in_a = [visit for visit in route.visits if visit.household_id.startswith("a")]
    for before, after in pairwise(in_a):
        assert after.arrival == before.departure
        assert after.travel_minutes == 0
    assert_feasible(campaign, plan)


def test_the_daily_visit_cap_counts_each_household_of_a_bundle(campaign: TinyCampaign) -> None:
    """Three alike households, two days of at most two visits: everyone fits, but not as one
    bundle of three on one day, so the households get a second chance one by one and all three
    are visited, two on one day and one on the other."""
    campaign.team(dates=(DAY1, DAY2), max_visits=2)
    for k in range(3):
        campaign.home(f"a{k}", "a")
    plan = campaign.plan()
    assert sorted(len(route.visits) for route in plan.routes) == [1, 2]
    assert plan.dropped == ()
    assert_feasible(campaign, plan)


def test_a_bundle_too_long_for_the_day_is_visited_in_part(
    campaign: TinyCampaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 100-minute day fits two 30-minute visits at "a" (10 minutes each way) but not three.
    Made to look as if everyone fits, the three are bundled, the bundle does not fit, and the
    households come back one by one: two are visited."""
    monkeypatch.setattr(bundle_module, "FIT_SHARE", 1.0)
    campaign.team(dates=(DAY1,), hours="09:00-10:40")
    for k in range(3):
        campaign.home(f"a{k}", "a")
    assert len(bundle(build(campaign.allocation())).members) == 1
    plan = campaign.plan()
    (route,) = plan.routes
    assert len(route.visits) == 2 and len(plan.dropped) == 1
    assert minutes(route.end - route.start) <= 100
    assert_feasible(campaign, plan)


def test_no_bundles_when_not_everyone_fits(campaign: TinyCampaign) -> None:
    """More visits than the daily caps allow: who is left out matters most, and single calls
    choose it by priority exactly, so nothing is bundled."""
    campaign.team(dates=(DAY1,), max_visits=2)
    for k in range(3):
        campaign.home(f"a{k}", "a", priority=k)
    data = build(campaign.allocation())
    assert not everyone_fits(data)
    assert [len(members) for members in bundle(data).members] == [1, 1, 1]
