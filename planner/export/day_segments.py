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
    `minutes` is the whole drive's time. A drive split by the lunch break comes as two
    segments, the first with `before_lunch` set.
    """

    kind: Kind
    start: dt.datetime
    end: dt.datetime
    visit: Visit | None = None
    number: int = 0
    minutes: int = 0
    before_lunch: bool = False


Span = tuple[dt.datetime, dt.datetime]


def day_segments(route: Route) -> list[Segment]:
    """The route's drives, visits, lunch and way back, sorted by start; drives avoid lunch."""
    lunch = None
    segments = []
    if route.lunch_start and route.lunch_end:
        lunch = (local(route.lunch_start), local(route.lunch_end))
        segments.append(Segment("lunch", *lunch))
    left = local(route.start)
    for number, visit in enumerate(route.visits, start=1):
        arrival, minutes = local(visit.arrival), visit.travel_minutes
        for span, first in _drive(left, arrival, minutes, lunch):
            segments.append(Segment("travel", *span, visit, number, minutes, first))
        segments.append(Segment("visit", arrival, local(visit.departure), visit, number))
        left = local(visit.departure)
    back = route.travel_minutes - sum(visit.travel_minutes for visit in route.visits)
    if route.visits:
        for span, first in _drive(left, local(route.end), back, lunch):
            segments.append(Segment("return", *span, minutes=back, before_lunch=first))
    return sorted(segments, key=lambda segment: segment.start)


def _drive(
    left: dt.datetime, arrive: dt.datetime, minutes: int, lunch: Span | None
) -> list[tuple[Span, bool]]:
    """When a drive of `minutes` between leaving at `left` and arriving at `arrive` happens.

    As late as possible, ending on arrival, so a team waits at its start rather than at a door.
    The router may put the lunch break between the two; then the drive is not shown over the
    lunch: it comes just before the lunch when it fits there, else split around it. Each span
    comes with whether it is the part before a split lunch.
    """
    if not minutes:
        return []
    drive = dt.timedelta(minutes=minutes)
    late = (arrive - drive, arrive)
    if lunch is None or not (left <= lunch[0] and lunch[1] <= arrive) or late[0] >= lunch[1]:
        return [(late, False)]
    if lunch[0] - drive >= left:
        return [((lunch[0] - drive, lunch[0]), False)]
    after = drive - (lunch[0] - left)
    return [((left, lunch[0]), True), ((arrive - after, arrive), False)]
