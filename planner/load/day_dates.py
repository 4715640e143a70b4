"""The dates of one entry of a team's days: a date or a span, in any form the calendar reads."""

from __future__ import annotations

import datetime as dt

from planner.calendar_cn import (
    DATE_FORMS,
    CalendarError,
    MissingHolidays,
    WorkCalendar,
    days_of,
    parse_span,
)


def entry_dates(
    value: object, year: int | None, working: bool, work: WorkCalendar
) -> list[dt.date]:
    """The dates of one days entry, resolved for the campaign year.

    With `working`, a span keeps its working days, and a single day off is an error: the
    office named that day, so dropping it quietly would hide a mistake.
    """
    if not isinstance(value, str):
        raise CalendarError(f"not a date: write it as {DATE_FORMS}")
    first, last = parse_span(value, year)
    dates = days_of(first, last)
    if not working:
        return dates
    try:
        off = {date: work.day_off(date) for date in dates}
    except MissingHolidays as missing:
        raise CalendarError(
            f"{missing}: add them to scenario.yaml as calendar.years.{missing.year} with "
            "holidays: [...] and workdays: [...] (see docs/scenario.md), "
            "or set working_days_only: false"
        ) from None
    if first == last and off[first]:
        raise CalendarError(
            f"{first} is {off[first]}, and this team works on working days only: "
            "choose another day or set working_days_only: false"
        )
    kept = [date for date in dates if not off[date]]
    if not kept:
        raise CalendarError(f"no working day from {first} to {last}")
    return kept
