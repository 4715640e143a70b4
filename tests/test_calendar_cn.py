"""Chinese dates: lunar and relative dates resolved for the campaign year, holidays and 调休."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.calendar_cn import (
    CalendarError,
    MissingHolidays,
    WorkCalendar,
    YearDays,
    days_of,
    parse_day,
    parse_span,
    spring_festival,
)


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("腊月初十", 2027, dt.date(2027, 1, 17)),
        ("腊月初十", 2026, dt.date(2026, 1, 28)),
        ("腊月十八", 2027, dt.date(2027, 1, 25)),
        ("腊月廿九", 2027, dt.date(2027, 2, 5)),
        ("正月初五", 2027, dt.date(2027, 2, 10)),
        ("闰六月初一", 2025, dt.date(2025, 7, 25)),
        ("春节", 2027, dt.date(2027, 2, 6)),
        ("除夕", 2026, dt.date(2026, 2, 16)),
        ("春节前5天", 2027, dt.date(2027, 2, 1)),
        ("春节后三天", 2027, dt.date(2027, 2, 9)),
        ("元旦前3天", 2027, dt.date(2026, 12, 29)),
        ("2月6日", 2026, dt.date(2026, 2, 6)),
        ("12月20日", 2027, dt.date(2026, 12, 20)),
        ("2027年1月31日", 2030, dt.date(2027, 1, 31)),
        ("2027-01-31", 2027, dt.date(2027, 1, 31)),
    ],
)
def test_parse_day_resolves_for_the_spring_festival_year(
    text: str, year: int, expected: dt.date
) -> None:
    """Each written form gives the date of the campaign named by its Spring Festival year."""
    assert parse_day(text, year) == expected


def test_spring_festival_dates() -> None:
    """正月初一 of 2026 and 2027, as the notes measured them."""
    assert spring_festival(2026) == dt.date(2026, 2, 17)
    assert spring_festival(2027) == dt.date(2027, 2, 6)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("腊月三十", "农历 2026 年的腊月只有 29 天"),
        ("闰腊月初一", "农历 2026 年没有闰腊月"),
        ("腊月初零", "不是农历日子"),
        ("2月30日", "2027-02-30 不是日历上的日子"),
        ("下周一", "不是日期：请写成"),
    ],
)
def test_bad_dates_say_what_is_wrong(text: str, message: str) -> None:
    """A wrong date is refused with a reason, never moved to a nearby day."""
    with pytest.raises(CalendarError, match=message):
        parse_day(text, 2027)


def test_spans_inherit_the_month_of_their_first_day() -> None:
    """`腊月初十至十八` and `1月20日至28日` are spans within one month; a span may mix forms."""
    assert parse_span("腊月初十至十八", 2027) == (dt.date(2027, 1, 17), dt.date(2027, 1, 25))
    assert parse_span("1月20日至28日", 2026) == (dt.date(2026, 1, 20), dt.date(2026, 1, 28))
    assert parse_span("1月25日～春节前3天", 2027) == (dt.date(2027, 1, 25), dt.date(2027, 2, 3))
    assert parse_span("除夕", 2027) == (dt.date(2027, 2, 5), dt.date(2027, 2, 5))
    assert len(days_of(*parse_span("腊月初十至腊月十八", 2027))) == 9


def test_span_that_ends_before_it_starts_is_refused() -> None:
    """A reversed span is an error, not an empty set of days."""
    with pytest.raises(CalendarError, match=r"结束日.*早于开始日"):
        parse_span("腊月十八至腊月初十", 2027)


def test_built_in_holidays_and_adjusted_working_days() -> None:
    """2026: Spring Festival off, Saturday 14 February an adjusted working day (调休)."""
    calendar = WorkCalendar()
    assert calendar.day_off(dt.date(2026, 2, 17)) == "法定节假日（春节）"
    assert calendar.is_working_day(dt.date(2026, 2, 14))
    assert calendar.day_off(dt.date(2026, 2, 7)) == "星期六"
    assert calendar.is_working_day(dt.date(2026, 2, 9))


def test_a_year_without_data_raises_instead_of_guessing() -> None:
    """2027 is beyond the built-in data: asking about it raises MissingHolidays."""
    with pytest.raises(MissingHolidays) as error:
        WorkCalendar().is_working_day(dt.date(2027, 1, 20))
    assert error.value.year == 2027


def test_a_scenario_year_overrides_and_extends_the_data() -> None:
    """Given days for 2027: holidays off, listed weekend days worked, other weekends off."""
    given = YearDays(
        holidays=frozenset({dt.date(2027, 1, 1), dt.date(2027, 2, 8)}),
        workdays=frozenset({dt.date(2027, 2, 20)}),
    )
    calendar = WorkCalendar({2027: given})
    assert calendar.day_off(dt.date(2027, 2, 8)) == "法定节假日"
    assert calendar.is_working_day(dt.date(2027, 2, 20))
    assert calendar.day_off(dt.date(2027, 1, 23)) == "星期六"
    assert calendar.is_working_day(dt.date(2027, 1, 20))
