"""Which team-days stay as planned and which are open to re-planning.

A day up to and including the day of re-planning is kept as it was sent out: its visits were
made or the team is on the road with that list. The one exception is a visit of an earlier day
that done.csv (when given) does not list: it was missed, so it leaves its day and needs a new
place like any open visit. Every later day of the scenario is open, except the team-days made
unavailable, which are removed (their visits need new places).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set

from planner.plan import Route
from planner.replan.unavailable import TeamDay
from planner.scenario import Scenario


def missed_visits(
    routes: tuple[Route, ...], today: dt.date, done: Set[str] | None
) -> frozenset[str]:
    """The households planned on a day before `today` that are not in `done` (none without it).

    Today's visits are not asked for: the team may still be on its way to them.
    """
    if done is None:
        return frozenset()
    return frozenset(
        visit.household_id
        for route in routes
        if route.date < today
        for visit in route.visits
        if visit.household_id not in done
    )


def kept_routes(routes: tuple[Route, ...], today: dt.date, missed: Set[str]) -> tuple[Route, ...]:
    """The routes of the days under way or over, without the missed visits.

    The visits left keep their times (that is when they were made), and the day loses the drive
    to each missed visit, so the way back stays the drive that was planned (calendars derive it
    from the day's total); a day whose every visit was missed is left out.
    """
    kept = []
    for route in routes:
        if route.date > today:
            continue
        visits = tuple(visit for visit in route.visits if visit.household_id not in missed)
        if len(visits) == len(route.visits):
            kept.append(route)
        elif visits:
            gone = sum(v.travel_minutes for v in route.visits if v.household_id in missed)
            update = {"visits": visits, "travel_minutes": route.travel_minutes - gone}
            kept.append(route.model_copy(update=update))
    return tuple(kept)


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
