"""The finished plan: grants plus each team's day-by-day route. The last box of the pipeline.

`Plan` keeps the allocation it was routed from, so exporters read one object. All datetimes are
timezone-aware in Asia/Shanghai.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from planner.allocation import Allocation
from planner.scenario import Frozen


class Visit(Frozen):
    """A stop of a team: arrive at a household, stay the service minutes, leave."""

    household_id: str
    place: str
    arrival: dt.datetime
    departure: dt.datetime
    travel_minutes: int = Field(ge=0)
    """Driving minutes from the previous stop (or the depot) to this one."""


class Route(Frozen):
    """One team on one day: leave the depot, visit in order, return to the depot."""

    team_id: str
    date: dt.date
    depot: str
    start: dt.datetime
    end: dt.datetime
    visits: tuple[Visit, ...]
    lunch_start: dt.datetime | None = None
    lunch_end: dt.datetime | None = None
    travel_minutes: int = Field(ge=0)
    """Total driving minutes of the day, back to the depot included."""


class DroppedVisit(Frozen):
    """A wished-for visit that no team makes, and the reason."""

    household_id: str
    must: bool
    reason: str


class Plan(Frozen):
    """Grants and routes of a campaign: what every exporter reads."""

    allocation: Allocation
    routes: tuple[Route, ...]
    dropped: tuple[DroppedVisit, ...]
    objective: int
    solver_status: str

    @property
    def visits(self) -> tuple[Visit, ...]:
        return tuple(visit for route in self.routes for visit in route.visits)
