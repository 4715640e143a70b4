"""The finished plan: grants plus each team's day-by-day route. The last box of the pipeline.

`Plan` keeps the allocation it was routed from, so exporters read one object. All datetimes are
timezone-aware in Asia/Shanghai.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from planner.allocation import Allocation
from planner.reasons import Reason
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
    """A wished-for visit that no team makes, and the reason, as data (`route.*` codes,
    rendered at the edge: summary, report, explain, plan.json's text)."""

    household_id: str
    must: bool
    reason: Reason


class PublishedEvent(Frozen):
    """A calendar event as an earlier export published it (read back from its plan.json).

    `fingerprint` is a hash of everything the event showed, so the next export can tell a
    changed event (SEQUENCE + 1) from an unchanged one (SEQUENCE kept) without storing the
    address or phone number it showed.
    """

    uid: str
    sequence: int = Field(ge=0)
    fingerprint: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    cancelled: bool = False


class PublishedCalendar(Frozen):
    """One calendar file an earlier export published, with its events."""

    file: str
    """Path of the .ics inside the output folder, e.g. `calendars/county-1.ics`."""
    name: str
    events: tuple[PublishedEvent, ...]


class Plan(Frozen):
    """Grants and routes of a campaign: what every exporter reads."""

    allocation: Allocation
    routes: tuple[Route, ...]
    dropped: tuple[DroppedVisit, ...]
    objective: int
    solver_status: str
    published: tuple[PublishedCalendar, ...] = ()
    """The calendars an earlier export of this campaign published; empty the first time.

    Export keeps their UIDs, raises SEQUENCE only for events that changed and publishes vanished
    events as cancelled, so phones that import the new files update in place.
    """

    @property
    def visits(self) -> tuple[Visit, ...]:
        return tuple(visit for route in self.routes for visit in route.visits)
