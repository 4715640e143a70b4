"""Calendars per team and per leader: valid for strict readers, what a leader needs at the door."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from planner.export.calendar_events import CalendarEvent, Feed
from planner.export.calendars import feed_calendar, write_calendars
from planner.export.lookup import index_plan
from planner.plan import Plan
from planner.scenario import TZ

FILES = [
    "leaders/李主席.ics",
    "leaders/王书记.ics",
    "t1.ics",
    "t2.ics",
]


def write(plan: Plan, folder: Path) -> dict[str, str]:
    """Write the calendars of `plan` into `folder`; return each file's text by path."""
    folder.mkdir(parents=True, exist_ok=True)
    write_calendars(plan, folder)
    root = folder / "calendars"
    return {
        path.relative_to(root).as_posix(): path.read_bytes().decode("utf-8")
        for path in sorted(root.rglob("*.ics"))
    }


def events(text: str) -> list[icalendar.Event]:
    """The VEVENTs of a calendar, parsed by icalendar."""
    return list(icalendar.Calendar.from_ical(text).events)


def visit_events(text: str) -> list[icalendar.Event]:
    """The visit events, without drives and lunch breaks."""
    return [event for event in events(text) if str(event["SUMMARY"]).startswith("慰问")]


def test_one_calendar_per_team_and_per_leader(plan: Plan, tmp_path: Path) -> None:
    """Every team gets `calendars/<team>.ics`, every leader `calendars/leaders/<leader>.ics`."""
    assert sorted(write(plan, tmp_path)) == FILES


@pytest.mark.parametrize("name", FILES)
def test_strict_parser_accepts_calendar(plan: Plan, tmp_path: Path, name: str) -> None:
    """The strict `ical` package parses each calendar, its events, alarms and time zone."""
    calendar = IcsCalendarStream.calendar_from_ics(write(plan, tmp_path)[name])
    assert calendar.events
    assert [tz.tz_id for tz in calendar.timezones] == ["Asia/Shanghai"]
    visits = [event for event in calendar.events if event.summary.startswith("慰问")]
    assert visits and all(event.alarm for event in visits)


def test_icalendar_finds_no_errors(plan: Plan, tmp_path: Path) -> None:
    """icalendar, lenient by default, records no parse error in any component."""
    for text in write(plan, tmp_path).values():
        assert all(not c.errors for c in icalendar.Calendar.from_ical(text).walk())


def test_calendar_headers(plan: Plan, tmp_path: Path) -> None:
    """PRODID, VERSION 2.0, METHOD:PUBLISH, the calendar name and time zone are set."""
    calendar = icalendar.Calendar.from_ical(write(plan, tmp_path)["t1.ics"])
    assert calendar["VERSION"] == "2.0"
    assert "songnuan" in str(calendar["PRODID"])
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "第一组 · 2027年春节送温暖活动"
    assert calendar["X-WR-TIMEZONE"] == "Asia/Shanghai"
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Shanghai"]


def test_team_calendar_holds_exactly_its_visits(plan: Plan, tmp_path: Path) -> None:
    """Each team calendar has its own visits, with household and category in the title."""
    texts = write(plan, tmp_path)
    assert [str(e["SUMMARY"]) for e in visit_events(texts["t1.ics"])] == [
        "慰问 张三（劳模）",
        "慰问 李四（困难职工）",
    ]
    assert [str(e["SUMMARY"]) for e in visit_events(texts["t2.ics"])] == ["慰问 王五（农民工）"]


def test_leader_calendar_covers_all_teams_led(plan: Plan, tmp_path: Path) -> None:
    """A leader who leads two teams sees both teams' visits, each naming its team."""
    two_teams = plan.allocation.cases.scenario.teams
    scenario = plan.allocation.cases.scenario.model_copy(
        update={"teams": (two_teams[0], two_teams[1].model_copy(update={"leader": "王书记"}))}
    )
    cases = plan.allocation.cases.model_copy(update={"scenario": scenario})
    led = plan.model_copy(
        update={"allocation": plan.allocation.model_copy(update={"cases": cases})}
    )
    texts = write(led, tmp_path)
    assert sorted(texts) == ["leaders/王书记.ics", "t1.ics", "t2.ics"]
    visits = visit_events(texts["leaders/王书记.ics"])
    assert [str(e["SUMMARY"]) for e in visits] == [
        "慰问 王五（农民工）",
        "慰问 张三（劳模）",
        "慰问 李四（困难职工）",
    ]
    assert "小组：第二组" in str(visits[0]["DESCRIPTION"])
    team_uids = {str(e["UID"]) for e in events(texts["t1.ics"]) + events(texts["t2.ics"])}
    assert team_uids.isdisjoint(str(e["UID"]) for e in events(texts["leaders/王书记.ics"]))


def test_visit_times_are_shanghai_wall_clock(plan: Plan, tmp_path: Path) -> None:
    """Arrival and departure are written with TZID=Asia/Shanghai, also when routed in UTC."""
    texts = write(plan, tmp_path)
    assert "DTSTART;TZID=Asia/Shanghai:20270118T093000" in texts["t1.ics"]
    assert "DTEND;TZID=Asia/Shanghai:20270118T100000" in texts["t1.ics"]
    (event,) = visit_events(texts["t2.ics"])
    start = dt.datetime(2027, 1, 18, 9, 5, tzinfo=TZ)
    assert event.start == start
    assert event.end == start + dt.timedelta(minutes=30)
    assert str(event.start.tzinfo) == "Asia/Shanghai"


