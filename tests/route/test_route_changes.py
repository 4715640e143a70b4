"""The re-planning rule of `search`: a call made by another vehicle than before costs
`CHANGE_PENALTY`, so a visit stays with its team-day unless moving it saves more than that."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.route.data import CHANGE_PENALTY, Call, RoutingData, Vehicle
from planner.route.search import solve
from planner.route.settings import Settings

DAY = dt.date(2027, 2, 1)


def two_depots(extra: int) -> RoutingData:
    """One call, two single-day vehicles from two depots; the second's drive is `extra` longer."""
    near, far = 10, 10 + extra
    vehicles = tuple(
        Vehicle(
            team_id=f"team-{depot}",
            tier="",
            date=DAY,
            depot=depot,
            start=8 * 60,
            end=18 * 60,
            lunch=None,
            max_visits=None,
            max_minutes=None,
            district=None,
        )
        for depot in (0, 1)
    )
    call = Call(
        household_id="h1",
        place=2,
        service=30,
        must=False,
        penalty=10_000,
        window=None,
        vehicles=(0, 1),
    )
    travel = ((0, 99, near), (99, 0, far), (near, far, 0))
    return RoutingData(
        places=("d0", "d1", "h"),
        travel=travel,
        vehicles=vehicles,
        calls=(call,),
        unservable=(),
    )


def vehicle_of_call(data: RoutingData) -> int:
    solution = solve(data, Settings(time_limit=2, solutions=50))
    assert not solution.dropped
    (tour,) = solution.tours
    return tour.vehicle


def test_without_a_previous_vehicle_the_shorter_drive_wins() -> None:
    assert vehicle_of_call(two_depots(extra=30)) == 0


def test_a_visit_stays_with_its_previous_vehicle_when_moving_saves_little() -> None:
    """Moving would save 60 road minutes both ways, less than a change costs."""
    data = two_depots(extra=30)
    data = replace(data, calls=(replace(data.calls[0], previous=1),))
    solution = solve(data, Settings(time_limit=2, solutions=50))
    assert [tour.vehicle for tour in solution.tours] == [1]
    assert solution.objective == 2 * 40


def test_a_visit_moves_when_that_saves_more_than_a_change_costs() -> None:
    extra = CHANGE_PENALTY  # both ways: 2 × CHANGE_PENALTY saved, one change paid
    data = two_depots(extra=extra)
    data = replace(data, calls=(replace(data.calls[0], previous=1),))
    solution = solve(data, Settings(time_limit=2, solutions=50))
    assert [tour.vehicle for tour in solution.tours] == [0]
    assert solution.objective == 2 * 10 + CHANGE_PENALTY
