"""`--unavailable TEAM@DATE`: team-days that can no longer go out (a leader called away).

A wrong team or date must stop the run before anything is planned: silently ignoring it would
send a team out on a day its leader is elsewhere. The team is named as the office knows it:
its id (`county-1`), its name (`县领导第一组`) or its leader (`王书记`); the date as scenario.yaml
writes dates (`2027-02-01`, `2月1日`, `腊月初十`, `春节前5天`), read by `planner.calendar_cn`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from planner.calendar_cn import CalendarError, parse_day
from planner.problems import Problem, ScenarioError
from planner.scenario import Scenario, Team

OPTION = "--unavailable"

TeamDay = tuple[str, dt.date]
"""A team id and a date."""


def read_unavailable(
    values: Sequence[str], scenario: Scenario, today: dt.date
) -> frozenset[TeamDay]:
    """The team-days named, each a day of that team after `today` (days up to it are kept).

    Raises one `ScenarioError` listing every value that is not such a team-day.
    """
    found: set[TeamDay] = set()
    problems = []
    for value in values:
        named, _, date = value.rpartition("@")
        try:
            day = parse_day(date, scenario.campaign.year)
        except CalendarError as error:
            problems.append(
                _problem(value, f"请写成 工作组@日期，如 县领导第一组@腊月初十（{error}）")
            )
            continue
        team, problem = _team(named.strip(), scenario)
        if team is None:
            problems.append(_problem(value, problem))
        elif day not in {team_day.date for team_day in team.days}:
            problems.append(_problem(value, f"工作组 {team.name}（{team.id}）{day} 不出动"))
        elif day <= today:
            problems.append(_problem(value, f"{day} 已经开始或已过去（今天是 {today}）"))
        else:
            found.add((team.id, day))
    if problems:
        raise ScenarioError(problems)
    return frozenset(found)


def _team(named: str, scenario: Scenario) -> tuple[Team | None, str]:
    """The one team with this id, else name, else leader; or None and what is wrong."""
    for field in ("id", "name", "leader"):
        matches = [team for team in scenario.teams if getattr(team, field) == named]
        if len(matches) == 1:
            return matches[0], ""
        if matches:
            ids = "、".join(team.id for team in matches)
            return None, f"{named} 带了几个工作组（{ids}）：请改写工作组"
    known = "、".join(f"{team.id} {team.name}（{team.leader}）" for team in scenario.teams)
    return None, f"没有叫 {named} 的工作组编号、组名或带队领导；工作组有：{known}"


def _problem(value: str, message: str) -> Problem:
    return Problem(OPTION, None, None, f"{value}: {message}")
