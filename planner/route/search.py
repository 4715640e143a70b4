"""Routing data → OR-Tools RoutingModel → a plain `Solution`: the solver adapter.

One small private function per rule, called in order by `solve`; each docstring says whether the
rule is hard or soft. Nodes are laid out as one node per call (two households in one village are
two nodes at one place), then the distinct depots: OR-Tools 9.15's ruin-and-recreate draws its
seed visit from the lowest indices only, so a visit after several depots is never a seed, and
the search hangs when it is the only one. Arc costs and the time dimension use
`RegisterTransitMatrix`, so OR-Tools evaluates arcs in C++ with no Python callback per arc.

Search: a `Strategy` from `search.toml` (see `strategy`; `portfolio` runs several). It stops
after `Settings.solutions` solutions, so the same input gives the same plan on any machine; the
time limit is a safety net, and a search it stops ends with `Status.TIME_LIMIT`.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ortools.constraint_solver import pywrapcp, routing_enums_pb2
from ortools.constraint_solver.routing_parameters_pb2 import RoutingSearchParameters as Parameters

from planner.route import fair, lunch
from planner.route.data import CHANGE_PENALTY, DAY, RoutingData
from planner.route.errors import RoutingError
from planner.route.settings import Settings
from planner.route.solution import Solution, Status, Stop, Tour
from planner.route.strategy import Strategy, strategies

Progress = Callable[[str], None]
Routes = Sequence[Sequence[int]]
"""Each vehicle's calls in order, as indices into `RoutingData.calls`."""
_STATUS = routing_enums_pb2.RoutingSearchStatus


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
    settings: Settings,
    *,
    progress: Progress | None = None,
    strategy: Strategy | None = None,
    start: Routes | None = None,
) -> Solution:
    """Route the calls of `data` with `strategy` (default: the first of `search.toml`).

    `start` gives each vehicle's calls, in order, to keep: OR-Tools locks them (`ApplyLocks`)
    for the whole search, which places the other calls around them, so a re-plan moves none of
    them. When OR-Tools will not take them (the hours or roads changed since), the search
    starts afresh.

    The road shares of the fair loads (`fair`) are the dearest rule to search on with (4× the
    CPU on a car-pool campaign whose teams they level, half again on the county-union
    example, where they cost nothing), so they are left out of the search while they do not
    bind: when the first plan without them keeps every team's driving within its share, so
    does the search without them, and only if its plan then puts a team over a share does
    the search start over with them. A plan within every share costs the same with the road
    shares as without, and is a local optimum with them too (they only add costs), so nothing
    is lost where they do not bind; where they bind, the plan is the one searched with them
    from the start (going on from the plan without them instead stayed near it: 4% dearer on
    bureau-2026, 9% on the car-pool campaign; bench/README.md, "County-union at its default").
    A first plan alone (`solutions` 1, as `decompose` asks of each part first) is found with
    them, which costs no search.
    Raises `RoutingError` when OR-Tools finds no solution at all.
    """
    chosen = strategy or strategies()[0]
    if settings.solutions == 1 or not fair.levels_road(data):
        return _solve(data, settings, progress, chosen, start)
    light = fair.without_road_shares(data)
    began = clock.monotonic()
    if _first_within_shares(data, light, settings, chosen, start):
        found = _solve(light, _rest(settings, began), progress, chosen, start)
        if not fair.road_over_shares(data, solution_routes(data, found)):
            return found
    if progress is not None:
        progress("route: levelling road hours between teams")
    return _solve(data, _rest(settings, began), progress, chosen, start)


def _first_within_shares(
    data: RoutingData,
    light: RoutingData,
    settings: Settings,
    strategy: Strategy,
    start: Routes | None,
) -> bool:
    """Whether the first plan of `light` (`data` without road shares) keeps every team's
    driving within its road share in `data`; False when there is no first plan in time."""
    parameters = strategy.search_parameters(settings.time_limit, solution_limit=1)
    model = _model(light)
    if start is not None and not _start_from(model, parameters, start):
        model = _model(light)
    first = model.routing.SolveWithParameters(parameters)
    if first is None:
        return False
    plan = _read(first, model, light, Status.WORK_LIMIT)
    return not fair.road_over_shares(data, solution_routes(light, plan))


