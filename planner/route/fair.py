"""Fair loads between teams, as rules of the OR-Tools model (`search` adds them).

Soft: within a tier, the busiest team-day's road minutes and its visits cost on top of the
driving, min–max style as the routing literature prefers to variance measures. OR-Tools has
this natively as a dimension's global span cost (the largest end cumul less the smallest start
cumul over the vehicles): one "road" and one "made" dimension per tier of two or more teams,
whose transits are the tier's own vehicles' drives and visits (zero on other tiers'
vehicles), with starts fixed at zero, so the span is the tier's busiest day. A team is several
vehicles (one per day), so levelling the busiest day levels the teams of a tier, and a team
left at home is what the search reaches for first when a day grows long. The weights:

- `ROAD_WEIGHT`: a minute off the busiest day of a tier is worth that many minutes of total
  driving;
- `VISITS_WEIGHT`: a visit off the busiest day is worth that many minutes of driving; both far
  below a may-visit's penalty (`model.MAY_PENALTY`), so no visit is dropped to level loads.

Hard: a team with `min_days` is out on at least that many of its days, one with `min_visits`
makes at least that many visits (both cut to what the team has in this data: its vehicles, the
calls they may make), added as constraints on `ActiveVehicleVar` and on a dimension's end
cumuls through the routing solver.
"""

from __future__ import annotations

from collections.abc import Sequence

from ortools.constraint_solver import pywrapcp

from planner.route.data import RoutingData

ROAD_WEIGHT = 2
VISITS_WEIGHT = 30


def level_tiers(
    routing: pywrapcp.RoutingModel,
    data: RoutingData,
    places: Sequence[int],
    visits: Sequence[int],
) -> None:
    """Soft: the busiest day's road minutes and visits of each tier cost (`ROAD_WEIGHT`,
    `VISITS_WEIGHT`). `places` is each node's place, `visits` each node's visits."""
    road = [[data.travel[a][b] for b in places] for a in places]
    drives = routing.RegisterTransitMatrix(road)
    made = routing.RegisterUnaryTransitVector(list(visits))
    idle = routing.RegisterUnaryTransitVector([0] * len(places))
    tiers = _shared_tiers(data)
    if not tiers:
        return
    horizon = sum(map(max, road)) + 1
    for tier in tiers:
        own = [vehicle.level_loads and vehicle.tier == tier for vehicle in data.vehicles]
        for name, transit, most, weight in (
            ("road", drives, horizon, ROAD_WEIGHT),
            ("made", made, sum(visits) + 1, VISITS_WEIGHT),
        ):
            evaluators = [transit if mine else idle for mine in own]
            routing.AddDimensionWithVehicleTransits(evaluators, 0, most, True, f"{name} {tier}")
            routing.GetDimensionOrDie(f"{name} {tier}").SetGlobalSpanCostCoefficient(weight)


def _shared_tiers(data: RoutingData) -> list[str]:
    """The tiers with two teams or more, in order of their first vehicle."""
    teams: dict[str, set[str]] = {}
    for vehicle in data.vehicles:
        if vehicle.level_loads:
            teams.setdefault(vehicle.tier, set()).add(vehicle.team_id)
    return [tier for tier, members in teams.items() if len(members) > 1]


def least_work(routing: pywrapcp.RoutingModel, data: RoutingData, visits: Sequence[int]) -> None:
    """Hard: each team out on at least its `min_days` days and making its `min_visits` visits.

    Each is cut to what the team has here: its vehicles in this data, and the visits of the
    calls those vehicles may make. No dimension when no team asks for visits.
    """
    solver = routing.solver()
    teams: dict[str, list[int]] = {}
    for v, vehicle in enumerate(data.vehicles):
        teams.setdefault(vehicle.team_id, []).append(v)
    counted = None
    for members in teams.values():
        first = data.vehicles[members[0]]
        days = min(first.min_days, len(members))
        if days:
            solver.Add(solver.Sum([routing.ActiveVehicleVar(v) for v in members]) >= days)
        reachable = sum(
            call.visits for call in data.calls if any(v in call.vehicles for v in members)
        )
        least = min(first.min_visits, reachable)
        if least:
            counted = counted or _counted(routing, visits)
            ends = [counted.CumulVar(routing.End(v)) for v in members]
            solver.Add(solver.Sum(ends) >= least)


def _counted(routing: pywrapcp.RoutingModel, visits: Sequence[int]) -> pywrapcp.RoutingDimension:
    """A dimension counting each vehicle's visits from zero (the end cumul is the count)."""
    callback = routing.RegisterUnaryTransitVector(list(visits))
    routing.AddDimension(callback, 0, sum(visits) + 1, True, "counted")
    dimension: pywrapcp.RoutingDimension = routing.GetDimensionOrDie("counted")
    return dimension
