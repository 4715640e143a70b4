"""Fair loads between teams, as rules of the OR-Tools model (`search` adds them).

A team is several vehicles, one per day, and OR-Tools' dimensions add up along one vehicle's
route only. A team's load over all its days is had by chaining its days: in a team dimension
each day starts where the day before ended (a constraint between cumul variables of two
vehicles), and the first day starts at zero, so the end of the team's last day is the team's
total. Then:

- **Levelling within a tier** (soft): each team of a tier of two or more teams pays for every
  visit and every road minute over its fair share, the tier's work divided by its teams: a
  "made" and a "road" dimension per such tier, whose transits are the tier's own vehicles'
  visits and drives (zero on other tiers' vehicles, whose cumuls stay at zero), with a soft
  upper bound at the share on each team's total. This is the min–max idea of the routing
  literature (only what lies above the fair share costs, so the busiest teams pay, not a
  variance) in the form OR-Tools' local search evaluates cheaply: a dimension's global span
  cost, the literal max, is checked by a linear program on every move, and with it the county
  example's search took about 7 CPU s for the first 19 solutions against 0.9 s without
  (bench/README.md, "Fair loads"). The visits share is the visits the tier's team-days may
  make, divided by its teams; the road share is the same households' round trips from the
  nearest of the tier's depots, divided by a day's visits (the team-days' cap, else 8) and by
  the teams: a rough estimate of a team's driving, so it binds only where loads are far apart.
  The weights are the scenario's (`fair_loads:` `visits_weight`, default 30: a visit over the
  share costs as much as that many minutes of driving; `road_weight`, default 2: a minute over
  it costs that many more), carried on each vehicle; at their defaults far below a
  may-visit's penalty (`model.MAY_PENALTY`), so no visit is dropped to level loads.
- **Least work** (`min_days`, `min_visits`): the team totals of a "days out" and a "visits"
  dimension have a soft lower bound costing `SHORT_PENALTY` a day or a visit short, more than
  any may-visit, so a team goes out rather than leave a may-visit to another. Not a hard bound:
  a team that cannot reach enough households still gets a plan (the report shows it short), and
  OR-Tools' first-solution heuristics found no plan at all with a hard bound on a sum over
  vehicles even on a four-household campaign.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from dataclasses import replace

from ortools.constraint_solver import pywrapcp

from planner.route.data import RoutingData

SHORT_PENALTY = 20_000
"""A day or a visit short of a team's `min_days`/`min_visits`: more than any may-visit's penalty
(so a team goes out rather than leave a may-visit to another), less than a must-visit's."""

DAY_VISITS = 8
"""Visits a team makes on a day out when it has no cap, for the road share's estimate."""

Transit = int
"""A registered OR-Tools transit callback."""


def add_fair_loads(
    routing: pywrapcp.RoutingModel,
    data: RoutingData,
    places: Sequence[int],
    visits: Sequence[int],
) -> None:
    """Both rules of the module for `data`'s teams. `places` is each node's place, `visits`
    each node's visits: the calls' nodes first, in order, then the depots'."""
    teams = _teams(data)
    made = routing.RegisterUnaryTransitVector(list(visits))
    tiers = _shared_tiers(data, teams)
    if tiers:
        road = [[data.travel[a][b] for b in places] for a in places]
        drives = routing.RegisterTransitMatrix(road)
        longest = sum(map(max, road)) + 1
        for tier, members in tiers.items():
            mine = {v for team in members for v in teams[team]}
            first = data.vehicles[min(mine)]
            for name, transit, most, weight, share in (
                ("road", drives, longest, first.road_weight, _road_share(data, mine, members)),
                (
                    "made",
                    made,
                    sum(visits) + 1,
                    first.visits_weight,
                    _visits_share(data, mine, members),
                ),
            ):
                if weight:
                    own = [transit if v in mine else None for v in range(len(data.vehicles))]
                    dimension = _chained(routing, teams, own, most, f"{name} {tier}")
                    for team in members:
                        _at_most(routing, dimension, teams[team], share, weight)
    _least_work(routing, data, teams, made, visits)


def levels_road(data: RoutingData) -> bool:
    """Whether some tier of `data` levels its teams' driving (a road share with a weight)."""
    return any(_road_shares(data).values())


