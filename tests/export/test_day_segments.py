"""The shape of a day: drives end on arrival, and never run through the lunch break."""

from __future__ import annotations

import datetime as dt

from planner.export.day_segments import day_segments
from planner.plan import Plan, Route, Visit
from planner.scenario import TZ

DAY1 = dt.date(2027, 1, 18)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A wall-clock time in Asia/Shanghai."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def one_visit_day(leave: tuple[int, int], arrive: tuple[int, int], minutes: int) -> Route:
    """A day with one visit after a lunch at 11:30–12:30, the team leaving at `leave`."""
    return Route(
        team_id="t1",
        date=DAY1,
        depot="hq",
        start=at(DAY1, *leave),
        end=at(DAY1, 15, 0),
        visits=(
            Visit(
                household_id="h2",
                place="v1",
                arrival=at(DAY1, *arrive),
                departure=at(DAY1, *arrive) + dt.timedelta(minutes=30),
                travel_minutes=minutes,
            ),
        ),
        lunch_start=at(DAY1, 11, 30),
        lunch_end=at(DAY1, 12, 30),
        travel_minutes=minutes,
    )


def shape(route: Route) -> list[tuple[str, str, str]]:
    """Each segment as (kind, start, end) in HH:MM."""
    return [
        (s.kind, s.start.strftime("%H:%M"), s.end.strftime("%H:%M")) for s in day_segments(route)
    ]


def test_drives_end_on_arrival(plan: Plan) -> None:
    """Without lunch in the way a drive ends when the team arrives; the way back ends the day."""
    assert shape(plan.routes[0]) == [
        ("travel", "09:10", "09:30"),
        ("visit", "09:30", "10:00"),
        ("travel", "10:00", "10:20"),
        ("visit", "10:20", "10:50"),
        ("lunch", "12:00", "13:00"),
        ("return", "13:20", "14:00"),
    ]


def test_drive_comes_before_lunch_when_it_fits() -> None:
    """A drive that would cross the lunch break is shown just before it."""
    assert shape(one_visit_day((10, 30), (12, 45), 60)) == [
        ("travel", "10:30", "11:30"),
        ("lunch", "11:30", "12:30"),
        ("visit", "12:45", "13:15"),
    ]


def test_drive_is_split_around_lunch_when_it_must() -> None:
    """A drive too long for the time before lunch is split: part before, the rest after."""
    route = one_visit_day((11, 0), (13, 0), 60)
    assert shape(route) == [
        ("travel", "11:00", "11:30"),
        ("lunch", "11:30", "12:30"),
        ("travel", "12:30", "13:00"),
        ("visit", "13:00", "13:30"),
    ]
    drives = [s for s in day_segments(route) if s.kind == "travel"]
    assert [s.before_lunch for s in drives] == [True, False]