def _rest(settings: Settings, began: float) -> Settings:
    """`settings` with the time limit left of a search begun at `began`."""
    spent = clock.monotonic() - began
    return replace(settings, time_limit=max(0.001, settings.time_limit - spent))


def solution_routes(data: RoutingData, solution: Solution) -> list[list[int]]:
    """Each vehicle's calls in `solution`, in order (empty for a vehicle it does not use)."""
    routes: list[list[int]] = [[] for _ in data.vehicles]
    for tour in solution.tours:
        routes[tour.vehicle] = [stop.call for stop in tour.stops]
    return routes


def _solve(
    data: RoutingData,
    settings: Settings,
    progress: Progress | None,
    strategy: Strategy,
    start: Routes | None,
) -> Solution:
    """One OR-Tools search of `data`'s whole model (see `solve`), building the model within
    the time limit (a part of 600 calls takes about half a second)."""
    began = clock.monotonic()
    model = _model(data)
    left = max(0.001, settings.time_limit - (clock.monotonic() - began))
    parameters = strategy.search_parameters(left, settings.solutions)
    if start is not None and not _start_from(model, parameters, start):
        return _solve(data, settings, progress, strategy, None)
    if progress is not None:
        _report_progress(model, data, progress)
    assignment, status = _search(model, parameters)
    if assignment is None:
        raise RoutingError(f"OR-Tools found no route plan within {settings.time_limit:g} s")
    if status is Status.WORK_LIMIT:
        assignment, status = _settle(model, assignment, parameters, began + settings.time_limit)
    if status is Status.TIME_LIMIT and progress is not None:
        progress(f"route: the {settings.time_limit:g} s safety limit stopped the search")
    return _read(assignment, model, data, status)


def evaluate(data: RoutingData, routes: Routes) -> int:
    """What OR-Tools' objective is for `routes` (the calls on none are left out).

    The objective is OR-Tools' own, so a plan put together from parts (`decompose`) is costed
    by the same rules that searched it; raises `RoutingError` when the routes break a rule.
    """
    model = _model(data)
    parameters = strategies()[0].search_parameters(time_limit=60, solution_limit=1)
    if not _start_from(model, parameters, routes, close=True):
        raise RoutingError("the routes to cost are not routes this model allows")
    found = model.routing.SolveWithParameters(parameters)
    if found is None:
        raise RoutingError("the routes to cost are not routes this model allows")
    return int(found.ObjectiveValue())


@dataclass(frozen=True)
class _Model:
    """The OR-Tools objects `_read` needs after the search, with the node layout."""

    routing: pywrapcp.RoutingModel
    manager: pywrapcp.RoutingIndexManager
    time: pywrapcp.RoutingDimension
    lunches: dict[int, pywrapcp.IntervalVar]
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
    service = [nodes.service[manager.IndexToNode(i)] for i in range(routing.Size())]
    lunches = lunch.add_breaks(routing, time, data, service)
    _max_visits_per_day(routing, data, nodes)
    _vehicle_capacity(routing, data, nodes)
    _max_minutes_per_day(time, data)
    _allowed_teams(routing, data, call_index)
    _optional_visits(routing, data, call_index)
    _keep_previous_teams(routing, data, nodes)
    visits = nodes.with_depots([call.visits for call in data.calls])
    fair.add_fair_loads(routing, data, nodes.place, visits)
    return _Model(routing, manager, time, lunches, nodes, call_index)


def _start_from(
    model: _Model, parameters: Parameters, start: Routes, *, close: bool = False
) -> bool:
    """Lock `start` (call indices per vehicle) in as the start of the first solution, which
    then inserts the other calls (none if `close`); False when the model does not allow them."""
    model.routing.CloseModelWithParameters(parameters)
    locks = [[model.call_index[call] for call in calls] for calls in start]
    return bool(model.routing.ApplyLocksToAllVehicles(locks, close))


def _nodes(data: RoutingData) -> _Nodes:
    """One node per call, then the depots (each place once, shared by its vehicles)."""
    depots = tuple(dict.fromkeys(vehicle.depot for vehicle in data.vehicles))
    calls = tuple(call.place for call in data.calls)
    service = tuple(call.service for call in data.calls) + (0,) * len(depots)
    return _Nodes(place=calls + depots, first_depot=len(calls), service=service)


