"""The `calendars` section of plan.json: what was published, written out and read back.

The next run of the same campaign needs each published event's UID, SEQUENCE and fingerprint to
update phones in place (see calendar_revisions). Writing and reading that section in one module
keeps the two sides from drifting apart; the file itself is read and validated by
`planner.plan_file`, which also makes sure every calendar it names is a file name songnuan makes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from planner.export.calendar_events import Feed
from planner.plan import PublishedCalendar, PublishedEvent
from planner.plan_file import CalendarRecord, EventRecord, PlanFileError, read_plan_file
from planner.problems import Problem, ScenarioError
from planner.scenario import Campaign

CONFIRMED, CANCELLED = "CONFIRMED", "CANCELLED"


def calendars_json(feeds: Iterable[Feed]) -> tuple[CalendarRecord, ...]:
    """Each calendar file with its events' UID, SEQUENCE, status, time, title and fingerprint."""
    return tuple(
        CalendarRecord(
            file=feed.file,
            name=feed.name,
            events=tuple(
                EventRecord(
                    uid=event.uid,
                    sequence=event.sequence,
                    status=CANCELLED if event.cancelled else CONFIRMED,
                    start=event.start,
                    end=event.end,
                    summary=event.summary,
                    fingerprint=event.fingerprint,
                )
                for event in feed.events
            ),
        )
        for feed in feeds
    )


def read_published(path: Path, campaign: Campaign) -> tuple[PublishedCalendar, ...]:
    """The calendars an earlier plan.json says were published, for the same campaign.

    Nothing when the file does not exist, was written before plan.json recorded calendars, or is
    of another campaign (whose UIDs this one never shares). A file that exists but cannot be
    read is a `ScenarioError`: silently starting afresh would duplicate every event on phones.
    """
    if not path.is_file():
        return ()
    try:
        document = read_plan_file(path)
    except PlanFileError as error:
        message = f"cannot read the calendars published before: {error}; "
        message += "pass --previous with the plan.json of the last run, or remove this file"
        raise ScenarioError([Problem(str(path), None, None, message)]) from None
    if not document.is_of(campaign):
        return ()
    return published_calendars(document.calendars)


def published_calendars(records: Iterable[CalendarRecord]) -> tuple[PublishedCalendar, ...]:
    """The calendar records of a plan.json as the plan's `published` calendars."""
    return tuple(
        PublishedCalendar(
            file=record.file,
            name=record.name,
            events=tuple(_event(event) for event in record.events),
        )
        for record in records
    )


def _event(record: EventRecord) -> PublishedEvent:
    """One event record of plan.json as the publication export compares against."""
    return PublishedEvent(
        uid=record.uid,
        sequence=record.sequence,
        fingerprint=record.fingerprint,
        start=record.start,
        end=record.end,
        summary=record.summary,
        cancelled=record.status == CANCELLED,
    )
