"""songnuan's routing data of a campaign → PyVRP 0.14, to route the very same problem.

PyVRP has one time axis, so day d of the campaign is minutes [1440 d, 1440 (d + 1)); each
team-day is a vehicle type of one vehicle between its depot and back, within its hours; a call
tied to one date (a dated household) gets that day's window, any other call the whole campaign.
Every call is optional with its songnuan penalty as PyVRP's prize, so both solvers minimise the
same thing: road minutes plus the penalties of the visits left out (`decompose.objective`).
Breaks, tiers, districts, the car pool and windows that repeat every day have no PyVRP
counterpart: campaigns compared leave them out (`campaigns.campaign(..., rules=False)`).
"""

from __future__ import annotations

import numpy as np
from pyvrp import Client, Depot, Location, ProblemData, VehicleType, solve
from pyvrp.stop import MaxRuntime

from planner.route.data import RoutingData

DAY = 24 * 60


def pyvrp_objective(data: RoutingData, time_limit: float, seed: int = 0) -> int:
    """PyVRP's best plan for `data` after `time_limit` seconds, costed like songnuan's."""
    result = solve(problem(data), stop=MaxRuntime(time_limit), seed=seed, display=False)
    best = result.best
    if not best.is_feasible():
        raise RuntimeError("PyVRP found no feasible plan")
    return int(best.distance() + best.uncollected_prizes())


def problem(data: RoutingData) -> ProblemData:
    """The campaign as PyVRP problem data: places as locations, one depot per team's base."""
    if any(vehicle.lunch is not None for vehicle in data.vehicles):
        raise ValueError("PyVRP has no lunch breaks: compare campaigns without them")
    first = min(vehicle.date for vehicle in data.vehicles)
    offset = [(vehicle.date - first).days * DAY for vehicle in data.vehicles]
    bases = list(dict.fromkeys(vehicle.depot for vehicle in data.vehicles))
    depot_of = {place: d for d, place in enumerate(bases)}
    horizon = max(offset) + DAY
    clients = []
    for call in data.calls:
        days = {offset[v] for v in call.vehicles}
        if call.window is not None and len(days) > 1:
            raise ValueError("a window on every day is not one PyVRP time window")
        early, late = (0, horizon) if len(days) > 1 else _window(call.window, days.pop())
        clients.append(
            Client(
                location=call.place,
                service_duration=call.service,
                tw_early=early,
                tw_late=late,
                prize=call.penalty,
                required=False,
            )
        )
    travel = np.array(data.travel, dtype=np.int64)
    return ProblemData(
        locations=[Location(x, y) for x, y in data.coords],
        clients=clients,
        depots=[Depot(location=place) for place in bases],
        vehicle_types=[
            VehicleType(
                num_available=1,
                start_depot=depot_of[vehicle.depot],
                end_depot=depot_of[vehicle.depot],
                tw_early=day + vehicle.start,
                tw_late=day + vehicle.end,
            )
            for vehicle, day in zip(data.vehicles, offset, strict=True)
        ],
        distance_matrices=[travel],
        duration_matrices=[travel],
    )


def _window(window: tuple[int, int] | None, day: int) -> tuple[int, int]:
    """A dated call's arrival window on the campaign's time axis."""
    first, last = window or (0, DAY)
    return day + first, day + last
