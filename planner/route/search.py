"""Routing data → OR-Tools RoutingModel → a plain `Solution`: the solver adapter.

One small private function per rule, called in order by `solve`; each docstring says whether the
rule is hard or soft. Nodes are laid out as one node per call (two households in one village are
two nodes at one place), then the distinct depots: OR-Tools 9.15's ruin-and-recreate draws its
seed visit from the lowest indices only, so a visit after several depots is never a seed, and
the search hangs when it is the only one. Arc costs and the time dimension use
`RegisterTransitMatrix`, so OR-Tools evaluates arcs in C++ with no Python callback per arc.

Search: a `Strategy` from `search.toml` (see `strategy`; `portfolio` runs several at once).
The search is deterministic for a given number of solutions, but a time-limited run stops
wherever the clock stops it, so under different machine load the same input can give a
different plan; pass `solution_limit` (and a generous time limit) for a reproducible plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from planner.route.errors import RoutingError
from planner.route.model import CHANGE_PENALTY, RoutingData
from planner.route.strategy import Strategy, strategies

Progress = Callable[[str], None]
DAY = 24 * 60
"""Every campaign time is a minute of the vehicle's own day (see `model`); the time dimension
spans at least that, longer when a vehicle's day ends later (a VRPTW benchmark's horizon)."""
_CUT_SHORT = "ROUTING_PARTIAL_SUCCESS_LOCAL_OPTIMUM_NOT_REACHED"


@dataclass(frozen=True)
class Stop:
    """A call made: the index into `RoutingData.calls` and the arrival minute."""

    call: int
    arrival: int


@dataclass(frozen=True)
class Tour:
    """What one used vehicle does, in minutes of its day: its stops and its lunch break."""

    vehicle: int
    stops: tuple[Stop, ...]
    lunch: tuple[int, int] | None
    """Start and end of the lunch break, as placed by OR-Tools."""


@dataclass(frozen=True)
class Solution:
    """The solver's answer as plain values: tours of used vehicles and the calls left out."""

    tours: tuple[Tour, ...]
    dropped: tuple[int, ...]
    objective: int
    status: str
    settled: bool = True
    """False when the time limit cut the search before a local optimum: drops may be fixable."""


@dataclass(frozen=True)
class _Nodes:
    """Node layout: `place[n]` is the place of node n; call k is node k, depots follow."""

    place: tuple[int, ...]
    first_depot: int
    service: tuple[int, ...]

    def with_depots(self, per_call: Sequence[int]) -> list[int]:
        """A value per node from one per call: 0 at the depots."""
        return [*per_call, *[0] * (len(self.place) - self.first_depot)]


def solve(
    data: RoutingData,
    *,
    time_limit: float,
    solution_limit: int | None = None,
    progress: Progress | None = None,
    strategy: Strategy | None = None,
    initial: Sequence[Sequence[int]] | None = None,
) -> Solution:
    """Route the calls of `data` with `strategy` (default: the first of `search.toml`).

    `initial` gives each vehicle's calls, in order, to start from: the first solution keeps
    them and inserts the rest, so a plan found earlier is only improved on.
    Raises `RoutingError` when OR-Tools finds no solution at all.
    """
    parameters = (strategy or strategies()[0]).search_parameters(time_limit, solution_limit)
    model = _model(data)
    if initial is not None:
        _start_from(model, parameters, initial)
    if progress is not None:
        _report_progress(model, data, progress)
    assignment, status = _search(model, parameters)
    if assignment is None:
        raise RoutingError(f"OR-Tools found no route plan within {time_limit:g} s ({status})")
    settled = status != _CUT_SHORT
    if not settled and progress is not None:
        progress(f"route: the {time_limit:g} s limit cut the search short; more time may fit more")
    return _read(assignment, model, data, status, settled)


@dataclass(frozen=True)
class _Model:
    """The OR-Tools objects `_read` needs after the search, with the node layout."""

    routing: Any
    manager: Any
    time: Any
    lunches: dict[int, Any]
    nodes: _Nodes
    call_index: tuple[int, ...]


def _model(data: RoutingData) -> _Model:
    """The RoutingModel with every rule added, one function per rule."""
    nodes = _nodes(data)
    depots = nodes.place[nodes.first_depot :]
    depot_node = {place: nodes.first_depot + n for n, place in enumerate(depots)}
    ends = [depot_node[vehicle.depot] for vehicle in data.vehicles]
    manager = pywrapcp.RoutingIndexManager(len(nodes.place), len(data.vehicles), ends, ends)
    routing = pywrapcp.RoutingModel(manager)
    call_index = tuple(manager.NodeToIndex(k) for k in range(len(data.calls)))
    _road_costs(routing, data, nodes)
    time = _time_dimension(routing, data, nodes)
    _team_hours(routing, time, data)
    _visit_windows(time, data, call_index)
    lunches = _lunch_breaks(routing, time, data, nodes, manager)
    _max_visits_per_day(routing, data, nodes)
    _vehicle_capacity(routing, data, nodes)
    _max_minutes_per_day(time, data)
    _allowed_teams(routing, data, call_index)
    _optional_visits(routing, data, call_index)
    _keep_previous_teams(routing, data, nodes)
    return _Model(routing, manager, time, lunches, nodes, call_index)