def without_road_shares(data: RoutingData) -> RoutingData:
    """`data` with no tier levelling its teams' driving (every road weight 0)."""
    vehicles = tuple(replace(vehicle, road_weight=0) for vehicle in data.vehicles)
    return replace(data, vehicles=vehicles)


def road_over_shares(data: RoutingData, routes: Sequence[Sequence[int]]) -> int:
    """Road minutes the teams of `routes` (each vehicle's calls) drive over their tiers' road
    shares, all told: what the road dimensions of `add_fair_loads` cost, before their weights."""
    driven = _driven(data, routes)
    shares = _road_shares(data).items()
    return sum(max(0, driven[team] - share) for team, share in shares if share is not None)


def costs(data: RoutingData, routes: Sequence[Sequence[int]]) -> int:
    """What the soft bounds `add_fair_loads` puts in the model cost for `routes` (each vehicle's
    calls): each team over its tier's road and visits shares, times their weights, and short of
    its least work, `SHORT_PENALTY` a day or a visit (`cost.objective` adds the rest)."""
    teams = _teams(data)
    driven = _driven(data, routes)
    made = {t: sum(data.calls[k].visits for v in vs for k in routes[v]) for t, vs in teams.items()}
    total = 0
    for members in _shared_tiers(data, teams).values():
        mine = {v for team in members for v in teams[team]}
        first = data.vehicles[min(mine)]
        road, visits = _road_share(data, mine, members), _visits_share(data, mine, members)
        for team in members:
            total += first.road_weight * max(0, driven[team] - road)
            total += first.visits_weight * max(0, made[team] - visits)
    for team, vehicles in teams.items():
        wanted = data.vehicles[vehicles[0]]
        if wanted.min_visits:
            least = min(wanted.min_visits, _reachable_visits(data, vehicles))
            total += SHORT_PENALTY * max(0, least - made[team])
        if wanted.min_days:
            least = min(wanted.min_days, _reachable_days(data, vehicles))
            total += SHORT_PENALTY * max(0, least - sum(1 for v in vehicles if routes[v]))
    return total


def _driven(data: RoutingData, routes: Sequence[Sequence[int]]) -> dict[str, int]:
    """Each team's road minutes over all its days in `routes`."""
    driven = dict.fromkeys(_teams(data), 0)
    for v, calls in enumerate(routes):
        driven[data.vehicles[v].team_id] += data.drive(v, calls)
    return driven


def _road_shares(data: RoutingData) -> dict[str, int | None]:
    """Each levelled team's road share, `None` where its tier's road weight is 0."""
    teams = _teams(data)
    shares: dict[str, int | None] = {}
    for members in _shared_tiers(data, teams).values():
        mine = {v for team in members for v in teams[team]}
        weighed = data.vehicles[min(mine)].road_weight > 0
        share = _road_share(data, mine, members) if weighed else None
        shares.update(dict.fromkeys(members, share))
    return shares


def _least_work(
    routing: pywrapcp.RoutingModel,
    data: RoutingData,
    teams: dict[str, list[int]],
    made: Transit,
    visits: Sequence[int],
) -> None:
    """Soft: each team out on its `min_days` days, making its `min_visits` visits."""
    wanted = {team: data.vehicles[members[0]] for team, members in teams.items()}
    if any(vehicle.min_visits for vehicle in wanted.values()):
        every = [made] * len(data.vehicles)
        counted = _chained(routing, teams, every, sum(visits) + 1, "team visits")
        for team, vehicle in wanted.items():
            if vehicle.min_visits:
                least = min(vehicle.min_visits, _reachable_visits(data, teams[team]))
                _at_least(routing, counted, teams[team], least)
    if any(vehicle.min_days for vehicle in wanted.values()):
        outings = routing.RegisterTransitMatrix(_outings(len(data.calls), len(visits)))
        days = [outings] * len(data.vehicles)
        out = _chained(routing, teams, days, len(data.vehicles) + 1, "team days")
        for team, vehicle in wanted.items():
            if vehicle.min_days:
                least = min(vehicle.min_days, _reachable_days(data, teams[team]))
                _at_least(routing, out, teams[team], least)


def _at_most(
    routing: pywrapcp.RoutingModel,
    dimension: pywrapcp.RoutingDimension,
    vehicles: Sequence[int],
    share: int,
    weight: int,
) -> None:
    """A team's total in `dimension` (its last day's end) costs `weight` a unit over `share`."""
    routing.SetVehicleUsedWhenEmpty(True, vehicles[-1])
    dimension.SetCumulVarSoftUpperBound(routing.End(vehicles[-1]), share, weight)


