"""Re-planning: the plan being revised as the routing data's start, and what leaving it costs.

Each call is told which team-day made it before (`Call.previous`, when that team-day is still
open and may make it), so that the search pays `CHANGE_PENALTY` for each visit it moves, and
each vehicle's previous calls become the routes the search starts from: the first solution
keeps them and inserts what is new, so a visit that need not move is not moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.plan import Route
from planner.route.data import RoutingData


def with_previous(
    data: RoutingData, previous: Sequence[Route]
) -> tuple[RoutingData, list[list[int]]]:
    """Each call told its previous vehicle, and each vehicle's previous calls in order.

    A call's previous vehicle counts only when it may make the call again: when it is gone
    (unavailable, kept) every vehicle is a change, and no choice among them should pay for it.
    """
    vehicle_of = {(vehicle.team_id, vehicle.date): v for v, vehicle in enumerate(data.vehicles)}
    was = {
        visit.household_id: vehicle_of.get((route.team_id, route.date))
        for route in previous
        for visit in route.visits
    }
    calls = tuple(
        replace(call, previous=was[call.household_id])
        if was.get(call.household_id) in call.vehicles
        else call
        for call in data.calls
    )
    position = {call.household_id: k for k, call in enumerate(calls)}
    initial: list[list[int]] = [[] for _ in data.vehicles]
    for route in previous:
        v = vehicle_of.get((route.team_id, route.date))
        if v is None:
            continue
        made = [position.get(visit.household_id) for visit in route.visits]
        initial[v] = [k for k in made if k is not None and calls[k].previous == v]
    return replace(data, calls=calls), initial