def _start_from(model: _Model, parameters: Any, initial: Sequence[Sequence[int]]) -> None:
    """Lock `initial` (call indices per vehicle) in as the start of the first solution."""
    model.routing.CloseModelWithParameters(parameters)
    locks = [[model.call_index[call] for call in calls] for calls in initial]
    if not model.routing.ApplyLocksToAllVehicles(locks, False):
        raise RoutingError("the routes to start from are not routes this model allows")


def _nodes(data: RoutingData) -> _Nodes:
    """One node per call, then the depots (each place once, shared by its vehicles)."""
    depots = tuple(dict.fromkeys(vehicle.depot for vehicle in data.vehicles))
    calls = tuple(call.place for call in data.calls)
    service = tuple(call.service for call in data.calls) + (0,) * len(depots)
    return _Nodes(place=calls + depots, first_depot=len(calls), service=service)


def _road_costs(routing: Any, data: RoutingData, nodes: _Nodes) -> None:
    """Soft constraint: drive as few minutes as possible (the arc cost is road time)."""
    matrix = [[data.travel[a][b] for b in nodes.place] for a in nodes.place]
    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitMatrix(matrix))


def _time_dimension(routing: Any, data: RoutingData, nodes: _Nodes) -> Any:
    """Hard constraint: leaving a stop takes its service minutes plus the drive to the next.

    Slack lets a team wait for a window and absorbs the lunch break; a cumul is the arrival
    (service start) at a node, in minutes of the vehicle's day.
    """
    matrix = [
        [data.travel[a][b] + service for b in nodes.place]
        for a, service in zip(nodes.place, nodes.service, strict=True)
    ]
    horizon = max(DAY, *(vehicle.end for vehicle in data.vehicles))
    routing.AddDimension(routing.RegisterTransitMatrix(matrix), horizon, horizon, False, "time")
    return routing.GetDimensionOrDie("time")


def _team_hours(routing: Any, time: Any, data: RoutingData) -> None:
    """Hard constraint: a team leaves its depot at its day start or later, is back by its end."""
    for v, vehicle in enumerate(data.vehicles):
        time.CumulVar(routing.Start(v)).SetRange(vehicle.start, vehicle.end)
        time.CumulVar(routing.End(v)).SetRange(vehicle.start, vehicle.end)


def _visit_windows(time: Any, data: RoutingData, call_index: Sequence[int]) -> None:
    """Hard constraint: arrive at a household only within its window (its date: `vehicles`)."""
    for call, index in zip(data.calls, call_index, strict=True):
        if call.window is not None:
            time.CumulVar(index).SetRange(*call.window)


def _lunch_breaks(
    routing: Any, time: Any, data: RoutingData, nodes: _Nodes, manager: Any
) -> dict[int, Any]:
    """Hard constraint: each team day with a lunch takes it whole, inside its lunch window.

    The break never overlaps a visit (service minutes are the node visit transits); it may fall
    on a drive, which then takes that much longer, or before leaving / after returning to the
    depot. Each break interval is added to the assignment so its start can be read back.
    """
    visit_transits = [nodes.service[manager.IndexToNode(i)] for i in range(routing.Size())]
    solver = routing.solver()
    lunches = {}
    for v, vehicle in enumerate(data.vehicles):
        lunch = vehicle.lunch
        if lunch is None:
            continue
        interval = solver.FixedDurationIntervalVar(
            lunch.earliest, lunch.latest - lunch.minutes, lunch.minutes, False, f"lunch {v}"
        )
        time.SetBreakIntervalsOfVehicle([interval], v, visit_transits)
        routing.AddIntervalToAssignment(interval)
        lunches[v] = interval
    return lunches


def _max_visits_per_day(routing: Any, data: RoutingData, nodes: _Nodes) -> None:
    """Hard constraint: a team makes at most its `max_visits_per_day` visits on a day."""
    caps = [vehicle.max_visits for vehicle in data.vehicles]
    _capped_sum(routing, nodes, [call.visits for call in data.calls], caps, "visits")


def _vehicle_capacity(routing: Any, data: RoutingData, nodes: _Nodes) -> None:
    """Hard constraint: a vehicle carries at most its `capacity` of call demand (VRPTW's load)."""
    caps = [vehicle.capacity for vehicle in data.vehicles]
    _capped_sum(routing, nodes, [call.demand for call in data.calls], caps, "load")


