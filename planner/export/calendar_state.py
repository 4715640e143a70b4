"""The `calendars` section of plan.json: what was published, written out and read back.

The next run of the same campaign needs each published event's UID, SEQUENCE and fingerprint to
update phones in place (see calendar_revisions). Writing and reading that section in one module
keeps the two sides from drifting apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from planner.export.calendar_events import Feed
from planner.plan import PublishedCalendar, PublishedEvent
from planner.problems import Problem, ScenarioError
from planner.scenario import Campaign

CONFIRMED, CANCELLED = "CONFIRMED", "CANCELLED"

Json = dict[str, Any]


def calendars_json(feeds: Iterable[Feed]) -> list[Json]:
    """Each calendar file with its events' UID, SEQUENCE, status, time, title and fingerprint."""
    return [
        {
            "file": feed.file,
            "name": feed.name,
            "events": [
                {
                    "uid": event.uid,
                    "sequence": event.sequence,
                    "status": CANCELLED if event.cancelled else CONFIRMED,
                    "start": event.start.isoformat(),
                    "end": event.end.isoformat(),
                    "summary": event.summary,
                    "fingerprint": event.fingerprint,
                }
                for event in feed.events
            ],
        }
        for feed in feeds
    ]


def read_published(path: Path, campaign: Campaign) -> tuple[PublishedCalendar, ...]:
    """The calendars an earlier plan.json says were published, for the same campaign.

    Nothing when the file does not exist, was written before plan.json recorded calendars, or is
    of another campaign (whose UIDs this one never shares). A file that exists but cannot be
    read is a `ScenarioError`: silently starting afresh would duplicate every event on phones.
    """
    if not path.is_file():
        return ()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        earlier = data["campaign"]
        same = earlier["name"] == campaign.name and earlier["year"] == campaign.year
        calendars = data.get("calendars", []) if same else []
        return tuple(_calendar(calendar) for calendar in calendars)
    except (OSError, KeyError, TypeError, ValueError) as exc:
        message = f"cannot read the calendars published before ({type(exc).__name__}: {exc}); "
        message += "pass --previous with the plan.json of the last run, or remove this file"
        raise ScenarioError([Problem(str(path), None, None, message)]) from exc


def _calendar(data: Json) -> PublishedCalendar:
    """One calendar record of plan.json."""
    events = tuple(_event(event) for event in data["events"])
    return PublishedCalendar(file=data["file"], name=data["name"], events=events)


def _event(data: Json) -> PublishedEvent:
    """One event record of plan.json; pydantic checks the types and parses the times."""
    if data["status"] not in (CONFIRMED, CANCELLED):
        raise ValueError(f"event {data['uid']}: unknown status {data['status']!r}")
    return PublishedEvent.model_validate(
        {
            "uid": data["uid"],
            "sequence": data["sequence"],
            "fingerprint": data["fingerprint"],
            "start": data["start"],
            "end": data["end"],
            "summary": data["summary"],
            "cancelled": data["status"] == CANCELLED,
        }
    )
