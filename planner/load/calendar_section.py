"""The `calendar:` section: whether teams work on working days only, and years it gives."""

from __future__ import annotations

import datetime as dt

from planner.calendar_cn import CalendarError, WorkCalendar, YearDays, days_of, parse_span
from planner.load.messages import unknown_key
from planner.load.report import Report
from planner.load.yaml_keys import CALENDAR_KEYS, YEAR_KEYS
from planner.load.yaml_source import YamlPath


def read_calendar(report: Report) -> tuple[bool, WorkCalendar]:
    """Whether teams work on working days only, and the calendar of working days.

    A year given here replaces the built-in holiday data for that year, so an office can
    plan a year the data does not cover yet, or correct it.
    """
    raw = report.section("calendar", required=False)
    if raw is None:
        return False, WorkCalendar()
    if not isinstance(raw, dict):
        report.at_key(("calendar",), "应写 working_days_only 和 years（见 docs/scenario.md）")
        return False, WorkCalendar()
    for key in raw:
        if key not in CALENDAR_KEYS:
            report.at_key(("calendar", key), unknown_key(str(key), CALENDAR_KEYS))
    working = raw.get("working_days_only", False)
    if not isinstance(working, bool):
        report.at_key(("calendar", "working_days_only"), "请写 true 或 false")
        working = False
    years = raw.get("years") or {}
    if not isinstance(years, dict):
        report.at_key(("calendar", "years"), "应按年份写，如 2027: {holidays: [...]}")
        return working, WorkCalendar()
    given = {}
    for key, days in years.items():
        year_days = _year_days(report, key, days)
        if year_days is not None:
            given[int(key)] = year_days
    return working, WorkCalendar(given)


def _year_days(report: Report, key: object, raw: object) -> YearDays | None:
    """One year's holidays and adjusted working days (调休), each a date or a span."""
    path: YamlPath = ("calendar", "years", key if isinstance(key, int) else str(key))
    if not str(key).isdigit():
        report.at_key(path, "应为年份，如 2027:")
        return None
    year = int(str(key))
    if not isinstance(raw, dict):
        report.at_key(path, "应写 holidays: [...] 和 workdays: [...]")
        return None
    for name in raw:
        if name not in YEAR_KEYS:
            report.at_key((*path, name), unknown_key(str(name), YEAR_KEYS))
    found: dict[str, set[dt.date]] = {}
    for name in YEAR_KEYS:
        items = raw.get(name) or []
        found[name] = set()
        for j, item in enumerate(items if isinstance(items, list) else [items]):
            try:
                dates = days_of(*parse_span(str(item), year))
            except CalendarError as exc:
                report.at_key((*path, name, j), str(exc))
                continue
            if any(date.year != year for date in dates):
                report.at_key((*path, name, j), f"{item} 不在 {year} 年内")
            found[name].update(dates)
    return YearDays(frozenset(found["holidays"]), frozenset(found["workdays"]))