def _at_least(
    routing: pywrapcp.RoutingModel,
    dimension: pywrapcp.RoutingDimension,
    vehicles: Sequence[int],
    least: int,
) -> None:
    """A team's total in `dimension` (its last day's end) costs `SHORT_PENALTY` a unit short.

    OR-Tools costs nothing on a vehicle left empty, so the last day counts as used even then."""
    if least > 0:
        routing.SetVehicleUsedWhenEmpty(True, vehicles[-1])
        dimension.SetCumulVarSoftLowerBound(routing.End(vehicles[-1]), least, SHORT_PENALTY)


def _chained(
    routing: pywrapcp.RoutingModel,
    teams: dict[str, list[int]],
    evaluators: Sequence[Transit | None],
    most: int,
    name: str,
) -> pywrapcp.RoutingDimension:
    """A dimension whose cumuls run on over each team's days: a day starts where the team's day
    before ended, the first at zero. `evaluators[v]` is vehicle v's transit, `None` for a
    vehicle that does not count (its cumuls stay at zero)."""
    idle = routing.RegisterUnaryTransitVector([0] * routing.nodes())
    routing.AddDimensionWithVehicleTransits(
        [idle if transit is None else transit for transit in evaluators], 0, most, False, name
    )
    dimension: pywrapcp.RoutingDimension = routing.GetDimensionOrDie(name)
    solver = routing.solver()
    for members in teams.values():
        dimension.CumulVar(routing.Start(members[0])).SetValue(0)
        for before, after in itertools.pairwise(members):
            if evaluators[after] is None:
                dimension.CumulVar(routing.Start(after)).SetValue(0)
            else:
                solver.Add(
                    dimension.CumulVar(routing.Start(after))
                    == dimension.CumulVar(routing.End(before))
                )
    return dimension


def _outings(calls: int, nodes: int) -> list[list[int]]:
    """Transits counting a day out: 1 on an arc from a depot (the nodes after the `calls`) to a
    call, else 0."""
    size = nodes
    return [[1 if a >= calls and b < calls else 0 for b in range(size)] for a in range(size)]


def _reachable_visits(data: RoutingData, vehicles: Collection[int]) -> int:
    """How many visits these vehicles (a team's, a tier's) may make at all."""
    own = set(vehicles)
    return sum(call.visits for call in data.calls if own.intersection(call.vehicles))


def _reachable_days(data: RoutingData, vehicles: Sequence[int]) -> int:
    """On how many of the team's days there is some visit it may make."""
    return sum(1 for v in vehicles if any(v in call.vehicles for call in data.calls))


def _shared_tiers(data: RoutingData, teams: dict[str, list[int]]) -> dict[str, list[str]]:
    """The tiers with two teams or more that level loads, with their teams in order."""
    tiers: dict[str, list[str]] = {}
    for team, members in teams.items():
        vehicle = data.vehicles[members[0]]
        if vehicle.level_loads:
            tiers.setdefault(vehicle.tier, []).append(team)
    return {tier: members for tier, members in tiers.items() if len(members) > 1}


def _teams(data: RoutingData) -> dict[str, list[int]]:
    """Each team's vehicles, in order."""
    teams: dict[str, list[int]] = {}
    for v, vehicle in enumerate(data.vehicles):
        teams.setdefault(vehicle.team_id, []).append(v)
    return teams


def _visits_share(data: RoutingData, vehicles: set[int], teams: Sequence[str]) -> int:
    """A team's fair share of the visits its tier's team-days (`vehicles`) may make."""
    return -(-_reachable_visits(data, vehicles) // len(teams))


def _road_share(data: RoutingData, vehicles: set[int], teams: Sequence[str]) -> int:
    """A team's fair share of its tier's driving, roughly: the round trips to the households
    the tier may visit from its nearest depot, a day's visits to a trip."""
    depots = {data.vehicles[v].depot for v in vehicles}
    trips = sum(
        min(data.travel[d][call.place] + data.travel[call.place][d] for d in depots) * call.visits
        for call in data.calls
        if vehicles.intersection(call.vehicles)
    )
    per_trip = max(data.vehicles[v].max_visits or DAY_VISITS for v in vehicles)
    return -(-trips // (per_trip * len(teams)))
