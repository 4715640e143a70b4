"""The pages, one module per area of the clerk's path; `routes()` gathers them for the app."""

from __future__ import annotations

from starlette.routing import BaseRoute

from planner.web.pages import (
    archive,
    calendars,
    campaigns,
    login,
    planning,
    replanning,
    results,
    settings,
    whatif,
)


def routes() -> list[BaseRoute]:
    """Every page's routes."""
    return [
        *login.ROUTES,
        *campaigns.ROUTES,
        *archive.ROUTES,
        *settings.ROUTES,
        *planning.ROUTES,
        *results.ROUTES,
        *whatif.ROUTES,
        *replanning.ROUTES,
        *calendars.ROUTES,
    ]