def _capped_sum(
    routing: Any, nodes: _Nodes, amounts: Sequence[int], caps: Sequence[int | None], name: str
) -> None:
    """A dimension adding up each call's amount along a route, at most a vehicle's cap.

    No dimension at all when no vehicle has a cap: an unused rule costs the search nothing.
    """
    if all(cap is None for cap in caps):
        return
    capacities = [sum(amounts) if cap is None else cap for cap in caps]
    callback = routing.RegisterUnaryTransitVector(nodes.with_depots(amounts))
    routing.AddDimensionWithVehicleCapacity(callback, 0, capacities, True, name)


def _max_minutes_per_day(time: Any, data: RoutingData) -> None:
    """Hard constraint: a team is out at most its `max_minutes_per_day`, lunch on the road included.

    The span runs from the start cumul to the end cumul; the converter lets the team leave
    later and come back earlier than those, never the other way, so the plan keeps the cap.
    """
    for v, vehicle in enumerate(data.vehicles):
        if vehicle.max_minutes is not None:
            time.SetSpanUpperBoundForVehicle(vehicle.max_minutes, v)


def _allowed_teams(routing: Any, data: RoutingData, call_index: Sequence[int]) -> None:
    """Hard constraint: only a team of the right tier, out on a day it can reach, makes a call.

    `SetAllowedVehiclesForIndex` would be the natural call, but in OR-Tools 9.15 its Python
    wrapper rejects every sequence (no typemap for `absl::Span<const int>`), so the vehicle
    variable's domain is narrowed instead; -1 (not performed) stays allowed.
    """
    everyone = range(len(data.vehicles))
    for call, index in zip(data.calls, call_index, strict=True):
        allowed = set(call.vehicles)
        others = [v for v in everyone if v not in allowed]
        if others:
            routing.VehicleVar(index).RemoveValues(others)


def _optional_visits(routing: Any, data: RoutingData, call_index: Sequence[int]) -> None:
    """Soft constraint: a call left out costs its penalty (so a first solution always exists)."""
    for call, index in zip(data.calls, call_index, strict=True):
        routing.AddDisjunction([index], call.penalty)


def _keep_previous_teams(routing: Any, data: RoutingData, nodes: _Nodes) -> None:
    """Soft constraint (re-planning): a call made by another vehicle than its `previous` one
    costs `CHANGE_PENALTY`, so the number of moved visits is part of the objective.

    A "changes" dimension counts, along each vehicle's route, the visits it makes that were
    another vehicle's (a unary transit per vehicle: the call's `visits` on such a call), and
    its span, which is that count, costs `CHANGE_PENALTY` a unit. OR-Tools takes per-vehicle
    transits and span costs natively, so the arc costs stay one shared matrix. No dimension
    when no call has a previous vehicle: a plan made afresh pays nothing for this rule.
    """
    if all(call.previous is None for call in data.calls):
        return
    evaluators = [
        routing.RegisterUnaryTransitVector(
            nodes.with_depots(
                [call.visits * (call.previous not in (None, v)) for call in data.calls]
            )
        )
        for v in range(len(data.vehicles))
    ]
    most = sum(call.visits for call in data.calls)
    routing.AddDimensionWithVehicleTransits(evaluators, 0, most, True, "changes")
    routing.GetDimensionOrDie("changes").SetSpanCostCoefficientForAllVehicles(CHANGE_PENALTY)


def _report_progress(model: _Model, data: RoutingData, progress: Progress) -> None:
    """Tell `progress` about each better solution: its road minutes and dropped calls.

    OR-Tools calls back on every solution local search accepts (thousands a second, most of
    them guided local search's detours), so only improvements are reported, and the pass over
    the calls happens only then.
    """
    routing, call_index = model.routing, model.call_index
    next_vars = [routing.NextVar(index) for index in call_index]
    penalties = [call.penalty for call in data.calls]
    best: int | None = None
    found = 0

    def on_solution() -> None:
        nonlocal best, found
        cost = routing.CostVar().Value()
        if best is not None and cost >= best:
            return
        best, found = cost, found + 1
        dropped = [
            penalty
            for index, var, penalty in zip(call_index, next_vars, penalties, strict=True)
            if var.Value() == index
        ]
        road = cost - sum(dropped)
        progress(f"route: solution {found}, road {road} min, dropped {len(dropped)}")

    routing.AddAtSolutionCallback(on_solution)


