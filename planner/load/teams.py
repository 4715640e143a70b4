"""The `teams:` section: each team with its days expanded from the hours/lunch/days shorthand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from planner.calendar_cn import WorkCalendar
from planner.load.day_dates import entry_dates
from planner.load.messages import unknown_key
from planner.load.report import Report
from planner.load.shift_text import parse_hours, parse_lunch, shift_problem
from planner.load.yaml_keys import DAY_KEYS, TEAM_SHORTHAND
from planner.load.yaml_source import YamlPath
from planner.scenario import FairLoads, LunchBreak, Team, TeamDay, Travel


@dataclass(frozen=True)
class Teams:
    """The teams that could be read, with their index in scenario.yaml, and whether all could."""

    items: tuple[tuple[int, Team], ...]
    ok: bool


@dataclass(frozen=True)
class _Shift:
    """Working hours and lunch as a team gives them by default or a day overrides them."""

    hours: tuple[dt.time, dt.time] | None
    lunch: LunchBreak | None


def read_teams(
    report: Report,
    year: int | None,
    working_days_only: bool,
    work: WorkCalendar,
    least: FairLoads,
) -> Teams:
    """The teams, their days resolved for the campaign `year` and the calendar's working days.

    `working_days_only` is the calendar's default, and `least` (`fair_loads:`) the least work
    of every team, both of which a team may override.
    """
    return _TeamReader(report, year, working_days_only, work, least).teams()


def check_team_sizes(report: Report, teams: Teams, travel: Travel) -> bool:
    """轻车简从: no team takes more people (leader + staff) than `travel.max_team_size`."""
    cap = travel.max_team_size
    large = [(i, team) for i, team in teams.items if cap is not None and team.headcount > cap]
    for i, team in large:
        message = f"小组 {team.id} 共 {team.headcount} 人（领导 + 随行 {team.staff} 人）"
        report.at_key(("teams", i, "staff"), f"{message}，超过 travel.max_team_size 的 {cap} 人")
    return not large


class _TeamReader:
    """Reading the teams of one scenario.yaml, with what their days depend on."""

    def __init__(
        self,
        report: Report,
        year: int | None,
        working_days_only: bool,
        work: WorkCalendar,
        least: FairLoads,
    ) -> None:
        self.report = report
        self.year = year
        """The campaign's (Spring Festival) year, for dates written without one."""
        self.working_days_only = working_days_only
        self.work = work
        self.least = least
        """`fair_loads:`, the least work of a team that gives none of its own."""

    def teams(self) -> Teams:
        """The teams with their days expanded from the hours/lunch/days shorthand."""
        raw = self.report.section("teams", required=True)
        if raw is None:
            return Teams((), ok=False)
        if not isinstance(raw, list) or not raw:
            self.report.at_key(("teams",), "没有走访小组：请在 teams: 下至少写一个小组")
            return Teams((), ok=False)
        before = len(self.report.problems)
        teams = [
            (i, team) for i, item in enumerate(raw) if (team := self._team(("teams", i), item))
        ]
        first: dict[str, int] = {}
        for i, team in teams:
            if team.id in first:
                message = f"小组编号 {team.id} 已被 teams[{first[team.id]}] 使用"
                self.report.at_key(("teams", i, "id"), message + "；每个小组的编号须不同")
            first.setdefault(team.id, i)
        return Teams(tuple(teams), ok=len(self.report.problems) == before)

    def _team(self, path: YamlPath, raw: object) -> Team | None:
        """One team; without days when they are not usable, so that its depot is still checked."""
        if not isinstance(raw, dict):
            message = "小组应写明 id、name、leader、tier、staff、depot、days"
            self.report.at_key(path, message)
            return None
        days = self._team_days(path, raw)
        fields = {
            **self.least.model_dump(include={"min_days", "min_visits"}),
            **{key: value for key, value in raw.items() if key not in TEAM_SHORTHAND},
        }
        return self.report.model(Team, {**fields, "days": days or ()}, path)

    def _team_days(self, path: YamlPath, raw: Mapping[str, Any]) -> tuple[TeamDay, ...] | None:
        """The team's days, each with hours and lunch from the day or the team's defaults.

        An entry may be a span of days (`腊月初十至十八`); for a team out on working days only,
        the span's days off are left out.
        """
        shift = self._shift(path, raw, _Shift(None, None))
        days = raw.get("days")
        if isinstance(days, str):
            days = [days]
        if not isinstance(days, list) or not days:
            message = "没有走访日期：请在 days: 下列出小组出行的日期，如 - 2027-01-31"
            self.report.at_key((*path, "days"), message)
            return None
        working = raw.get("working_days_only", self.working_days_only)
        if not isinstance(working, bool):
            self.report.at_key((*path, "working_days_only"), "请写 true 或 false")
            return None
        if shift is None:
            return None
        built = [self._day((*path, "days", j), item, shift, working) for j, item in enumerate(days)]
        ok = all(group is not None for group in built)
        seen: set[dt.date] = set()
        for j, group in enumerate(built):
            for day in group or ():
                if day.date in seen:
                    message = f"{day.date} 写了两次；每个日期只写一次"
                    self.report.at_key((*path, "days", j), message)
                    ok = False
                seen.add(day.date)
        return tuple(day for group in built for day in group or ()) if ok else None

    def _shift(self, path: YamlPath, raw: Mapping[str, Any], default: _Shift) -> _Shift | None:
        """Hours and lunch given in `raw` (else `default`), checked to leave time for visits.

        The fit is checked only where hours or lunch are given, so that a team-wide mistake is
        reported once and not again for every day.
        """
        try:
            hours = parse_hours(raw["hours"]) if "hours" in raw else default.hours
        except ValueError as exc:
            self.report.at_key((*path, "hours"), str(exc))
            return None
        try:
            lunch = parse_lunch(raw["lunch"]) if "lunch" in raw else default.lunch
        except ValueError as exc:
            self.report.at_key((*path, "lunch"), str(exc))
            return None
        given = "hours" in raw or "lunch" in raw
        problem = shift_problem(hours, lunch) if hours and given else ""
        if problem:
            self.report.at_key((*path, "lunch" if "lunch" in raw else "hours"), problem)
            return None
        return _Shift(hours, lunch)

    def _day(
        self, path: YamlPath, raw: object, default: _Shift, working: bool
    ) -> list[TeamDay] | None:
        """One entry of a team's days: a date or a span, or a mapping overriding hours and lunch."""
        item: Mapping[str, Any] = raw if isinstance(raw, dict) else {"date": raw}
        for key in item:
            if key not in DAY_KEYS:
                self.report.at_key((*path, key), unknown_key(str(key), DAY_KEYS))
        try:
            dates = entry_dates(item.get("date"), self.year, working, self.work)
        except ValueError as exc:
            self.report.at_key(path + (("date",) if isinstance(raw, dict) else ()), str(exc))
            return None
        shift = self._shift(path, item, default)
        if shift is None:
            return None
        if shift.hours is None:
            self.report.at_key(path, f'{dates[0]}: no working hours: add hours: "08:30-17:30"')
            return None
        start, end = shift.hours
        return [TeamDay(date=date, start=start, end=end, lunch=shift.lunch) for date in dates]
