"""The VRPTW adapter (benchmarks through the routing stage) and the vehicle capacity rule."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from planner.route.search import solve
from planner.route.settings import Settings
from planner.route.vrptw import routing_data

SOLOMON = Path(__file__).resolve().parents[3] / "shared" / "bench" / "solomon"


def instance(capacity: int = 10, vehicles: int = 2) -> dict[str, Any]:
    """A depot at the origin and two customers, as `vrplib.read_instance` gives them."""
    return {
        "vehicles": vehicles,
        "capacity": capacity,
        "service_time": 2,
        "node_coord": [(0, 0), (3, 4), (1, 1)],
        "demand": [0, 5, 7],
        "time_window": [(0, 100), (1, 20), (0, 50)],
    }


def test_adapter_scales_times_and_truncates_distances() -> None:
    """Distances are floor(10 × Euclid), windows and service × 10, every customer a must-visit."""
    data = routing_data(instance())
    assert data.travel[0][1] == 50
    assert data.travel[0][2] == 14
    assert data.travel[1][2] == data.travel[2][1] == 36
    assert [(vehicle.start, vehicle.end, vehicle.capacity) for vehicle in data.vehicles] == [
        (0, 1000, 10),
        (0, 1000, 10),
    ]
    assert [(call.place, call.window, call.service, call.demand) for call in data.calls] == [
        (1, (10, 200), 20, 5),
        (2, (0, 500), 20, 7),
    ]
    assert all(call.must and call.vehicles == (0, 1) for call in data.calls)
    assert data.calls[0].penalty > sum(max(row) for row in data.travel)


def test_capacity_splits_loads_over_vehicles() -> None:
    """Hard: 5 + 7 exceeds a capacity of 10, so each customer gets its own vehicle."""
    data = routing_data(instance(capacity=10))
    solution = solve(data, Settings(time_limit=1, solutions=50))
    assert not solution.dropped
    assert sorted(len(tour.stops) for tour in solution.tours) == [1, 1]


def test_one_vehicle_serves_both_when_capacity_allows() -> None:
    """The shorter single route is taken when the load fits (the rule binds only when full)."""
    data = routing_data(instance(capacity=12))
    solution = solve(data, Settings(time_limit=1, solutions=50))
    assert [len(tour.stops) for tour in solution.tours] == [2]


def test_capacity_drops_what_no_vehicle_can_carry() -> None:
    """Hard: one vehicle of capacity 10 cannot carry both; one must-visit is left out."""
    data = routing_data(instance(capacity=10, vehicles=1))
    solution = solve(data, Settings(time_limit=1, solutions=50))
    assert len(solution.dropped) == 1
    assert sum(len(tour.stops) for tour in solution.tours) == 1


@pytest.mark.skipif(not SOLOMON.is_dir(), reason="the shared benchmark folder is absent")
def test_best_known_c101_costs_its_published_distance() -> None:
    """The adapter's matrix is the best-known distances' convention: C101's routes cost 827.3."""
    vrplib = pytest.importorskip("vrplib")
    data = routing_data(vrplib.read_instance(str(SOLOMON / "C101.vrp")))
    routes = vrplib.read_solution(str(SOLOMON / "C101.sol"))["routes"]
    cost = sum(data.travel[a][b] for route in routes for a, b in itertools.pairwise([0, *route, 0]))
    assert cost == 8273
