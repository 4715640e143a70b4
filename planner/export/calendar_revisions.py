"""SEQUENCE and cancellations: how a re-planned calendar updates phones in place.

A phone that imports a calendar again matches events by UID and takes the new version only when
its SEQUENCE is higher. So each event is compared with what the previous export published
(`Plan.published`, read from that export's plan.json): unchanged events keep their SEQUENCE,
changed ones get the previous SEQUENCE + 1, and events that vanished from a calendar are
published once more as STATUS:CANCELLED with a raised SEQUENCE, so phones remove them. A
cancelled event stays in the file (unchanged, same SEQUENCE) so a phone that skipped a run
still learns of it.
"""

from __future__ import annotations

import dataclasses

from planner.export.calendar_events import CalendarEvent, Feed, plan_feeds
from planner.export.lookup import index_plan
from planner.plan import Plan, PublishedCalendar, PublishedEvent

CANCELLED_MARK = "【已取消】"


def calendars_to_publish(plan: Plan) -> tuple[Feed, ...]:
    """The feeds of the plan with SEQUENCE set and cancellations added against `plan.published`."""
    return revise(plan_feeds(index_plan(plan)), plan.published)


def revise(feeds: list[Feed], published: tuple[PublishedCalendar, ...]) -> tuple[Feed, ...]:
    """Each feed versioned against its earlier publication; vanished calendars keep cancellations.

    A calendar whose team or leader is gone from the scenario is still written, holding only
    cancelled events, so phones subscribed to it clear the visits they still show.
    """
    before = {calendar.file: calendar for calendar in published}
    current = {feed.file for feed in feeds}
    gone = [Feed(c.file, c.name, ()) for c in published if c.file not in current]
    return tuple(_revise(feed, before.get(feed.file)) for feed in [*feeds, *gone])


def _revise(feed: Feed, calendar: PublishedCalendar | None) -> Feed:
    """One feed's events versioned, followed by the cancellations of events it no longer has."""
    records = {event.uid: event for event in calendar.events} if calendar else {}
    events = [_versioned(event, records.get(event.uid)) for event in feed.events]
    present = {event.uid for event in feed.events}
    vanished = [record for uid, record in records.items() if uid not in present]
    cancelled = [_versioned(_cancellation(record), record) for record in vanished]
    cancelled.sort(key=lambda event: (event.start, event.uid))
    return dataclasses.replace(feed, events=(*events, *cancelled))


def _versioned(event: CalendarEvent, record: PublishedEvent | None) -> CalendarEvent:
    """The event with SEQUENCE kept when it shows what was published, raised by one otherwise."""
    if record is None:
        return event
    same = record.fingerprint == event.fingerprint
    return dataclasses.replace(event, sequence=record.sequence if same else record.sequence + 1)


def _cancellation(record: PublishedEvent) -> CalendarEvent:
    """A published event as a cancellation: same UID and time, marked in the title too.

    The mark helps on calendars that show cancelled events instead of removing them. Rebuilt
    from the record alone, so a cancellation published before comes out identical.
    """
    summary = record.summary if record.cancelled else CANCELLED_MARK + record.summary
    return CalendarEvent(
        uid=record.uid,
        start=record.start,
        end=record.end,
        summary=summary,
        description="此项安排已取消。",
        cancelled=True,
    )
