"""A VRPTW instance (the fields `vrplib.read_instance` gives) → the routing stage's `RoutingData`.

The Solomon and Gehring–Homberger benchmarks measure songnuan's own routing stage, not a model
of their own, so an instance becomes the data a campaign does: one vehicle per member of the
fleet (a "team-day" with the depot's hours and the load capacity), one must-visit call per
customer, and `portfolio.solve` routes it like any campaign.

Units follow the DIMACS convention of the best-known distances: a distance, which is also the
driving time, is floor(10 × Euclidean distance), and windows and service times are scaled by
10 to match, so everything stays integer and exact.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from planner.route.data import Call, RoutingData, Vehicle

SCALE = 10
DATE = dt.date(2000, 1, 1)
"""A VRPTW has no calendar; every vehicle is out on this one placeholder day."""


def routing_data(instance: Mapping[str, Any]) -> RoutingData:
    """The routing data of a VRPTW instance with its depot at index 0.

    Every customer is a must-visit whose penalty exceeds any plan's whole distance, so the
    search drops one only when it finds no way at all to fit it.
    """
    coords = [(int(x), int(y)) for x, y in instance["node_coord"]]
    windows = [(int(a) * SCALE, int(b) * SCALE) for a, b in instance["time_window"]]
    service = _per_node(instance["service_time"], len(coords))
    travel = distances(coords)
    penalty = sum(max(row) for row in travel) + 1
    capacity = int(instance["capacity"])
    vehicle = Vehicle(
        team_id="",
        tier="",
        date=DATE,
        depot=0,
        start=windows[0][0],
        end=windows[0][1],
        lunch=None,
        max_visits=None,
        max_minutes=None,
        district=None,
        capacity=capacity,
    )
    fleet = int(instance["vehicles"])
    vehicles = tuple(replace(vehicle, team_id=f"vehicle {k + 1}") for k in range(fleet))
    everyone = tuple(range(fleet))
    calls = tuple(
        Call(
            household_id=str(node),
            place=node,
            service=service[node],
            must=True,
            penalty=penalty,
            window=windows[node],
            vehicles=everyone,
            demand=int(instance["demand"][node]),
        )
        for node in range(1, len(coords))
    )
    return RoutingData(
        places=tuple(str(node) for node in range(len(coords))),
        travel=travel,
        vehicles=vehicles,
        calls=calls,
        unservable=(),
    )


def distances(coords: Sequence[tuple[int, int]]) -> tuple[tuple[int, ...], ...]:
    """floor(10 × Euclidean distance), exact: the integer square root of 100 × the square."""
    return tuple(
        tuple(math.isqrt(SCALE * SCALE * ((xa - xb) ** 2 + (ya - yb) ** 2)) for xb, yb in coords)
        for xa, ya in coords
    )


def _per_node(service: Any, nodes: int) -> list[int]:
    """Service times scaled, whether the instance gives one for all or one per node."""
    values = service if hasattr(service, "__len__") else [service] * nodes
    return [round(float(value) * SCALE) for value in values]
