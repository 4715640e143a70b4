"""The plan that was sent out, read back from its plan.json: routes, grants and calendars.

Re-planning starts from what teams and households were told, not from a fresh plan: the routes
keep the days under way and hint the search, the grants are promises to keep, and the published
calendars give each event's UID and SEQUENCE to continue from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.allocation import Grant
from planner.export.calendar_state import read_published
from planner.plan import PublishedCalendar, Route, Visit
from planner.problems import Problem, ScenarioError
from planner.scenario import Campaign

Json = dict[str, Any]


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
        data = json.loads(path.read_text(encoding="utf-8"))
        earlier = data["campaign"]
        if earlier["name"] != campaign.name or earlier["year"] != campaign.year:
            message = f"a plan of {earlier['name']} {earlier['year']}, "
            message += f"not of {campaign.name} {campaign.year}"
            raise ScenarioError([Problem(str(path), None, None, message)])
        routes = tuple(_route(route) for route in data["routes"])
        grants = tuple(Grant.model_validate(_grant(grant)) for grant in data["grants"])
    except (OSError, KeyError, TypeError, ValueError) as exc:
        message = f"cannot read the previous plan ({type(exc).__name__}: {exc})"
        raise ScenarioError([Problem(str(path), None, None, message)]) from exc
    return Previous(routes=routes, grants=grants, published=read_published(path, campaign))


def _route(data: Json) -> Route:
    """One route record of plan.json (see docs/plan.md)."""
    lunch = data["lunch"] or {}
    return Route.model_validate(
        {
            "team_id": data["team_id"],
            "date": data["date"],
            "depot": data["depot"],
            "start": data["start"],
            "end": data["end"],
            "lunch_start": lunch.get("start"),
            "lunch_end": lunch.get("end"),
            "travel_minutes": data["travel_minutes"],
            "visits": [_visit(visit) for visit in data["visits"]],
        }
    )


def _visit(data: Json) -> Json:
    """One stop of a route record, without the names plan.json adds for readers."""
    fields = ("household_id", "place", "arrival", "departure", "travel_minutes")
    return {field: data[field] for field in fields}


def _grant(data: Json) -> Json:
    """One grant record, without the names plan.json adds for readers."""
    return {field: data[field] for field in ("household_id", "amount", "line_id")}
