"""Solver answer → `Plan`: aware datetimes, drives between stops, and a reason for every drop.

Depot times are computed here rather than read from the solver: a team leaves just in time for
its first arrival and is back as soon as its last visit and the drive home allow, so no one
waits at the depot gate. When the lunch break falls on that first or last drive, the drive
takes the break's length longer (`lunch.stretch`).

Every drop keeps its reason as data (`route.*` codes); the edges (summary, report, explain,
plan.json) word it in Chinese or English.
"""

from __future__ import annotations

from planner.allocation import Allocation
from planner.plan import DroppedVisit, Plan, Route, Visit
from planner.reasons import Reason
from planner.route.data import RoutingData
from planner.route.explain import crowded_out_reasons
from planner.route.lunch import stretch
from planner.route.solution import Solution, Tour


def to_plan(allocation: Allocation, data: RoutingData, solution: Solution) -> Plan:
    """The plan: one route per used team-day (team order, then date) and every dropped visit."""
    calls = data.calls
    left_out: list[tuple[str, bool, Reason]] = [
        *((drop.household_id, drop.must, drop.reason) for drop in data.unservable),
        *(
            (calls[k].household_id, calls[k].must, reason)
            for k, reason in zip(solution.dropped, crowded_out_reasons(data, solution), strict=True)
        ),
    ]
    order = {case.household_id: i for i, case in enumerate(allocation.cases.cases)}
    dropped = [
        DroppedVisit(household_id=household, must=must, reason=reason)
        for household, must, reason in sorted(left_out, key=lambda drop: order[drop[0]])
    ]
    return Plan(
        allocation=allocation,
        routes=tuple(_route(data, tour) for tour in solution.tours),
        dropped=tuple(dropped),
        objective=solution.objective,
        solver_status=solution.status.value,
    )


def _route(data: RoutingData, tour: Tour) -> Route:
    vehicle = data.vehicles[tour.vehicle]
    visits = _visits(data, tour)
    first, last = data.calls[tour.stops[0].call], data.calls[tour.stops[-1].call]
    drive_out = data.travel[vehicle.depot][first.place]
    drive_home = data.travel[last.place][vehicle.depot]
    start = stretch(tour.stops[0].arrival - drive_out, tour.stops[0].arrival, tour, early=True)
    last_departure = tour.stops[-1].arrival + last.service
    end = stretch(last_departure, last_departure + drive_home, tour, early=False)
    return Route(
        team_id=vehicle.team_id,
        date=vehicle.date,
        depot=data.places[vehicle.depot],
        start=vehicle.clock(start),
        end=vehicle.clock(end),
        visits=visits,
        lunch_start=None if tour.lunch is None else vehicle.clock(tour.lunch[0]),
        lunch_end=None if tour.lunch is None else vehicle.clock(tour.lunch[1]),
        travel_minutes=sum(visit.travel_minutes for visit in visits) + drive_home,
    )


def _visits(data: RoutingData, tour: Tour) -> tuple[Visit, ...]:
    """The stops in order, each with the drive from the previous stop (or the depot)."""
    visits = []
    vehicle = data.vehicles[tour.vehicle]
    here = vehicle.depot
    for stop in tour.stops:
        call = data.calls[stop.call]
        visits.append(
            Visit(
                household_id=call.household_id,
                place=data.places[call.place],
                arrival=vehicle.clock(stop.arrival),
                departure=vehicle.clock(stop.arrival + call.service),
                travel_minutes=data.travel[here][call.place],
            )
        )
        here = call.place
    return tuple(visits)
