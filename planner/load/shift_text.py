"""Working hours and lunch as scenario.yaml writes them: "08:30-17:30", "11:30-13:30/60"."""

from __future__ import annotations

import datetime as dt
import re

from planner.load.cells import time_of_day
from planner.scenario import LunchBreak

_NO_LUNCH = frozenset({"", "none", "no", "无"})
_DASHES = re.compile(r"\s*[-–—~～]\s*")
_LUNCH_FORMS = (
    '午休请写成 "11:30-13:30/60"（11:30 到 13:30 之间休息 60 分钟）、'
    '"12:00-13:00"（固定时段）或 none'
)


def parse_hours(value: object) -> tuple[dt.time, dt.time]:
    """Working hours "08:30-17:30"."""
    if not isinstance(value, str):
        raise ValueError('工作时间请写成 "08:30-17:30"')
    return _span(value, "工作时间")


def parse_lunch(value: object) -> LunchBreak | None:
    """A lunch "11:30-13:30/60" (60 minutes between), "12:00-13:00" (fixed), or none."""
    if value is None or value is False:
        return None
    if not isinstance(value, str):
        raise ValueError(_LUNCH_FORMS)
    if value.strip().casefold() in _NO_LUNCH:
        return None
    window, _, minutes = value.partition("/")
    earliest, latest = _span(window, "午休")
    span = _minutes(earliest, latest)
    if not minutes:
        return LunchBreak(earliest=earliest, latest=latest, minutes=span)
    if not minutes.strip().isdigit() or int(minutes) <= 0:
        raise ValueError(_LUNCH_FORMS)
    if int(minutes) > span:
        raise ValueError(f"{window.strip()} 放不下 {int(minutes)} 分钟的午休")
    return LunchBreak(earliest=earliest, latest=latest, minutes=int(minutes))


def _span(text: str, what: str) -> tuple[dt.time, dt.time]:
    """A start-end pair of times that ends after it starts."""
    parts = _DASHES.split(text.strip())
    if len(parts) != 2:
        raise ValueError(f'{what}请写成 "08:30-17:30"')
    try:
        start, end = time_of_day(parts[0]), time_of_day(parts[1])
    except ValueError:
        raise ValueError(f'{what}请写成 "08:30-17:30"') from None
    if end <= start:
        raise ValueError(f"{what} {text.strip()} 的结束时间早于开始时间")
    return start, end


def shift_problem(hours: tuple[dt.time, dt.time], lunch: LunchBreak | None) -> str:
    """Why a day's hours and lunch leave no time for visits, or "" when they fit."""
    start, end = hours
    if lunch is None:
        return ""
    if lunch.earliest < start or lunch.latest > end:
        return (
            f"午休 {lunch.earliest:%H:%M}-{lunch.latest:%H:%M} 超出了工作时间 "
            f"{start:%H:%M}-{end:%H:%M}：请给这一天单独写午休，或写 lunch: none"
        )
    if lunch.minutes >= _minutes(start, end):
        return "午休占满了整个工作时间"
    return ""


def _minutes(start: dt.time, end: dt.time) -> int:
    """Minutes from `start` to `end` on one day."""
    return (end.hour - start.hour) * 60 + end.minute - start.minute