def _search(model: _Model, parameters: Any) -> tuple[Any, str]:
    """Run the search `parameters` ask for: the best assignment and a RoutingSearchStatus name.

    OR-Tools 9.15's `SolveWithParameters` ignores `use_iterated_local_search` (it stops at the
    first local optimum); iterated local search has its own entry point, which leaves
    `status()` at ROUTING_NOT_SOLVED. The status only matters for the reason given for a
    dropped call, so when the plan drops some, a greedy descent from it settles whether it is a
    local optimum (and may yet fit a call in).
    """
    routing = model.routing
    if not parameters.use_iterated_local_search:
        assignment = routing.SolveWithParameters(parameters)
        return assignment, _status(routing)
    found = routing.SolveWithIteratedLocalSearch(parameters)
    if found is None:
        return None, "ROUTING_FAIL"
    best = routing.solver().Assignment(found)  # `found` is overwritten by the next solve
    if not any(best.Value(routing.NextVar(index)) == index for index in model.call_index):
        return best, "ROUTING_SUCCESS"
    return _descend(routing, best, parameters)


def _descend(routing: Any, start: Any, parameters: Any) -> tuple[Any, str]:
    """A greedy descent from `start`'s routes, given a tenth of the time limit on top."""
    routes = []
    for vehicle in range(routing.vehicles()):
        route, index = [], start.Value(routing.NextVar(routing.Start(vehicle)))
        while not routing.IsEnd(index):
            route.append(index)
            index = start.Value(routing.NextVar(index))
        routes.append(route)
    check = type(parameters)()
    check.CopyFrom(parameters)
    check.use_iterated_local_search = False
    check.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GREEDY_DESCENT
    check.time_limit.FromMilliseconds(max(100, parameters.time_limit.ToMilliseconds() // 10))
    begin = routing.ReadAssignmentFromRoutes(routes, True)
    found = None if begin is None else routing.SolveFromAssignmentWithParameters(begin, check)
    if found is None:
        return start, _CUT_SHORT
    return found, _status(routing)


def _lunch_start(
    assignment: Any, interval: Any, data: RoutingData, v: int, stops: Sequence[Stop]
) -> int:
    """The start of vehicle `v`'s lunch: the search's own when it fixed one.

    A search started from given routes (`initial`) can end with the break's start still a
    range (reading it as a value then aborts the process). The break then starts as early in
    that range as a leg of the route leaves room for it and the drive: from leaving the depot,
    a household or the last household, to the next arrival or the end of the day.
    """
    earliest, latest = assignment.StartMin(interval), assignment.StartMax(interval)
    if earliest == latest:
        return int(earliest)
    vehicle, calls = data.vehicles[v], [data.calls[stop.call] for stop in stops]
    lunch = vehicle.lunch
    assert lunch is not None
    places = [vehicle.depot, *(call.place for call in calls), vehicle.depot]
    frees = [vehicle.start, *(s.arrival + c.service for s, c in zip(stops, calls, strict=True))]
    untils = [*(stop.arrival for stop in stops), vehicle.end]
    for (a, b), free, until in zip(pairwise(places), frees, untils, strict=True):
        start = max(earliest, free)
        if start <= latest and start + lunch.minutes + data.travel[a][b] <= until:
            return int(start)
    return int(earliest)


def _status(routing: Any) -> str:
    return str(routing_enums_pb2.RoutingSearchStatus.Value.Name(routing.status()))


def _read(
    assignment: Any, model: _Model, data: RoutingData, status: str, settled: bool
) -> Solution:
    """Tours and dropped calls from the assignment.

    Arrivals are read as the cumul's minimum: without breaks OR-Tools leaves cumuls as ranges
    whose minima are the earliest consistent arrivals; with breaks its scheduler fixes them. The
    depot times are left to the converter, which knows the first and last drive. Only variables
    in the assignment are read (reading one that is not crashes the process).
    """
    routing, time = model.routing, model.time
    tours = []
    for v in range(len(data.vehicles)):
        stops = []
        index = assignment.Value(routing.NextVar(routing.Start(v)))
        while not routing.IsEnd(index):
            call = model.manager.IndexToNode(index)
            stops.append(Stop(call=call, arrival=assignment.Min(time.CumulVar(index))))
            index = assignment.Value(routing.NextVar(index))
        if stops:
            interval, lunch = model.lunches.get(v), None
            if interval is not None:
                start = _lunch_start(assignment, interval, data, v, stops)
                lunch = (start, start + assignment.DurationMin(interval))
            tours.append(Tour(vehicle=v, stops=tuple(stops), lunch=lunch))
    dropped = tuple(
        k
        for k, index in enumerate(model.call_index)
        if assignment.Value(routing.NextVar(index)) == index
    )
    return Solution(
        tours=tuple(tours),
        dropped=dropped,
        objective=assignment.ObjectiveValue(),
        status=status,
        settled=settled,
    )
