"""How amounts, dates and times read in the outputs, written once for every writer.

A calendar, the notice and the report all show the same money and dates; formatting them in one
place keeps `1,000元` and `2027年1月27日` the same wherever a reader meets them.
"""

from __future__ import annotations

import datetime as dt

from planner.scenario import TZ

WEEKDAYS = "一二三四五六日"


def yuan(amount: int) -> str:
    """Integer yuan with thousands separators, e.g. `3,000元`."""
    return f"{amount:,}元"


def cn_date(day: dt.date) -> str:
    """A date as Chinese offices write it, e.g. `2027年1月27日`."""
    return f"{day.year}年{day.month}月{day.day}日"


def month_day(day: dt.date) -> str:
    """A date within the campaign's year, with its weekday, e.g. `1月27日（周三）`."""
    return f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"


def hhmm(moment: dt.datetime) -> str:
    """Wall-clock time in Asia/Shanghai, e.g. `09:30`, whatever zone `moment` is in."""
    return moment.astimezone(TZ).strftime("%H:%M")
