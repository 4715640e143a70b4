"""Calendars (.ics) for phones: one per team and one per leader.

What goes into an event is decided in calendar_events, and its SEQUENCE in calendar_revisions;
this module only renders feeds as RFC 5545 the way phones and Google Calendar take them:
METHOD:PUBLISH (not REQUEST, which would turn events into invitations), the IANA time zone
Asia/Shanghai with its VTIMEZONE, CRLF lines folded at 75 octets between characters. Files are
reproducible: DTSTAMP comes from the plan, not from the clock, so the same plan gives the same
bytes. Text from the input reaches a calendar without control characters (strict readers reject
the whole calendar for one), and a calendar is only ever written inside the output folder.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import cast

from icalendar import STATUS, Alarm, Calendar, Event, Timezone

from planner.export import Register
from planner.export.calendar_events import ALARM_MINUTES, CalendarEvent, Feed, digest
from planner.export.calendar_revisions import calendars_to_publish
from planner.export.lookup import PlanIndex, index_plan, local
from planner.hookspecs import hookimpl
from planner.plan import Plan
from planner.safe_text import printable
from planner.scenario import TZ

PRODID = "-//songnuan//送温暖走访安排//ZH"


@hookimpl
def songnuan_register_writers(register: Register) -> None:
    """Offer the calendar writer under the name `calendars`."""
    register("calendars", write_calendars)


def write_calendars(plan: Plan, folder: Path) -> None:
    """Write every team's and every leader's calendar, teams without visits included."""
    index = index_plan(plan)
    for feed in calendars_to_publish(plan):
        path = _inside(folder, feed.file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(feed_calendar(index, feed).to_ical())


def _inside(folder: Path, file: str) -> Path:
    """`folder / file`, refused unless it stays inside `folder` (a last guard: names are safe)."""
    path = folder / file
    root = folder.resolve()
    if ".." in Path(file).parts or not path.resolve().is_relative_to(root) or path == root:
        raise ValueError(f"calendar path outside the output folder: {file!r}")
    return path


def feed_calendar(index: PlanIndex, feed: Feed) -> Calendar:
    """One feed as a VCALENDAR: a time zone, then its events."""
    calendar = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        name=printable(feed.name),
        uid=digest((index.campaign.name, str(index.campaign.year), feed.file)) + "@songnuan",
    )
    calendar.add("X-WR-TIMEZONE", TZ.key)
    calendar.add_component(_timezone(index))
    stamp = _stamp(index)
    for event in feed.events:
        calendar.add_component(_event(event, stamp))
    return calendar


def _timezone(index: PlanIndex) -> Timezone:
    """The Asia/Shanghai VTIMEZONE over the campaign's years.

    Added even to a calendar without visits: a VCALENDAR needs at least one component, and
    strict readers reject an empty one.
    """
    years = [route.date.year for route in index.plan.routes] or [index.campaign.year]
    zone = Timezone.from_ical(_vtimezone(min(years) - 1, max(years) + 1))
    return cast(Timezone, zone)  # from_ical returns the class it is called on


@functools.cache
def _vtimezone(first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE's text from the start of `first_year` to that of `last_year`, made once:
    icalendar walks the zone's history for it (0.4 s for a dozen calendars, each made anew)."""
    first, last = dt.date(first_year, 1, 1), dt.date(last_year, 1, 1)
    zone: bytes = Timezone.from_tzid(TZ.key, first_date=first, last_date=last).to_ical()
    return zone


def _stamp(index: PlanIndex) -> dt.datetime:
    """DTSTAMP: midnight of the campaign's first working day, in UTC as RFC 5545 requires.

    Not the time of export: the same plan must give the same bytes. Clients order versions of an
    event by SEQUENCE, which calendar_revisions raises whenever an event changes.
    """
    return index.first_day().astimezone(dt.UTC)


def _event(event: CalendarEvent, stamp: dt.datetime) -> Event:
    """One VEVENT, with a display alarm before visits and an explicit status."""
    vevent = Event.new(
        uid=event.uid,
        stamp=stamp,
        sequence=event.sequence,
        start=local(event.start),
        end=local(event.end),
        summary=printable(event.summary),
        location=printable(event.location) or None,
        description=printable(event.description, lines=True) or None,
        categories=[printable(category) for category in event.categories],
        # Restoring a cancelled event must say so, or phones keep it cancelled.
        status=STATUS.CANCELLED if event.cancelled else STATUS.CONFIRMED,
    )
    if event.alarm:
        vevent.add_component(_alarm(printable(event.summary)))
    return vevent


def _alarm(summary: str) -> Alarm:
    """A reminder ALARM_MINUTES before the event starts."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(minutes=-ALARM_MINUTES))
    alarm.add("description", f"{ALARM_MINUTES}分钟后：{summary}")
    return alarm
