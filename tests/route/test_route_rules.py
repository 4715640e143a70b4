"""Each routing rule alone on a tiny campaign: hours, windows, lunch, drives, caps, tiers."""

from __future__ import annotations

from dataclasses import replace

from route.tiny import DAY1, DAY2, TinyCampaign, assert_feasible, at, minutes

from planner.network import RoadNetwork
from planner.reasons import Reason, ReasonBook
from planner.route.convert import to_plan
from planner.route.decompose import solve
from planner.route.model import build
from planner.route.settings import Settings
from planner.route.solution import Status

VISIT_CAP_FULL = "能走访该户的各组当日名额已满（已达每日走访上限），已排入的走访都不比该户次要"
"""What a visit says when every team-day that could make it is at its daily visit cap."""


def said(reason: Reason) -> str:
    """A drop's reason as the office reads it."""
    return ReasonBook().render(reason)


def test_visits_lie_within_team_hours(campaign: TinyCampaign) -> None:
    """Hard: a team leaves at its day start or later and is back by its day end."""
    campaign.team(hours="09:00-12:00")
    for place in "abc":
        campaign.home(f"h{place}", place)
    plan = campaign.plan()
    (route,) = plan.routes
    assert len(route.visits) == 3
    assert at("09:00") <= route.start
    assert route.end <= at("12:00")
    assert_feasible(campaign, plan)


def test_household_windows_are_respected(campaign: TinyCampaign) -> None:
    """Hard: times alone hold on any day, a date alone means that day, both mean both."""
    campaign.team(dates=(DAY1, DAY2))
    campaign.home("times", "a", window="14:00-14:30")
    campaign.home("date", "b", date=DAY2)
    campaign.home("both", "c", date=DAY2, window="10:00-10:15")
    plan = campaign.plan()
    visits = {visit.household_id: visit for visit in plan.visits}
    assert set(visits) == {"times", "date", "both"}
    assert "14:00" <= f"{visits['times'].arrival:%H:%M}" <= "14:30"
    assert visits["date"].arrival.date() == DAY2
    assert at("10:00", DAY2) <= visits["both"].arrival <= at("10:15", DAY2)
    assert_feasible(campaign, plan)


def test_lunch_lies_in_its_window_and_no_visit_overlaps_it(campaign: TinyCampaign) -> None:
    """Hard: the whole lunch break falls inside its window and between visits, never in one."""
    campaign.team(lunch="11:30-13:30/60")
    for k, place in enumerate("aabbccaabbcc"):
        campaign.home(f"h{k}", place)
    plan = campaign.plan()
    (route,) = plan.routes
    assert route.lunch_start is not None and route.lunch_end is not None
    assert at("11:30") <= route.lunch_start
    assert route.lunch_end <= at("13:30")
    assert minutes(route.lunch_end - route.lunch_start) == 60
    for visit in route.visits:
        assert visit.departure <= route.lunch_start or route.lunch_end <= visit.arrival
    assert_feasible(campaign, plan)


def test_lunch_between_two_visits_lengthens_the_drive(campaign: TinyCampaign) -> None:
    """Hard: with lunch between two stops, the next arrival is at least drive + lunch later."""
    campaign.team(lunch="11:30-12:40/60")
    campaign.home("first", "b", visit="must", window="11:00-11:00")
    campaign.home("second", "c", visit="must", window="12:40-12:40")
    plan = campaign.plan()
    (route,) = plan.routes
    first, second = route.visits
    assert (first.household_id, second.household_id) == ("first", "second")
    assert (route.lunch_start, route.lunch_end) == (at("11:30"), at("12:30"))
    assert minutes(second.arrival - first.departure) == second.travel_minutes + 60 == 70


def test_consecutive_visits_leave_time_to_drive(campaign: TinyCampaign) -> None:
    """Hard: between two stops there are at least the driving minutes of the road between."""
    campaign.team(hours="08:30-13:00")
    for k, place in enumerate("dcbadcba"):
        campaign.home(f"h{k}", place)
    plan = campaign.plan()
    network = RoadNetwork.of(campaign.scenario())
    (route,) = plan.routes
    assert len(route.visits) >= 4
    for before, after in zip(route.visits, route.visits[1:], strict=False):
        drive = network.minutes(before.place, after.place)
        assert after.travel_minutes == drive
        assert minutes(after.arrival - before.departure) >= drive


def test_max_visits_per_day_holds(campaign: TinyCampaign) -> None:
    """Hard: a team with max_visits_per_day=2 makes two visits a day, the rest are dropped."""
    campaign.team(dates=(DAY1, DAY2), max_visits=2)
    for k in range(6):
        campaign.home(f"h{k}", "a")
    plan = campaign.plan()
    assert [len(route.visits) for route in plan.routes] == [2, 2]
    assert len(plan.dropped) == 2
    assert all(said(drop.reason) == VISIT_CAP_FULL for drop in plan.dropped)
    assert_feasible(campaign, plan)


def test_a_full_visit_cap_is_the_reason_even_when_the_clock_stopped_the_search(
    campaign: TinyCampaign,
) -> None:
    """A reached visit cap is a fact of the plan, not a guess: a search the time limit cut short
    still names it, and only "the hours are full" turns into "ran out of time"."""
    campaign.team(dates=(DAY1,), max_visits=1)
    for k in range(3):
        campaign.home(f"h{k}", "a")
    allocation = campaign.allocation()
    data = build(allocation)
    found = solve(data, Settings(time_limit=10, solutions=200, workers=1, split="none"))
    cut_short = to_plan(allocation, data, replace(found, status=Status.TIME_LIMIT))
    assert len(cut_short.dropped) == 2
    reasons = {said(drop.reason) for drop in cut_short.dropped}
    assert reasons == {VISIT_CAP_FULL}
    assert all(
        "求解时限内未能排入，延长求解时间后可能排得下" not in said(drop.reason)
        for drop in cut_short.dropped
    )


