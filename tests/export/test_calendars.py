"""Team calendars: valid for strict readers, right times, stable UIDs, no personal data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from planner.export.calendars import write_calendars
from planner.plan import Plan
from planner.scenario import TZ


def write(plan: Plan, folder: Path) -> dict[str, str]:
    """Write the calendars of `plan` into `folder`; return each file's text by team id."""
    folder.mkdir(parents=True, exist_ok=True)
    write_calendars(plan, folder)
    return {
        path.stem: path.read_text(encoding="utf-8") for path in (folder / "calendars").iterdir()
    }


def events(text: str) -> list[icalendar.Event]:
    """The VEVENTs of a calendar, parsed by icalendar."""
    return list(icalendar.Calendar.from_ical(text).events)


def visit_events(text: str) -> list[icalendar.Event]:
    """The visit events, without the lunch breaks."""
    return [event for event in events(text) if str(event["SUMMARY"]).startswith("慰问")]


def test_one_calendar_per_team(plan: Plan, tmp_path: Path) -> None:
    """Every team gets a file named by its id."""
    assert sorted(write(plan, tmp_path)) == ["t1", "t2"]


@pytest.mark.parametrize("team", ["t1", "t2"])
def test_strict_parser_accepts_calendar(plan: Plan, tmp_path: Path, team: str) -> None:
    """The strict `ical` package parses each calendar and finds its events and time zone."""
    calendar = IcsCalendarStream.calendar_from_ics(write(plan, tmp_path)[team])
    assert calendar.events
    assert [tz.tz_id for tz in calendar.timezones] == ["Asia/Shanghai"]


def test_calendar_headers(plan: Plan, tmp_path: Path) -> None:
    """PRODID, VERSION 2.0, METHOD:PUBLISH, the calendar name and time zone are set."""
    calendar = icalendar.Calendar.from_ical(write(plan, tmp_path)["t1"])
    assert calendar["VERSION"] == "2.0"
    assert "songnuan" in str(calendar["PRODID"])
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "第一组 · 2027年春节送温暖活动"
    assert calendar["X-WR-TIMEZONE"] == "Asia/Shanghai"
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Shanghai"]


def test_calendar_holds_exactly_the_team_visits(plan: Plan, tmp_path: Path) -> None:
    """Each calendar has its own team's visits, with the household and category in the summary."""
    texts = write(plan, tmp_path)
    assert [str(e["SUMMARY"]) for e in visit_events(texts["t1"])] == [
        "慰问 张三（劳模）",
        "慰问 李四（困难职工）",
    ]
    assert [str(e["SUMMARY"]) for e in visit_events(texts["t2"])] == ["慰问 王五（农民工）"]


def test_visit_times_are_shanghai_wall_clock(plan: Plan, tmp_path: Path) -> None:
    """Arrival and departure are written with TZID=Asia/Shanghai, also when routed in UTC."""
    texts = write(plan, tmp_path)
    assert "DTSTART;TZID=Asia/Shanghai:20270118T093000" in texts["t1"]
    assert "DTEND;TZID=Asia/Shanghai:20270118T100000" in texts["t1"]
    assert "DTSTART;TZID=Asia/Shanghai:20270118T090500" in texts["t2"]
    (event,) = visit_events(texts["t2"])
    start = dt.datetime(2027, 1, 18, 9, 5, tzinfo=TZ)
    assert event.start == start
    assert event.end == start + dt.timedelta(minutes=30)
    assert isinstance(event.start, dt.datetime)
    assert str(event.start.tzinfo) == "Asia/Shanghai"


def test_event_content(plan: Plan, tmp_path: Path) -> None:
    """Location is the address (or place), the description has amount, unit, phone, travel."""
    zhang, li = visit_events(write(plan, tmp_path)["t1"])
    assert zhang["LOCATION"] == "红星机械厂"
    assert li["LOCATION"] == "东村3组12号"
    description = str(li["DESCRIPTION"])
    for expected in ["困难职工", "500元", "县城建公司", "0851-7654321", "20分钟"]:
        assert expected in description
    assert li["SEQUENCE"] == 0


def test_lunch_break_is_an_event(plan: Plan, tmp_path: Path) -> None:
    """A route with a lunch break shows it from its start to its end."""
    (lunch,) = [e for e in events(write(plan, tmp_path)["t1"]) if "午餐" in str(e["SUMMARY"])]
    assert lunch.start == dt.datetime(2027, 1, 18, 12, 0, tzinfo=TZ)
    assert lunch.end == dt.datetime(2027, 1, 18, 13, 0, tzinfo=TZ)


def test_uids_stable_across_exports(build_plan: Callable[[], Plan], tmp_path: Path) -> None:
    """Planning the same scenario again gives the same UIDs and the same bytes."""
    first = write(build_plan(), tmp_path / "a")
    second = write(build_plan(), tmp_path / "b")
    assert first == second
    uids = [str(event["UID"]) for event in events(first["t1"])]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@songnuan") for uid in uids)


def test_stamp_is_not_now(plan: Plan, tmp_path: Path) -> None:
    """DTSTAMP is the campaign's first day at midnight in Shanghai, not the time of export."""
    for event in events(write(plan, tmp_path)["t1"]):
        stamp = event.DTSTAMP
        assert stamp == dt.datetime(2027, 1, 18, tzinfo=TZ)


def test_team_without_visits_gets_valid_calendar(plan: Plan, tmp_path: Path) -> None:
    """A team with no routes still gets a named calendar that strict readers accept."""
    idle = plan.model_copy(update={"routes": plan.routes[:1]})
    text = write(idle, tmp_path)["t2"]
    calendar = IcsCalendarStream.calendar_from_ics(text)
    assert calendar.events == []
    assert "X-WR-CALNAME:第二组 · 2027年春节送温暖活动" in text


def test_no_personal_data_in_calendars(
    plan: Plan, tmp_path: Path, personal_data: dict[str, list[str]]
) -> None:
    """No ID number, bank card, income or diagnosis appears in any calendar."""
    for text in write(plan, tmp_path).values():
        unfolded = text.replace("\r\n ", "")
        for values in personal_data.values():
            assert not [value for value in values if value in unfolded]
