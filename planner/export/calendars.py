"""One calendar (.ics) per team, for the team leader's phone.

A calendar leaves the office: it is mailed, synced to phones and shown to drivers. So it carries
what a team needs at the door (name, category, amount, address, phone, driving time) and never
an ID number, bank card, income or anything the rules learned about illness. Files are
reproducible: the same plan gives the same bytes, and a household keeps its event UID when the
campaign is planned again, so a re-imported calendar updates events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from icalendar import Calendar, Event, Timezone

from planner.export import Register
from planner.export.lookup import PlanIndex, index_plan, local
from planner.hookspecs import hookimpl
from planner.plan import Plan, Route, Visit
from planner.scenario import TZ, Team

FOLDER = "calendars"
PRODID = "-//songnuan//送温暖走访安排//ZH"
UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\s]')


@hookimpl
def songnuan_register_writers(register: Register) -> None:
    """Offer the calendar writer under the name `calendars`."""
    register("calendars", write_calendars)


def write_calendars(plan: Plan, folder: Path) -> None:
    """Write `calendars/<team-id>.ics` for every team, including teams with no visits."""
    index = index_plan(plan)
    target = folder / FOLDER
    target.mkdir()
    for team in index.scenario.teams:
        path = target / f"{UNSAFE_IN_FILENAME.sub('_', team.id)}.ics"
        path.write_bytes(team_calendar(index, team).to_ical())


def team_calendar(index: PlanIndex, team: Team) -> Calendar:
    """The calendar of one team: a time zone, then each day's visits and lunch break."""
    campaign = index.campaign
    title = f"{team.name} · {campaign.name}"
    calendar = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        name=title,
        uid=_uid(index, team.id, "calendar"),
    )
    calendar.add("X-WR-TIMEZONE", TZ.key)
    calendar.add_component(_timezone(index))
    for route in index.routes_of(team.id):
        for number, visit in enumerate(route.visits, start=1):
            calendar.add_component(_visit_event(index, team, route, visit, number))
        if route.lunch_start and route.lunch_end:
            lunch = _lunch_event(index, team, route.date, route.lunch_start, route.lunch_end)
            calendar.add_component(lunch)
    return calendar


def _timezone(index: PlanIndex) -> Timezone:
    """The Asia/Shanghai VTIMEZONE over the campaign's years.

    Added even to a team without visits: a VCALENDAR needs at least one component, and strict
    readers reject an empty one.
    """
    years = [route.date.year for route in index.plan.routes] or [index.campaign.year]
    first = dt.date(min(years) - 1, 1, 1)
    last = dt.date(max(years) + 1, 1, 1)
    return Timezone.from_tzid(TZ.key, first_date=first, last_date=last)


def _visit_event(index: PlanIndex, team: Team, route: Route, visit: Visit, number: int) -> Event:
    """One visit: arrival to departure at the household, with what the leader needs there."""
    household = index.households[visit.household_id]
    return Event.new(
        uid=_uid(index, team.id, household.id),
        stamp=index.first_day(),
        sequence=0,
        start=local(visit.arrival),
        end=local(visit.departure),
        summary=f"慰问 {household.name}（{index.category(household.id)}）",
        location=household.address or _place_name(index, visit.place),
        description=_visit_description(index, route, visit, number),
    )


def _visit_description(index: PlanIndex, route: Route, visit: Visit, number: int) -> str:
    """Category, amount, unit, phone and driving time; deliberately nothing from the archive."""
    household = index.households[visit.household_id]
    grant = index.grants.get(household.id)
    money = f"{grant.amount}元（{index.line_names[grant.line_id]}）" if grant else "未安排"
    origin = "出发地" if number == 1 else "上一户"
    lines = [
        f"第{number}站（共{len(route.visits)}站）",
        f"类别：{index.category(household.id)}",
        f"慰问金：{money}",
        f"单位：{household.unit}",
        f"地点：{_place_name(index, visit.place)}",
    ]
    if household.phone:
        lines.append(f"电话：{household.phone}")
    lines.append(f"路程：从{origin}驾车约{visit.travel_minutes}分钟")
    return "\n".join(lines)


def _lunch_event(
    index: PlanIndex, team: Team, day: dt.date, start: dt.datetime, end: dt.datetime
) -> Event:
    """The day's lunch break, so the leader sees the whole day in one place."""
    return Event.new(
        uid=_uid(index, team.id, f"lunch-{day.isoformat()}"),
        stamp=index.first_day(),
        sequence=0,
        start=local(start),
        end=local(end),
        summary="午餐（工作餐）",
    )


def _place_name(index: PlanIndex, place_id: str) -> str:
    """The place's name, or its id when the scenario has no such place."""
    place = index.places.get(place_id)
    return place.name if place else place_id


def _uid(index: PlanIndex, team_id: str, item: str) -> str:
    """A UID that depends only on campaign, year, team and item, so replanning keeps it."""
    campaign = index.campaign
    key = "\x1f".join((campaign.name, str(campaign.year), team_id, item))
    return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:16] + "@songnuan"
