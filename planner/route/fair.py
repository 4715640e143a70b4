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

Nearly hard: a team with `min_days` is out on at least that many of its days, one with
`min_visits` makes at least that many visits, each visit short costing more than any may-visit
(`least_work` says why this is not a hard constraint and how the days are chosen).
"""

from __future__ import annotations

from collections.abc import Sequence

from ortools.constraint_solver import pywrapcp

from planner.route.data import RoutingData

ROAD_WEIGHT = 2
VISITS_WEIGHT = 30
SHORT_PENALTY = 20_000
"""A visit short of a team's `min_days`/`min_visits`: more than any may-visit's penalty (so a
team goes out rather than leave a may-visit to another), less than a must-visit's."""


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
    """Nearly hard: each team out on its `min_days` days and making its `min_visits` visits.

    A constraint on the sum of `ActiveVehicleVar` over a team's vehicles left OR-Tools' first
    solution heuristics without any solution even on a four-household campaign, so the rule is
    kept per vehicle instead, as a soft lower bound on the day's visits costing `SHORT_PENALTY`
    a visit short: the team's `min_days` days with the most calls it may make (the earlier on
    a tie) are each to make a visit, and its visits are spread as ceil(min_visits ÷ days) over
    those days (all its days when it has no `min_days`). Each is cut to what the team has here:
    its vehicles in this data and the calls they may make. No dimension when no team asks.
    """
    counted = None
    for members in _teams(data).values():
        first = data.vehicles[members[0]]
        calls = {v: sum(v in call.vehicles for call in data.calls) for v in members}
        reachable = [v for v in members if calls[v]]
        if first.min_days:
            reachable = sorted(reachable, key=lambda v: -calls[v])[: first.min_days]
        if not reachable or not (first.min_days or first.min_visits):
            continue
        most = sum(call.visits for call in data.calls if set(call.vehicles) & set(reachable))
        spread = -(-min(first.min_visits, most) // len(reachable))
        least = max(1 if first.min_days else 0, spread)
        counted = counted or _counted(routing, visits)
        for v in sorted(reachable):
            routing.SetVehicleUsedWhenEmpty(True, v)  # else an empty day's bound costs nothing
            counted.SetCumulVarSoftLowerBound(routing.End(v), least, SHORT_PENALTY)


def _teams(data: RoutingData) -> dict[str, list[int]]:
    """Each team's vehicles, in order."""
    teams: dict[str, list[int]] = {}
    for v, vehicle in enumerate(data.vehicles):
        teams.setdefault(vehicle.team_id, []).append(v)
    return teams


def _counted(routing: pywrapcp.RoutingModel, visits: Sequence[int]) -> pywrapcp.RoutingDimension:
    """A dimension counting each vehicle's visits from zero (the end cumul is the count)."""
    callback = routing.RegisterUnaryTransitVector(list(visits))
    routing.AddDimension(callback, 0, sum(visits) + 1, True, "counted")
    dimension: pywrapcp.RoutingDimension = routing.GetDimensionOrDie("counted")
    return dimension
