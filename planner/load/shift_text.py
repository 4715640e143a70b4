"""Working hours and lunch as scenario.yaml writes them: "08:30-17:30", "11:30-13:30/60"."""

from __future__ import annotations

import datetime as dt
import re

from planner.load.cells import time_of_day
from planner.scenario import LunchBreak

_NO_LUNCH = frozenset({"", "none", "no", "无"})
_DASHES = re.compile(r"\s*[-–—~～]\s*")
_LUNCH_FORMS = (
    'write lunch as "11:30-13:30/60" (60 minutes between 11:30 and 13:30), '
    '"12:00-13:00" (fixed) or none'
)


def parse_hours(value: object) -> tuple[dt.time, dt.time]:
    """Working hours "08:30-17:30"."""
    if not isinstance(value, str):
        raise ValueError('write working hours as "08:30-17:30"')
    return _span(value, "working hours")


def parse_lunch(value: object) -> LunchBreak | None:
    """A lunch "11:30-13:30/60" (60 minutes between), "12:00-13:00" (fixed), or none."""
    if value is None or value is False:
        return None
    if not isinstance(value, str):
        raise ValueError(_LUNCH_FORMS)
    if value.strip().casefold() in _NO_LUNCH:
        return None
    window, _, minutes = value.partition("/")
    earliest, latest = _span(window, "lunch")
    span = _minutes(earliest, latest)
    if not minutes:
        return LunchBreak(earliest=earliest, latest=latest, minutes=span)
    if not minutes.strip().isdigit() or int(minutes) <= 0:
        raise ValueError(_LUNCH_FORMS)
    if int(minutes) > span:
        raise ValueError(f"a {int(minutes)}-minute lunch does not fit in {window.strip()}")
    return LunchBreak(earliest=earliest, latest=latest, minutes=int(minutes))


def _span(text: str, what: str) -> tuple[dt.time, dt.time]:
    """A start-end pair of times that ends after it starts."""
    parts = _DASHES.split(text.strip())
    if len(parts) != 2:
        raise ValueError(f'write {what} as "08:30-17:30"')
    try:
        start, end = time_of_day(parts[0]), time_of_day(parts[1])
    except ValueError:
        raise ValueError(f'write {what} as "08:30-17:30"') from None
    if end <= start:
        raise ValueError(f"{what} {text.strip()} end before they start")
    return start, end


def shift_problem(hours: tuple[dt.time, dt.time], lunch: LunchBreak | None) -> str:
    """Why a day's hours and lunch leave no time for visits, or "" when they fit."""
    start, end = hours
    if lunch is None:
        return ""
    if lunch.earliest < start or lunch.latest > end:
        return (
            f"lunch {lunch.earliest:%H:%M}-{lunch.latest:%H:%M} is outside the working hours "
            f"{start:%H:%M}-{end:%H:%M}: give this day its own lunch, or lunch: none"
        )
    if lunch.minutes >= _minutes(start, end):
        return "lunch takes the whole working day"
    return ""


def _minutes(start: dt.time, end: dt.time) -> int:
    """Minutes from `start` to `end` on one day."""
    return (end.hour - start.hour) * 60 + end.minute - start.minute
