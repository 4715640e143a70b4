"""The Plan as a whole: depot times, lunch on a drive, order, determinism, progress, errors."""

from __future__ import annotations

import random

import pytest
from route.tiny import DAY1, DAY2, TinyCampaign, assert_feasible, at

from planner.route import RoutingError
from planner.route.solution import Status


def test_team_leaves_just_in_time_and_returns_at_once(campaign: TinyCampaign) -> None:
    """A route starts and ends at its depot; departure is first arrival minus the drive."""
    campaign.team(lunch="11:30-13:30/60")
    campaign.home("x", "b", window="14:00-14:00")
    plan = campaign.plan()
    (route,) = plan.routes
    (visit,) = route.visits
    assert route.depot == "hq"
    assert (route.start, visit.arrival, visit.departure, route.end) == (
        at("13:40"),
        at("14:00"),
        at("14:30"),
        at("14:50"),
    )
    assert (visit.travel_minutes, route.travel_minutes) == (20, 40)
    assert_feasible(campaign, plan)


def test_lunch_on_the_first_drive_moves_departure_earlier(campaign: TinyCampaign) -> None:
    """With lunch on the way out, the team leaves drive + lunch before the first arrival."""
    campaign.team(hours="11:00-17:30", lunch="12:00-13:00/60")
    campaign.home("x", "d", visit="must", window="13:30-13:30")
    (route,) = campaign.plan().routes
    assert route.start == at("11:30")
    assert (route.lunch_start, route.lunch_end) == (at("12:00"), at("13:00"))


def test_half_day_lunches_outside_its_hours(campaign: TinyCampaign) -> None:
    """A morning-only day whose lunch window runs past its end lunches after coming back."""
    campaign.team(hours="08:30-12:00", lunch="11:30-13:30/60")
    for k in range(4):
        campaign.home(f"h{k}", "abcd"[k])
    plan = campaign.plan()
    (route,) = plan.routes
    assert route.lunch_start is not None
    assert route.end <= route.lunch_start
    assert_feasible(campaign, plan)


def test_lunch_on_the_drive_home_moves_return_later(campaign: TinyCampaign) -> None:
    """With lunch on the way home, the team is back drive + lunch after the last visit."""
    campaign.team(lunch="12:00-13:00/60")
    campaign.home("x", "d", visit="must", window="11:00-11:00")
    (route,) = campaign.plan().routes
    assert route.end == at("13:30")


def test_routes_are_sorted_by_team_then_date(campaign: TinyCampaign) -> None:
    """One route per team-day with visits, in the teams' order and then by date."""
    campaign.team("t2", dates=(DAY2, DAY1), max_visits=1)
    campaign.team("t1", dates=(DAY1, DAY2), max_visits=1)
    for k in range(4):
        campaign.home(f"h{k}", "abcd"[k])
    routes = campaign.plan().routes
    assert [(route.team_id, route.date) for route in routes] == [
        ("t2", DAY1),
        ("t2", DAY2),
        ("t1", DAY1),
        ("t1", DAY2),
    ]


def test_same_input_and_solution_limit_give_the_same_plan(campaign: TinyCampaign) -> None:
    """Deterministic: with a solution limit, routing the same allocation twice agrees."""
    random_campaign(campaign, random.Random(7))
    first = campaign.plan(solution_limit=100, time_limit=2.0)
    second = campaign.plan(solution_limit=100, time_limit=2.0)
    assert first == second


def test_progress_reports_improving_solutions(campaign: TinyCampaign) -> None:
    """Progress gets a summary first, the stops the visits make (two households in village
    "a" are one stop), then one line per better solution."""
    campaign.team()
    for k in range(5):
        campaign.home(f"h{k}", "abcd"[k % 4])
    messages: list[str] = []
    campaign.plan(progress=messages.append)
    assert messages[0] == "route: 5 visits over 1 team-days, 0 impossible"
    assert messages[1].startswith("route: 5 visits as 4 stops")
    assert messages[2].startswith("route: solution 1, road ")
    solutions = [message for message in messages if message.startswith("route: solution")]
    assert solutions[-1].endswith("dropped 0")


def test_nothing_to_visit_gives_an_empty_plan(campaign: TinyCampaign) -> None:
    """With no wished-for visits the solver is not called and the plan has no routes."""
    campaign.team()
    campaign.home("x", visit="no")
    plan = campaign.plan()
    assert (plan.routes, plan.dropped, plan.solver_status) == ((), (), Status.NO_VISITS)


def test_lunch_longer_than_its_window_raises(campaign: TinyCampaign) -> None:
    """A lunch that cannot fit its own window is a RoutingError naming team and date."""
    campaign.team(lunch="12:00-12:30/60")
    campaign.home("x")
    with pytest.raises(RoutingError, match="team t1 on 2027-01-31"):
        campaign.plan()


@pytest.mark.parametrize("seed", range(6))
def test_random_campaigns_keep_every_rule(campaign: TinyCampaign, seed: int) -> None:
    """Every rule at once, on small random campaigns with lunches, tiers, caps and windows."""
    random_campaign(campaign, random.Random(seed))
    assert_feasible(campaign, campaign.plan())


def random_campaign(
    campaign: TinyCampaign, rng: random.Random, districts: tuple[str | None, ...] = (None,)
) -> None:
    """Three teams over two days and sixteen households with random wishes and windows; teams
    take `districts` in turn, households any of them."""
    tiers = ["县领导", "部门领导"]
    homes = [name for name in districts if name is not None] or ["城关镇"]
    for k in range(3):
        campaign.team(
            f"t{k}",
            tier=tiers[k % 2],
            depot=rng.choice(["hq", "hq", "c"]),
            dates=rng.choice([(DAY1,), (DAY2,), (DAY1, DAY2)]),
            hours=rng.choice(["08:30-17:30", "09:00-12:00", "13:00-17:30"]),
            lunch=rng.choice([None, "11:30-13:30/60", "12:00-13:00/45"]),
            max_visits=rng.choice([None, 2, 4]),
            district=districts[k % len(districts)],
        )
    for k in range(16):
        start = rng.randrange(8, 16)
        campaign.home(
            f"h{k}",
            rng.choice("aabbccd"),
            visit=rng.choice(["must", "may", "may", "no"]),
            priority=rng.randrange(4),
            tier=rng.choice(["", "", "", *tiers]),
            date=rng.choice([None, None, DAY1, DAY2]),
            window=rng.choice([None, None, f"{start:02d}:00-{start + 1:02d}:30"]),
            funded=rng.random() < 0.9,
            district=rng.choice(homes),
        )
