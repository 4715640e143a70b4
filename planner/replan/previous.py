"""The plan that was sent out, read back from its plan.json: routes, grants and calendars.

Re-planning starts from what teams and households were told, not from a fresh plan: the routes
keep the days under way and hint the search, the grants are promises to keep, and the published
calendars give each event's UID and SEQUENCE to continue from. The file is read and validated by
`planner.plan_file`, like every plan.json songnuan reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner.allocation import Grant
from planner.export.calendar_state import published_calendars
from planner.plan import PublishedCalendar, Route, Visit
from planner.plan_file import PlanFileError, RouteRecord, read_plan_file
from planner.problems import Problem, ScenarioError
from planner.scenario import Campaign


@dataclass(frozen=True)
class Previous:
    """What the previous plan.json says: its routes, its grants and its published calendars."""

    routes: tuple[Route, ...]
    grants: tuple[Grant, ...]
    published: tuple[PublishedCalendar, ...]

    def slots(self) -> dict[str, tuple[Route, Visit]]:
        """Each visited household's route and visit, by household id."""
        return {v.household_id: (route, v) for route in self.routes for v in route.visits}


def read_previous(path: Path, campaign: Campaign) -> Previous:
    """The plan.json at `path`, which must be of this campaign and year.

    Raises `ScenarioError` naming the file when it cannot be read or is another campaign's:
    re-planning against the wrong plan would move and cancel visits nobody planned.
    """
    try:
        document = read_plan_file(path)
    except PlanFileError as error:
        problem = Problem(str(path), None, None, f"cannot read the previous plan: {error}")
        raise ScenarioError([problem]) from None
    if not document.is_of(campaign):
        raise ScenarioError([Problem(str(path), None, None, document.other_campaign(campaign))])
    return Previous(
        routes=tuple(_route(route) for route in document.routes),
        grants=tuple(
            Grant(household_id=g.household_id, amount=g.amount, line_id=g.line_id)
            for g in document.grants
        ),
        published=published_calendars(document.calendars),
    )


def _route(record: RouteRecord) -> Route:
    """One route record of plan.json, without the names it adds for readers."""
    lunch = record.lunch
    return Route(
        team_id=record.team_id,
        date=record.date,
        depot=record.depot,
        start=record.start,
        end=record.end,
        lunch_start=lunch.start if lunch else None,
        lunch_end=lunch.end if lunch else None,
        travel_minutes=record.travel_minutes,
        visits=tuple(
            Visit(
                household_id=v.household_id,
                place=v.place,
                arrival=v.arrival,
                departure=v.departure,
                travel_minutes=v.travel_minutes,
            )
            for v in record.visits
        ),
    )
