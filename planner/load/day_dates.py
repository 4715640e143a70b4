"""The dates of one entry of a team's days: a date or a span, in any form the calendar reads.

A span is bounded by what a campaign can be: at most `MAX_SPAN_DAYS` days, and not past the
Spring Festival it leads up to. A year typo (`2027-02-02至2028-02-02`) would otherwise plan a
year of visits, and a span of a century took the machine's memory.
"""

from __future__ import annotations

import datetime as dt

from planner.calendar_cn import (
    DATE_FORMS,
    CalendarError,
    MissingHolidays,
    WorkCalendar,
    days_of,
    parse_span,
    spring_festival,
)

MAX_SPAN_DAYS = 60
"""Days a span may cover, first and last included."""


def entry_dates(
    value: object, year: int | None, working: bool, work: WorkCalendar
) -> list[dt.date]:
    """The dates of one days entry, resolved for the campaign year.

    With `working`, a span keeps its working days, and a single day off is an error: the
    office named that day, so dropping it quietly would hide a mistake.
    """
    if not isinstance(value, str):
        raise CalendarError(f"不是日期：请写成 {DATE_FORMS}")
    try:
        first, last = parse_span(value, year)
    except OverflowError:
        message = "日期超出范围：走访的日子应在春节前后"
        raise CalendarError(message) from None
    _check_length(first, last)
    dates = days_of(first, last)
    if not working:
        return _before_festival(first, last, dates)
    try:
        off = {date: work.day_off(date) for date in dates}
    except MissingHolidays as missing:
        raise CalendarError(
            f"{missing}：请在 scenario.yaml 的 calendar.years.{missing.year} 下写上 "
            "holidays: [...] 和 workdays: [...]（见 docs/scenario.md），"
            "或设 working_days_only: false"
        ) from None
    if first == last and off[first]:
        raise CalendarError(
            f"{first} 是{off[first]}，而这个组只在工作日出动："
            "请换一天，或设 working_days_only: false"
        )
    kept = [date for date in dates if not off[date]]
    if not kept:
        raise CalendarError(f"{first} 到 {last} 没有工作日")
    return _before_festival(first, last, kept)


def _check_length(first: dt.date, last: dt.date) -> None:
    """A span covers at most `MAX_SPAN_DAYS` days."""
    days = (last - first).days + 1
    if days > MAX_SPAN_DAYS:
        raise CalendarError(
            f"这段日子有 {days} 天（{first} 到 {last}）；一段最多 {MAX_SPAN_DAYS} 天："
            "请核对年份"
        )


def _before_festival(first: dt.date, last: dt.date, dates: list[dt.date]) -> list[dt.date]:
    """The days a span keeps, none after the Spring Festival it leads up to.

    Days off are left out first, so a span written across the festival's holidays is fine as
    long as no working day after the festival remains.
    """
    festival = spring_festival(first.year)
    if festival < first:
        festival = spring_festival(first.year + 1)
    if first != last and dates[-1] > festival:
        raise CalendarError(
            f"{first} 到 {dates[-1]} 过了春节（{festival}）：走访的日子应在春节之前；"
            "请核对日期"
        )
    return dates
