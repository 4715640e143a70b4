"""Household windows (可走访日期/开始/结束) checked against the days and hours teams work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from planner.load.report import Report
from planner.load.table_rows import Read
from planner.scenario import Household, TeamDay


def check_windows(
    report: Report, households: Read[Household], days: Sequence[TeamDay] | None
) -> None:
    """Each household window is a real interval, on a day and at hours some team works.

    `days` is None when the teams could not all be read: then only the interval is checked.
    """
    for number, household in households.items:
        problem = _window_problem(household, days)
        if problem:
            report.at_cell(households.table, number, *problem)


def _window_problem(household: Household, days: Sequence[TeamDay] | None) -> tuple[str, str] | None:
    """(field, message) when no team can be there in the household's window, else None."""
    date, start, end = household.window_date, household.window_start, household.window_end
    if start and end and end < start:
        return "window_end", f"可走访时间 {end:%H:%M} 结束，早于开始时间 {start:%H:%M}"
    if days is None:
        return None
    on = [day for day in days if date is None or day.date == date]
    if date and not on:
        return "window_date", f"{date} 没有工作组出动；工作组出动的日子是：{_dates(days)}"
    if not (start or end):
        return None
    earliest, latest = start or dt.time.min, end or dt.time.max
    if any(day.start <= latest and earliest <= day.end for day in on):
        return None
    field = "window_start" if start else "window_end"
    return field, (f"{date} " if date else "") + _when(start, end) + "没有工作组出动"


def _when(start: dt.time | None, end: dt.time | None) -> str:
    """A window in words: between 09:00 and 11:00, after 14:00, before 11:00."""
    if start and end:
        return f"{start:%H:%M} 到 {end:%H:%M} 之间"
    return f"{start:%H:%M} 以后" if start else f"{end:%H:%M} 以前"


def _dates(days: Iterable[TeamDay]) -> str:
    """The dates teams work, short enough for a message."""
    dates = sorted({day.date for day in days})
    if len(dates) <= 5:
        return "、".join(map(str, dates))
    return f"{dates[0]} 到 {dates[-1]} 的 {len(dates)} 天"