def _road_costs(routing: pywrapcp.RoutingModel, data: RoutingData, nodes: _Nodes) -> None:
    """Soft constraint: drive as few minutes as possible (the arc cost is road time)."""
    matrix = [[data.travel[a][b] for b in nodes.place] for a in nodes.place]
    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitMatrix(matrix))


def _time_dimension(
    routing: pywrapcp.RoutingModel, data: RoutingData, nodes: _Nodes
) -> pywrapcp.RoutingDimension:
    """Hard constraint: leaving a stop takes its service minutes plus the drive to the next.

    Slack lets a team wait for a window and absorbs the lunch break; a cumul is the arrival
    (service start) at a node, in minutes of the vehicle's day.
    """
    matrix = [
        [data.travel[a][b] + service for b in nodes.place]
        for a, service in zip(nodes.place, nodes.service, strict=True)
    ]
    horizon = max(DAY, *(vehicle.end for vehicle in data.vehicles))  # a VRPTW's may be longer
    routing.AddDimension(routing.RegisterTransitMatrix(matrix), horizon, horizon, False, "time")
    time: pywrapcp.RoutingDimension = routing.GetDimensionOrDie("time")
    return time


def _team_hours(
    routing: pywrapcp.RoutingModel, time: pywrapcp.RoutingDimension, data: RoutingData
) -> None:
    """Hard constraint: a team leaves its depot at its day start or later, is back by its end."""
    for v, vehicle in enumerate(data.vehicles):
        time.CumulVar(routing.Start(v)).SetRange(vehicle.start, vehicle.end)
        time.CumulVar(routing.End(v)).SetRange(vehicle.start, vehicle.end)


def _visit_windows(
    time: pywrapcp.RoutingDimension, data: RoutingData, call_index: Sequence[int]
) -> None:
    """Hard constraint: arrive at a household only within its window (its date: `vehicles`)."""
    for call, index in zip(data.calls, call_index, strict=True):
        if call.window is not None:
            time.CumulVar(index).SetRange(*call.window)


def _max_visits_per_day(routing: pywrapcp.RoutingModel, data: RoutingData, nodes: _Nodes) -> None:
    """Hard constraint: a team makes at most its `max_visits_per_day` visits on a day."""
    caps = [vehicle.max_visits for vehicle in data.vehicles]
    _capped_sum(routing, nodes, [call.visits for call in data.calls], caps, "visits")


def _vehicle_capacity(routing: pywrapcp.RoutingModel, data: RoutingData, nodes: _Nodes) -> None:
    """Hard constraint: a vehicle carries at most its `capacity` of call demand (VRPTW's load)."""
    caps = [vehicle.capacity for vehicle in data.vehicles]
    _capped_sum(routing, nodes, [call.demand for call in data.calls], caps, "load")


def _capped_sum(
    routing: pywrapcp.RoutingModel,
    nodes: _Nodes,
    amounts: Sequence[int],
    caps: Sequence[int | None],
    name: str,
) -> None:
    """A dimension adding up each call's amount along a route, at most a vehicle's cap.

    No dimension at all when no vehicle has a cap: an unused rule costs the search nothing.
    """
    if all(cap is None for cap in caps):
        return
    capacities = [sum(amounts) if cap is None else cap for cap in caps]
    callback = routing.RegisterUnaryTransitVector(nodes.with_depots(amounts))
    routing.AddDimensionWithVehicleCapacity(callback, 0, capacities, True, name)


def _max_minutes_per_day(time: pywrapcp.RoutingDimension, data: RoutingData) -> None:
    """Hard constraint: a team is out at most its `max_minutes_per_day`, lunch on the road included.

    The span runs from the start cumul to the end cumul; the converter lets the team leave
    later and come back earlier than those, never the other way, so the plan keeps the cap.
    """
    for v, vehicle in enumerate(data.vehicles):
        if vehicle.max_minutes is not None:
            time.SetSpanUpperBoundForVehicle(vehicle.max_minutes, v)


def _allowed_teams(
    routing: pywrapcp.RoutingModel, data: RoutingData, call_index: Sequence[int]
) -> None:
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


def _optional_visits(
    routing: pywrapcp.RoutingModel, data: RoutingData, call_index: Sequence[int]
) -> None:
    """Soft constraint: a call left out costs its penalty (so a first solution always exists)."""
    for call, index in zip(data.calls, call_index, strict=True):
        routing.AddDisjunction([index], call.penalty)


