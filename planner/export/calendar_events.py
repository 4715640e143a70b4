"""The events of every calendar as plain data: one feed per team and one per leader.

Building events apart from writing .ics keeps two things honest: plan.json records exactly the
events the calendars publish (their UIDs, SEQUENCE and a fingerprint), and the rules for what a
phone may show live in one place. A calendar leaves the office (it is mailed, synced, shown to
drivers), so an event carries what a team needs at the door (name, category, amount, address,
phone, driving time, what to bring) and never an ID number, bank card, income or health fact.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from planner.export.day_segments import Segment, day_segments
from planner.export.formats import yuan
from planner.export.lookup import PlanIndex
from planner.plan import Route, Visit
from planner.scenario import Team
from planner.travel.labels import driving_note

FOLDER = "calendars"
LEADERS = "leaders"
ALARM_MINUTES = 30
UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\s]')


@dataclass(frozen=True)
class CalendarEvent:
    """One event as a phone shows it; `sequence` is set when compared with earlier exports."""

    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    location: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()
    alarm: bool = False
    cancelled: bool = False
    sequence: int = 0

    @property
    def fingerprint(self) -> str:
        """A hash of everything the event shows: equal fingerprints mean nothing changed.

        Stored in plan.json instead of the shown text itself, which holds an address and phone.
        """
        shown = (
            self.start.isoformat(),
            self.end.isoformat(),
            self.summary,
            self.location,
            self.description,
            "\x1e".join(self.categories),
            str(self.alarm),
            str(self.cancelled),
        )
        return digest(shown)


@dataclass(frozen=True)
class Feed:
    """One calendar file: its path in the output folder, its display name and its events."""

    file: str
    name: str
    events: tuple[CalendarEvent, ...]


def plan_feeds(index: PlanIndex) -> list[Feed]:
    """A feed per team (`calendars/<team>.ics`), then one per leader (`calendars/leaders/…`).

    A leader may lead several teams; the leader's feed holds the events of all of them, with
    UIDs of its own so that importing both files into one account never collides.
    """
    campaign = index.campaign.name
    feeds = [
        Feed(
            file=f"{FOLDER}/{_filename(team.id)}.ics",
            name=f"{team.name} · {campaign}",
            events=tuple(_team_events(index, team, scope=team.id)),
        )
        for team in index.scenario.teams
    ]
    for leader in dict.fromkeys(team.leader for team in index.scenario.teams):
        led = [team for team in index.scenario.teams if team.leader == leader]
        scopes = [(team, f"leader:{leader}:{team.id}") for team in led]
        events = [e for team, scope in scopes for e in _team_events(index, team, scope)]
        feeds.append(
            Feed(
                file=f"{FOLDER}/{LEADERS}/{_filename(leader)}.ics",
                name=f"{leader} · {campaign}",
                events=tuple(sorted(events, key=lambda event: (event.start, event.uid))),
            )
        )
    return feeds


def _team_events(index: PlanIndex, team: Team, scope: str) -> Iterator[CalendarEvent]:
    """Each day of the team: drives, visits, lunch and the way back, in time order."""
    for route in index.routes_of(team.id):
        for segment in day_segments(route):
            if segment.kind == "visit":
                yield _visit_event(index, team, scope, route, segment)
            elif segment.kind == "travel":
                yield _travel_event(index, scope, route, segment)
            elif segment.kind == "return":
                yield _return_event(index, scope, route, segment)
            else:
                yield _lunch_event(index, scope, route, segment)


def _visit_event(
    index: PlanIndex, team: Team, scope: str, route: Route, segment: Segment
) -> CalendarEvent:
    """One visit, arrival to departure at the household, with an alarm before it."""
    visit = _visit_of(segment)
    household_id = visit.household_id
    category = index.category(household_id)
    return CalendarEvent(
        uid=_uid(index, scope, household_id),
        start=segment.start,
        end=segment.end,
        summary=f"慰问 {index.households[household_id].name}（{category}）",
        location=index.address(household_id, visit.place),
        description=_visit_description(index, team, route, visit, segment.number),
        categories=("送温暖", category),
        alarm=True,
    )


def _visit_description(
    index: PlanIndex, team: Team, route: Route, visit: Visit, number: int
) -> str:
    """Stop, team, category, amount, unit, phone, driving and what to bring; nothing else.

    Deliberately built field by field from a short list: the archive's other columns (ID, bank
    card, income, illness) have no way in.
    """
    household = index.households[visit.household_id]
    grant = index.grants.get(household.id)
    money = f"{yuan(grant.amount)}（{index.line_names[grant.line_id]}）" if grant else "未安排"
    lines = [
        f"第{number}站（共{len(route.visits)}站）",
        f"小组：{team.name}（带队：{team.leader}）",
        f"类别：{index.category(household.id)}",
        f"慰问金：{money}",
        f"单位：{household.unit}",
        f"地点：{index.place_name(visit.place)}",
    ]
    if household.phone:
        lines.append(f"电话：{household.phone}")
    lines.append(f"路程：{_driving(index, route, number, visit.travel_minutes)}")
    lines.append(f"携带：{'、'.join(index.scenario.visits.bring)}")
    return "\n".join(lines)


def _driving(index: PlanIndex, route: Route, number: int, minutes: int) -> str:
    """How the team gets here: from the depot or the previous household, or already there."""
    note = driving_note(index.scenario)
    if number == 1:
        return f"从{index.place_name(route.depot)}出发，驾车约{minutes}分钟{note}"
    if not minutes:
        return "与上一户在同一地点，无需驾车"
    return f"从上一户驾车约{minutes}分钟{note}"


def _travel_event(index: PlanIndex, scope: str, route: Route, segment: Segment) -> CalendarEvent:
    """The drive to a household, so the day shows when the car must leave."""
    visit = _visit_of(segment)
    previous = route.depot if segment.number == 1 else route.visits[segment.number - 2].place
    origin, destination = index.place_name(previous), index.place_name(visit.place)
    return CalendarEvent(
        uid=_uid(index, scope, f"travel-{visit.household_id}{_part(segment)}"),
        start=segment.start,
        end=segment.end,
        summary=f"路程：前往{destination}（约{segment.minutes}分钟{_lunch_note(segment)}）",
        description=f"从{origin}到{destination}，驾车约{segment.minutes}分钟"
        + driving_note(index.scenario),
        categories=("路程",),
    )


def _return_event(index: PlanIndex, scope: str, route: Route, segment: Segment) -> CalendarEvent:
    """The drive back to the depot at the end of the day."""
    depot = index.place_name(route.depot)
    return CalendarEvent(
        uid=_uid(index, scope, f"return-{route.date.isoformat()}{_part(segment)}"),
        start=segment.start,
        end=segment.end,
        summary=f"返程：返回{depot}（约{segment.minutes}分钟{_lunch_note(segment)}）",
        description=f"从最后一户返回{depot}，驾车约{segment.minutes}分钟"
        + driving_note(index.scenario),
        categories=("路程",),
    )


def _part(segment: Segment) -> str:
    """The UID suffix of the part of a drive that comes before a lunch break splitting it."""
    return "-before-lunch" if segment.before_lunch else ""


def _lunch_note(segment: Segment) -> str:
    """Says in the title that a drive goes on after lunch."""
    return "，午餐前一段" if segment.before_lunch else ""


def _lunch_event(index: PlanIndex, scope: str, route: Route, segment: Segment) -> CalendarEvent:
    """The day's lunch break, so the leader sees the whole day in one place."""
    return CalendarEvent(
        uid=_uid(index, scope, f"lunch-{route.date.isoformat()}"),
        start=segment.start,
        end=segment.end,
        summary="午餐（工作餐）",
        categories=("午餐",),
    )


def _visit_of(segment: Segment) -> Visit:
    """The visit a drive or visit segment belongs to."""
    if segment.visit is None:
        raise ValueError(f"a {segment.kind} segment has no visit")
    return segment.visit


def _filename(name: str) -> str:
    """A team id or leader name made safe as a file name on every system."""
    return UNSAFE_IN_FILENAME.sub("_", name)


def _uid(index: PlanIndex, scope: str, item: str) -> str:
    """A UID that depends only on campaign, year, calendar scope and item, so replanning keeps it.

    `scope` is the team id for a team calendar; leader calendars prefix it, so the same visit
    has different UIDs in the team's and the leader's file.
    """
    campaign = index.campaign
    return digest((campaign.name, str(campaign.year), scope, item)) + "@songnuan"


def digest(parts: tuple[str, ...]) -> str:
    """A short, stable hash of some texts."""
    key = "\x1f".join(parts).encode("utf-8")
    return hashlib.sha1(key, usedforsecurity=False).hexdigest()[:16]
