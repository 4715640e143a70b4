"""Team days in scenario.yaml as offices write them: lunar, relative, spans, working days only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from test_load import SCENARIO, line_of, make, problems

from planner.load import load_scenario

DAYS = """\
    days:
      - 2027-01-31
      - date: 2027-02-01
        hours: "08:30-12:00"
        lunch: none
"""


def with_days(days: str, *, year: int = 2027, calendar: str = "") -> str:
    """The test scenario with other team days (and campaign year, and a calendar section)."""
    text = SCENARIO.replace(DAYS, days).replace("year: 2027", f"year: {year}")
    return text + calendar


def dates(folder: Path) -> list[dt.date]:
    """The dates of the first team after loading."""
    return [day.date for day in load_scenario(folder).teams[0].days]


def test_lunar_span_is_resolved_for_the_campaign_year(tmp_path: Path) -> None:
    """`腊月初十至十八` in the 2027 campaign is 17–25 January 2027, every day of it."""
    text = with_days("    days: 腊月初十至十八\n")
    found = dates(make(tmp_path, {"scenario.yaml": text}))
    assert found[0] == dt.date(2027, 1, 17) and found[-1] == dt.date(2027, 1, 25)
    assert len(found) == 9


def test_relative_and_month_day_entries(tmp_path: Path) -> None:
    """`春节前5天` and `2月3日` are single days; an entry may override hours."""
    text = with_days(
        '    days:\n      - 春节前5天\n      - date: 2月3日\n        hours: "09:00-12:00"\n'
        "        lunch: none\n"
    )
    scenario = load_scenario(make(tmp_path, {"scenario.yaml": text}))
    first, second = scenario.teams[0].days
    assert (first.date, second.date) == (dt.date(2027, 2, 1), dt.date(2027, 2, 3))
    assert second.start == dt.time(9, 0)


def test_working_days_only_skips_holidays_and_keeps_adjusted_workdays(tmp_path: Path) -> None:
    """2026: 7–8 Feb (weekend) and 15 Feb (春节) are left out; Saturday 14 Feb (调休) is kept."""
    text = with_days("    working_days_only: true\n    days: 2月6日至2月16日\n", year=2026)
    found = dates(make(tmp_path, {"scenario.yaml": text}))
    assert dt.date(2026, 2, 14) in found
    for off in (dt.date(2026, 2, 7), dt.date(2026, 2, 8), dt.date(2026, 2, 15)):
        assert off not in found
    assert dt.date(2026, 2, 13) in found


def test_a_named_day_off_is_an_error_not_dropped(tmp_path: Path) -> None:
    """A single date that is a holiday, for a working-days-only team, is reported at its line."""
    text = with_days("    working_days_only: true\n    days:\n      - 2026-02-17\n", year=2026)
    assert problems(make(tmp_path, {"scenario.yaml": text})) == [
        f"scenario.yaml:{line_of(text, '2026-02-17')}:teams[0].days[0]: "
        "2026-02-17 是法定节假日（春节），而这个组只在工作日出动：请换一天，或设 "
        "working_days_only: false"
    ]


def test_year_without_holiday_data_says_exactly_what_to_add(tmp_path: Path) -> None:
    """2027 is beyond the built-in data: exit with file:line:field and the key to add."""
    text = with_days("    working_days_only: true\n    days: 腊月初十至十八\n")
    (found,) = problems(make(tmp_path, {"scenario.yaml": text}))
    assert found.startswith(f"scenario.yaml:{line_of(text, '腊月初十')}:teams[0].days[0]: ")
    assert "不知道 2027 年的法定节假日和调休" in found
    assert "calendar.years.2027 下写上 holidays: [...] 和 workdays: [...]" in found


def test_scenario_lists_the_years_holidays(tmp_path: Path) -> None:
    """With calendar.years.2027 given, working days follow it (and the calendar's default)."""
    calendar = (
        "calendar:\n  working_days_only: true\n  years:\n    2027:\n"
        "      holidays: [2027-02-05至2027-02-11]\n      workdays: [2027-01-30]\n"
    )
    text = with_days("    days: 1月28日至2月8日\n", calendar=calendar)
    found = dates(make(tmp_path, {"scenario.yaml": text}))
    assert found == [
        dt.date(2027, 1, 28),
        dt.date(2027, 1, 29),
        dt.date(2027, 1, 30),
        dt.date(2027, 2, 1),
        dt.date(2027, 2, 2),
        dt.date(2027, 2, 3),
        dt.date(2027, 2, 4),
    ]


def test_bad_calendar_entries_are_located(tmp_path: Path) -> None:
    """A holiday outside its year and an unknown key are problems at their lines."""
    calendar = "calendar:\n  years:\n    2027:\n      holidays: [2026-10-01]\n      weekend: []\n"
    text = with_days(DAYS, calendar=calendar)
    assert problems(make(tmp_path, {"scenario.yaml": text})) == [
        f"scenario.yaml:{line_of(text, '2026-10-01')}:calendar.years[2027].holidays[0]: "
        "2026-10-01 不在 2027 年内",
        f"scenario.yaml:{line_of(text, 'weekend')}:calendar.years[2027].weekend: 不认识的项 "
        "weekend；可用的有：holidays、workdays",
    ]
