"""The shape of a team's day: drives, visits, the lunch break and the way back, in time order.

Calendars show each piece as an event and the report draws each as a bar; deriving the pieces
once keeps the two pictures of a day the same (a drive ends on arrival; the way back ends when
the team is back at the depot).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from planner.export.lookup import local
from planner.plan import Route, Visit

Kind = Literal["travel", "visit", "lunch", "return"]


@dataclass(frozen=True)
class Segment:
    """One piece of a day, in Shanghai wall-clock time.

    `visit` and `number` (the stop, from 1) are those of the household driven to or visited;
    `minutes` is the driving time of a drive.
    """

    kind: Kind
    start: dt.datetime
    end: dt.datetime
    visit: Visit | None = None
    number: int = 0
    minutes: int = 0


def day_segments(route: Route) -> list[Segment]:
    """The route's drives, visits, lunch and way back, sorted by start."""
    segments = []
    for number, visit in enumerate(route.visits, start=1):
        arrival = local(visit.arrival)
        if visit.travel_minutes:
            leave = arrival - dt.timedelta(minutes=visit.travel_minutes)
            segments.append(Segment("travel", leave, arrival, visit, number, visit.travel_minutes))
        segments.append(Segment("visit", arrival, local(visit.departure), visit, number))
    if route.lunch_start and route.lunch_end:
        segments.append(Segment("lunch", local(route.lunch_start), local(route.lunch_end)))
    back = route.travel_minutes - sum(visit.travel_minutes for visit in route.visits)
    if route.visits and back:
        end = local(route.end)
        segments.append(Segment("return", end - dt.timedelta(minutes=back), end, minutes=back))
    return sorted(segments, key=lambda segment: segment.start)
