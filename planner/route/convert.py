"""Solver answer → `Plan`: aware datetimes, drives between stops, and a reason for every drop.

Depot times are computed here rather than read from the solver: a team leaves just in time for
its first arrival and is back as soon as its last visit and the drive home allow, so no one
waits at the depot gate. When the lunch break falls on that first or last drive, the drive
takes the break's length longer (the solver's own schedule guarantees that this still lies
within the team's hours, because its break sat in that same gap).
"""

from __future__ import annotations

from planner.allocation import Allocation
from planner.plan import DroppedVisit, Plan, Route, Visit
from planner.route.explain import crowded_out_reason
from planner.route.model import RoutingData
from planner.route.search import Solution, Tour


def to_plan(allocation: Allocation, data: RoutingData, solution: Solution) -> Plan:
    """The plan: one route per used team-day (team order, then date) and every dropped visit."""
    crowded_out = [
        DroppedVisit(
            household_id=data.calls[k].household_id,
            must=data.calls[k].must,
            reason=crowded_out_reason(data.calls[k], data, solution),
        )
        for k in solution.dropped
    ]
    order = {case.household_id: i for i, case in enumerate(allocation.cases.cases)}
    dropped = sorted([*data.unservable, *crowded_out], key=lambda drop: order[drop.household_id])
    return Plan(
        allocation=allocation,
        routes=tuple(_route(data, tour) for tour in solution.tours),
        dropped=tuple(dropped),
        objective=solution.objective,
        solver_status=solution.status,
    )


def _route(data: RoutingData, tour: Tour) -> Route:
    vehicle = data.vehicles[tour.vehicle]
    visits = _visits(data, tour)
    first, last = data.calls[tour.stops[0].call], data.calls[tour.stops[-1].call]
    drive_out = data.travel[vehicle.depot][first.place]
    drive_home = data.travel[last.place][vehicle.depot]
    start = _stretch(tour.stops[0].arrival - drive_out, tour.stops[0].arrival, tour, early=True)
    last_departure = tour.stops[-1].arrival + last.service
    end = _stretch(last_departure, last_departure + drive_home, tour, early=False)
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


def _stretch(start: int, end: int, tour: Tour, *, early: bool) -> int:
    """The depot end of a drive from `start` to `end`, moved by the lunch break if it cuts in.

    `early` moves the start earlier (the drive out); otherwise the end moves later (home).
    """
    if tour.lunch is None or not (tour.lunch[0] < end and tour.lunch[1] > start):
        return start if early else end
    minutes = tour.lunch[1] - tour.lunch[0]
    return start - minutes if early else end + minutes