def test_visit_event_content(plan: Plan, tmp_path: Path) -> None:
    """Location is the address (else the place); the description has what the team needs."""
    zhang, li = visit_events(write(plan, tmp_path)["t1.ics"])
    assert zhang["LOCATION"] == "红星机械厂"
    assert li["LOCATION"] == "东村3组12号"
    description = str(li["DESCRIPTION"])
    for expected in [
        "类别：困难职工",
        "慰问金：500元（困难职工慰问金）",
        "单位：县城建公司",
        "电话：0851-7654321",
        "路程：从上一户驾车约20分钟",
        "携带：慰问金、签领表、慰问品、签字笔",
    ]:
        assert expected in description
    assert "电话" not in str(visit_events(write(plan, tmp_path / "b")["t2.ics"])[0]["DESCRIPTION"])


def test_what_to_bring_comes_from_the_scenario(plan: Plan, tmp_path: Path) -> None:
    """`visits.bring` in scenario.yaml replaces the default list in every visit."""
    scenario = plan.allocation.cases.scenario
    visits = scenario.visits.model_copy(update={"bring": ("慰问金", "春联")})
    cases = plan.allocation.cases.model_copy(
        update={"scenario": scenario.model_copy(update={"visits": visits})}
    )
    changed = plan.model_copy(
        update={"allocation": plan.allocation.model_copy(update={"cases": cases})}
    )
    (event,) = visit_events(write(changed, tmp_path)["t2.ics"])
    assert "携带：慰问金、春联" in str(event["DESCRIPTION"])


def test_visit_alarm_thirty_minutes_before(plan: Plan, tmp_path: Path) -> None:
    """Each visit has a display alarm 30 minutes before it starts."""
    for event in visit_events(write(plan, tmp_path)["t1.ics"]):
        (alarm,) = event.subcomponents
        assert alarm["ACTION"] == "DISPLAY"
        assert alarm.decoded("TRIGGER") == dt.timedelta(minutes=-30)
        assert str(event["SUMMARY"]) in str(alarm["DESCRIPTION"])


def test_drives_are_events(plan: Plan, tmp_path: Path) -> None:
    """Each drive to a household ends on arrival; the way back ends at the day's end."""
    drives = [e for e in events(write(plan, tmp_path)["t1.ics"]) if "CATEGORIES" in e]
    drives = [e for e in drives if "路程" in [str(c) for c in e.categories]]
    assert [
        (str(e["SUMMARY"]), e.start.strftime("%H:%M"), e.end.strftime("%H:%M")) for e in drives
    ] == [
        ("路程：前往红星机械厂（约20分钟）", "09:10", "09:30"),
        ("路程：前往东村（约20分钟）", "10:00", "10:20"),
        ("返程：返回县总工会（约40分钟）", "13:20", "14:00"),
    ]


def test_lunch_break_is_an_event(plan: Plan, tmp_path: Path) -> None:
    """A route with a lunch break shows it from its start to its end."""
    (lunch,) = [e for e in events(write(plan, tmp_path)["t1.ics"]) if "午餐" in str(e["SUMMARY"])]
    assert lunch.start == dt.datetime(2027, 1, 18, 12, 0, tzinfo=TZ)
    assert lunch.end == dt.datetime(2027, 1, 18, 13, 0, tzinfo=TZ)


def test_same_plan_same_bytes_and_uids(build_plan: Callable[[], Plan], tmp_path: Path) -> None:
    """Exporting the same plan again gives identical files; UIDs are unique within a file."""
    first = write(build_plan(), tmp_path / "a")
    assert first == write(build_plan(), tmp_path / "b")
    uids = [str(event["UID"]) for event in events(first["t1.ics"])]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@songnuan") for uid in uids)


def test_stamp_is_from_the_plan_in_utc(plan: Plan, tmp_path: Path) -> None:
    """DTSTAMP is the campaign's first day at midnight in Shanghai, written in UTC, not "now"."""
    text = write(plan, tmp_path)["t1.ics"]
    assert "DTSTAMP:20270117T160000Z" in text
    for event in events(text):
        stamp = event.DTSTAMP
        assert stamp == dt.datetime(2027, 1, 18, tzinfo=TZ)


def test_team_without_visits_gets_valid_calendar(plan: Plan, tmp_path: Path) -> None:
    """A team with no routes still gets a named calendar that strict readers accept."""
    idle = plan.model_copy(update={"routes": plan.routes[:1]})
    text = write(idle, tmp_path)["t2.ics"]
    assert IcsCalendarStream.calendar_from_ics(text).events == []
    assert "X-WR-CALNAME:第二组 · 2027年春节送温暖活动" in text


def test_long_chinese_lines_fold_between_characters(plan: Plan) -> None:
    """Lines end in CRLF, are at most 75 octets, and no fold splits a Chinese character."""
    start = dt.datetime(2027, 1, 18, 9, tzinfo=TZ)
    description = "（" + "温暖送到困难职工家中，" * 40 + "）\n第二行：一二三abc四五六"
    event = CalendarEvent(
        uid="long@songnuan",
        start=start,
        end=start + dt.timedelta(minutes=30),
        summary="慰问" + "很长的标题" * 20,
        location="东村" * 50,
        description=description,
    )
    data = feed_calendar(index_plan(plan), Feed("calendars/x.ics", "长", (event,))).to_ical()
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line for line in lines)
    assert max(len(line) for line in lines) == 75
    for line in lines:
        line.decode("utf-8")  # a split character would not decode on its own line
    parsed = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert parsed.events[0].description == description


def test_no_personal_data_in_calendars(
    plan: Plan, tmp_path: Path, personal_data: dict[str, list[str]]
) -> None:
    """No ID number, bank card, income or diagnosis appears in any calendar."""
    for text in write(plan, tmp_path).values():
        unfolded = text.replace("\r\n ", "")
        for values in personal_data.values():
            assert not [value for value in values if value in unfolded]
