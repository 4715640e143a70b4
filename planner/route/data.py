"""The routing problem as plain values: team-days, households to call on, and the roads between.

Like PyVRP's `ProblemData`, nothing here knows OR-Tools, the reasons' words or how the data were
made: the data are integers and tuples that a solver adapter (`search.py`) turns into a model,
and that a decomposition can cut by area and send to other processes (solver objects do not
pickle). `model.build` makes them from an allocation, `vrptw.routing_data` from a benchmark.

Time is integer minutes since 00:00 (Asia/Shanghai) of each vehicle's own day, not of the first
campaign day: a vehicle never crosses midnight, so a household's window is then one interval
("14:00-15:00" on any day is [840, 900] for every vehicle) and its date, if any, narrows the
vehicles that may go. On one campaign-wide axis a window on every day would be a domain with
holes, and holes made OR-Tools' first solution 20-40 times slower on 300 visits over 5 days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from planner.reasons import Reason
from planner.scenario import ROAD_WEIGHT, TZ, VISITS_WEIGHT

CHANGE_PENALTY = 240
"""Re-planning: what a call made by another team-day than its `Call.previous` one costs, in
minutes-equivalent (see `model` for the scale of the penalties)."""
ELSEWHERE = -1
"""`Call.previous` of a call whose earlier team-day is not among this data's vehicles (a part of
a campaign without it): every vehicle here is a change."""

DAY = 24 * 60
"""Minutes of a day: every campaign time is a minute of its vehicle's own day."""

Window = tuple[int, int]
"""Earliest and latest arrival, both inclusive, in minutes since 00:00 of the visit's day."""


@dataclass(frozen=True)
class Lunch:
    """A break of `minutes` that starts at `earliest` or later and ends by `latest`."""

    earliest: int
    latest: int
    minutes: int


@dataclass(frozen=True)
class Vehicle:
    """One team on one day: leaves its depot at `start` or later, is back by `end`."""

    team_id: str
    tier: str
    date: dt.date
    depot: int
    """Index into `RoutingData.places`."""
    start: int
    end: int
    lunch: Lunch | None
    max_visits: int | None
    max_minutes: int | None
    """Most minutes from leaving the depot to coming back; `None`: the day's hours only."""
    district: str | None
    """The only district whose households the team visits; `None`: any."""
    capacity: int | None = None
    """Most total `Call.demand` the vehicle carries (parcels, gift boxes); `None`: no limit."""
    level_loads: bool = False
    """Whether the day counts in its tier's fair loads (`fair`): true for a campaign's team-days,
    false for a benchmark's vehicles, whose objective is the distance alone."""
    road_weight: int = ROAD_WEIGHT
    visits_weight: int = VISITS_WEIGHT
    """How much levelling the tier's road minutes and visits weighs (`FairLoads`), the same on
    every vehicle of a campaign."""
    min_days: int = 0
    """The team's `Team.min_days`: at least that many of its vehicles go out (`search`)."""
    min_visits: int = 0
    """The team's `Team.min_visits`: its vehicles make at least that many visits together."""

    def clock(self, minute: int) -> dt.datetime:
        """The aware local datetime of a minute of this vehicle's day."""
        midnight = dt.datetime.combine(self.date, dt.time(0, 0), tzinfo=TZ)
        return midnight + dt.timedelta(minutes=minute)


@dataclass(frozen=True)
class Call:
    """A household to visit: where, how long, how important, when, and which vehicles may go."""

    household_id: str
    place: int
    """Index into `RoutingData.places`."""
    service: int
    must: bool
    penalty: int
    window: Window | None
    """Allowed arrival on whichever day the visit is made; `None` when any time will do."""
    vehicles: tuple[int, ...]
    """Indices of the vehicles that can make this visit: right tier, right date, and the window
    reachable within the day's hours."""
    demand: int = 0
    """What the visit takes out of the vehicle's `capacity` (0 for a campaign's plain visits)."""
    home: tuple[int, ...] = ()
    """Vehicles that could make the visit but stay at the depot for want of a car (`pool`)."""
    previous: int | None = None
    """Re-planning: the vehicle that made the visit in the plan being revised, when it can make
    it again; any other costs `CHANGE_PENALTY`. `None`: no earlier plan, or its day is gone;
    `ELSEWHERE`: its day is in the campaign but not in this part of it."""
    visits: int = 1
    """How many households' visits the call stands for: more than one only for a bundle of
    households at one place that the search moves as one stop (`bundle`)."""


@dataclass(frozen=True)
class Unservable:
    """A wished-for visit no vehicle can make, and the reason (a code, worded at the edge)."""

    household_id: str
    must: bool
    reason: Reason


@dataclass(frozen=True)
class RoutingData:
    """Everything the solver needs, as plain values; `unservable`: wishes no vehicle can make."""

    places: tuple[str, ...]
    travel: tuple[tuple[int, ...], ...]
    """Driving minutes between `places`: `travel[i][j]` from place i to place j."""
    vehicles: tuple[Vehicle, ...]
    calls: tuple[Call, ...]
    unservable: tuple[Unservable, ...]
    cars: dict[dt.date, int] = field(default_factory=dict)
    """轻车简从: the most vehicles out on a date (the shared car pool); a date not listed has
    no cap. `build` keeps it by sending the least needed team-days home (`pool`)."""
    coords: tuple[tuple[float, float], ...] = ()
    """x, y of each of `places`, for splitting a campaign by area; empty when unknown."""

    def drive(self, vehicle: int, calls: Sequence[int]) -> int:
        """Minutes `vehicle` drives making `calls` in order, from its depot and back (0 for
        none): the route's arc cost in the search, and its road in the fair loads."""
        if not calls:
            return 0
        depot = self.vehicles[vehicle].depot
        places = [depot, *(self.calls[k].place for k in calls), depot]
        return sum(self.travel[a][b] for a, b in pairwise(places))
