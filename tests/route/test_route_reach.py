"""The model's "can this team-day make this visit at all" check agrees with OR-Tools.

A visit no team-day can make is reported as impossible with its reason instead of being handed
to the search, so the check must be exact: never stricter than OR-Tools (a possible visit
would be reported impossible) and, with the lunch break, never looser either.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from route.tiny import DAY1, TinyCampaign

from planner.route.data import Call, Lunch, RoutingData, Vehicle
from planner.route.model import build
from planner.route.search import solve
from planner.route.settings import Settings


def one_visit(rng: random.Random) -> RoutingData:
    """One team-day and one household at a random drive, with random hours, lunch and window."""
    start = rng.randrange(7 * 60, 10 * 60, 15)
    end = start + rng.randrange(60, 9 * 60, 15)
    earliest = rng.randrange(10 * 60, 13 * 60, 15)
    lunch = Lunch(earliest, earliest + rng.choice([60, 90, 120]), rng.choice([30, 60]))
    first = rng.randrange(7 * 60, 17 * 60, 15)
    window = rng.choice([None, (first, first + rng.choice([0, 30, 120]))])
    drive = rng.choice([5, 30, 90, 150])
    vehicle = Vehicle("t", "", DAY1, 0, start, end, rng.choice([None, lunch]), None, None, None)
    call = Call("h", 1, 30, True, 10**6, window, (0,))
    travel = ((0, drive), (drive, 0))
    return RoutingData(("hq", "x"), travel, (vehicle,), (call,), ())


@pytest.mark.parametrize("seed", range(80))
def test_reachable_means_the_search_can_make_it(seed: int) -> None:
    """For one visit, the check says yes exactly when OR-Tools finds a plan that makes it."""
    data = one_visit(random.Random(seed))
    campaign = TinyCampaign()
    campaign.roads = {("hq", "x"): data.travel[0][1]}
    vehicle, call = data.vehicles[0], data.calls[0]
    lunch = vehicle.lunch
    campaign.team(
        hours=f"{_clock(vehicle.start)}-{_clock(vehicle.end)}",
        lunch=None
        if lunch is None
        else f"{_clock(lunch.earliest)}-{_clock(lunch.latest)}/{lunch.minutes}",
    )
    window = None if call.window is None else "-".join(map(_clock, call.window))
    campaign.home("h", "x", visit="must", window=window)
    checked = build(campaign.allocation())
    searched = solve(data, Settings(time_limit=1, solutions=1))
    assert bool(checked.calls) == (searched.dropped == ())


def _clock(minute: int) -> str:
    return f"{dt.time(minute // 60, minute % 60):%H:%M}"
