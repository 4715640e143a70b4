"""Which team-days stay as planned and which are open to re-planning.

A day up to and including the day of re-planning is kept whole, as it was sent out: its visits
were made or the team is on the road with that list. Every later day of the scenario is open,
except the team-days made unavailable, which are removed (their visits need new places).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set

from planner.plan import Route
from planner.replan.unavailable import TeamDay
from planner.scenario import Scenario


def kept_routes(routes: tuple[Route, ...], today: dt.date) -> tuple[Route, ...]:
    """The routes of the days under way or over, unchanged."""
    return tuple(route for route in routes if route.date <= today)


def open_days(scenario: Scenario, today: dt.date, unavailable: Set[TeamDay]) -> Scenario:
    """The scenario with each team's days cut to those after `today` it can still go out on."""
    teams = tuple(
        team.model_copy(
            update={
                "days": tuple(
                    day
                    for day in team.days
                    if day.date > today and (team.id, day.date) not in unavailable
                )
            }
        )
        for team in scenario.teams
    )
    return scenario.model_copy(update={"teams": teams})