def test_full_hours_in_a_search_cut_short_say_the_time_ran_out(campaign: TinyCampaign) -> None:
    """Hours that look full may only look so to a search stopped early: the reason says so,
    naming the clock when the time limit stopped it and the work when its solutions ran out."""
    campaign.team(dates=(DAY1,), hours="09:00-10:30")
    for k in range(4):
        campaign.home(f"h{k}", "a")
    allocation = campaign.allocation()
    data = build(allocation)
    found = solve(data, Settings(time_limit=10, solutions=200, workers=1, split="none"))
    assert found.dropped
    settled = to_plan(allocation, data, found)
    assert all("工作时间和午休内排不下" in said(drop.reason) for drop in settled.dropped)
    cut_short = to_plan(allocation, data, replace(found, status=Status.TIME_LIMIT))
    out_of_time = "求解时限内未能排入，延长求解时间后可能排得下"
    assert all(said(drop.reason) == out_of_time for drop in cut_short.dropped)
    unfinished = to_plan(allocation, data, replace(found, status=Status.WORK_LIMIT))
    assert all("加大搜索量（--solutions）" in said(drop.reason) for drop in unfinished.dropped)


def test_tier_restricts_which_team_visits(campaign: TinyCampaign) -> None:
    """Hard: a household that needs a tier is visited only by a team of that tier."""
    campaign.team("county", tier="县领导")
    campaign.team("bureau", tier="部门领导")
    for k, tier in enumerate(["县领导", "县领导", "部门领导", "部门领导", "", ""]):
        campaign.home(f"h{k}", "abc"[k % 3], tier=tier)
    plan = campaign.plan()
    assert len(plan.visits) == 6
    tier_of = {"county": "县领导", "bureau": "部门领导"}
    needs = {case.household_id: case.tier for case in campaign.cases}
    for route in plan.routes:
        for visit in route.visits:
            assert needs[visit.household_id] in ("", tier_of[route.team_id])
    assert_feasible(campaign, plan)


def test_two_households_in_one_village_are_two_visits(campaign: TinyCampaign) -> None:
    """Each household is its own stop, even at the same place; no household is visited twice."""
    campaign.team()
    campaign.home("x", "b")
    campaign.home("y", "b")
    plan = campaign.plan()
    (route,) = plan.routes
    assert sorted(visit.household_id for visit in route.visits) == ["x", "y"]
    assert [visit.travel_minutes for visit in route.visits] == [20, 0]
    assert_feasible(campaign, plan)


def test_team_day_availability_differs_by_day(campaign: TinyCampaign) -> None:
    """Hard: a morning-only day takes morning visits; its afternoon is not worked."""
    campaign.team(dates=(DAY1, DAY2), hours=("08:30-17:30", "08:30-12:00"))
    campaign.home("am", "a", date=DAY2, window="09:00-10:00")
    campaign.home("pm", "a", date=DAY2, window="14:00-15:00")
    campaign.home("any", "b", window="15:00-16:00")
    plan = campaign.plan()
    visits = {visit.household_id: visit for visit in plan.visits}
    assert visits["am"].arrival.date() == DAY2
    assert visits["any"].arrival.date() == DAY1
    assert [drop.household_id for drop in plan.dropped] == ["pm"]
    assert_feasible(campaign, plan)


def test_max_minutes_per_day_holds(campaign: TinyCampaign) -> None:
    """Hard: a team out at most 100 minutes a day makes two 30-minute visits, not three."""
    campaign.team(max_minutes=100)
    for k, place in enumerate("aabb"):
        campaign.home(f"h{k}", place)
    plan = campaign.plan()
    (route,) = plan.routes
    assert len(route.visits) == 2
    assert minutes(route.end - route.start) <= 100
    reason = "能走访该户的各组当日名额已满（已达每日工作时长上限），已排入的走访都不比该户次要"
    assert all(said(drop.reason) == reason for drop in plan.dropped)
    assert_feasible(campaign, plan)


def test_district_team_stays_in_its_district(campaign: TinyCampaign) -> None:
    """Hard: a team with a district visits only its district; a team without one goes anywhere."""
    campaign.team("east", district="东镇")
    campaign.team("roam")
    campaign.home("e1", "a", district="东镇")
    campaign.home("w1", "b", district="西镇")
    campaign.home("w2", "c", district="西镇")
    plan = campaign.plan()
    teams = {visit.household_id: route.team_id for route in plan.routes for visit in route.visits}
    assert teams["w1"] == teams["w2"] == "roam"
    assert set(teams) == {"e1", "w1", "w2"}
    assert_feasible(campaign, plan)


def test_each_household_is_visited_once_across_teams_tiers_and_days(
    campaign: TinyCampaign,
) -> None:
    """不重: one node and one disjunction per household, so however many team-days of however
    many tiers could go, each household is visited exactly once (no rule allows a second tier)."""
    campaign.team("county", tier="县领导", dates=(DAY1, DAY2))
    campaign.team("bureau", tier="部门领导", dates=(DAY1, DAY2))
    for k, place in enumerate("aabbcc"):
        campaign.home(f"h{k}", place, visit="must")
    plan = campaign.plan()
    visited = sorted(visit.household_id for visit in plan.visits)
    assert visited == [f"h{k}" for k in range(6)]
    assert_feasible(campaign, plan)
