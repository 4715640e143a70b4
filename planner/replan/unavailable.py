"""`--unavailable TEAM@DATE`: team-days that can no longer go out (a leader called away).

A wrong team or date must stop the run before anything is planned: silently ignoring it would
send a team out on a day its leader is elsewhere. The date is ISO (2027-02-01), as in plan.json.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from planner.problems import Problem, ScenarioError
from planner.scenario import Scenario

OPTION = "--unavailable"

TeamDay = tuple[str, dt.date]
"""A team id and a date."""


def read_unavailable(
    values: Sequence[str], scenario: Scenario, today: dt.date
) -> frozenset[TeamDay]:
    """The team-days named, each a day of that team after `today` (days up to it are kept).

    Raises one `ScenarioError` listing every value that is not such a team-day.
    """
    teams = {team.id: {day.date for day in team.days} for team in scenario.teams}
    found: set[TeamDay] = set()
    problems = []
    for value in values:
        team, _, date = value.partition("@")
        try:
            day = dt.date.fromisoformat(date.strip())
        except ValueError:
            problems.append(_problem(value, "write TEAM@DATE, e.g. county-1@2027-02-01"))
            continue
        team = team.strip()
        if team not in teams:
            problems.append(_problem(value, f"no team {team}; teams: {', '.join(teams)}"))
        elif day not in teams[team]:
            problems.append(_problem(value, f"team {team} is not out on {day}"))
        elif day <= today:
            problems.append(_problem(value, f"{day} is under way or over (today is {today})"))
        else:
            found.add((team, day))
    if problems:
        raise ScenarioError(problems)
    return frozenset(found)


def _problem(value: str, message: str) -> Problem:
    return Problem(OPTION, None, None, f"{value}: {message}")