def _keep_previous_teams(routing: pywrapcp.RoutingModel, data: RoutingData, nodes: _Nodes) -> None:
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


def _search(model: _Model, parameters: Parameters) -> tuple[pywrapcp.Assignment | None, Status]:
    """Run the search `parameters` ask for: the best assignment and how the search ended.

    OR-Tools 9.15's `SolveWithParameters` ignores `use_iterated_local_search` (it stops at the
    first local optimum); iterated local search has its own entry point, which leaves
    `status()` at ROUTING_NOT_SOLVED and stops only at a limit. Whether the time limit stopped
    it is read off the clock. A plan that drops calls is `WORK_LIMIT` until `_settle` says
    whether it is a local optimum.
    """
    routing = model.routing
    began = clock.monotonic()
    if not parameters.use_iterated_local_search:
        assignment = routing.SolveWithParameters(parameters)
        return assignment, _ended(routing, began, parameters)
    found = routing.SolveWithIteratedLocalSearch(parameters)
    if found is None:
        return None, Status.TIME_LIMIT
    best = routing.solver().Assignment(found)  # `found` is overwritten by the next solve
    if _out_of_time(began, parameters):
        return best, Status.TIME_LIMIT
    if not any(best.Value(routing.NextVar(index)) == index for index in model.call_index):
        return best, Status.SETTLED
    return best, Status.WORK_LIMIT


def _settle(
    model: _Model, start: pywrapcp.Assignment, parameters: Parameters, deadline: float
) -> tuple[pywrapcp.Assignment, Status]:
    """A greedy descent from `start`'s routes, given a tenth of the time limit, or what is left
    before `deadline` if less (at least 0.1 s): its local optimum, or `start` as it was when
    the descent cannot start (`WORK_LIMIT`).

    Its `lns_time_limit` is its whole time limit: at OR-Tools' 100 ms the descent failed at
    once (ROUTING_FAIL) whenever another search ran beside it, so whether a plan counted as
    settled depended on the machine's load.
    """
    routing = model.routing
    routes = []
    for vehicle in range(routing.vehicles()):
        route, index = [], start.Value(routing.NextVar(routing.Start(vehicle)))
        while not routing.IsEnd(index):
            route.append(index)
            index = start.Value(routing.NextVar(index))
        routes.append(route)
    check = Parameters()
    check.CopyFrom(parameters)
    check.use_iterated_local_search = False
    check.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GREEDY_DESCENT
    tenth = parameters.time_limit.ToMilliseconds() // 10
    left = round((deadline - clock.monotonic()) * 1000)
    check.time_limit.FromMilliseconds(max(100, min(tenth, left)))
    check.lns_time_limit.CopyFrom(check.time_limit)
    began = clock.monotonic()
    begin = routing.ReadAssignmentFromRoutes(routes, True)
    found = None if begin is None else routing.SolveFromAssignmentWithParameters(begin, check)
    if found is None:
        return start, Status.TIME_LIMIT if _out_of_time(began, check) else Status.WORK_LIMIT
    return found, _ended(routing, began, check)


def _out_of_time(began: float, parameters: Parameters) -> bool:
    """Whether a search begun at `began` ran into its time limit."""
    limit: int = parameters.time_limit.ToMilliseconds()
    return clock.monotonic() - began >= limit / 1000


def _ended(routing: pywrapcp.RoutingModel, began: float, parameters: Parameters) -> Status:
    """How a local search OR-Tools ended itself did: at a local optimum, or at a limit."""
    if routing.status() == _STATUS.ROUTING_SUCCESS:
        return Status.SETTLED
    return Status.TIME_LIMIT if _out_of_time(began, parameters) else Status.WORK_LIMIT


def _read(
    assignment: pywrapcp.Assignment, model: _Model, data: RoutingData, status: Status
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
            interval, lunched = model.lunches.get(v), None
            if interval is not None:
                start = lunch.break_start(assignment, interval, data, v, stops)
                lunched = (start, start + assignment.DurationMin(interval))
            tours.append(Tour(vehicle=v, stops=tuple(stops), lunch=lunched))
    dropped = tuple(
        k
        for k, index in enumerate(model.call_index)
        if assignment.Value(routing.NextVar(index)) == index
    )
    return Solution(
        tours=tuple(tours),
        dropped=dropped,
        objective=int(assignment.ObjectiveValue()),
        status=status,
    )
