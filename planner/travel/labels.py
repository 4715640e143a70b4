"""What outputs add to a driving time so that an estimate is never read as a measured drive."""

from __future__ import annotations

from planner.scenario import Scenario

ESTIMATE_NOTE = "（直线估算）"


def driving_note(scenario: Scenario) -> str:
    """ "（直线估算）" when the minutes are a straight-line estimate, else nothing."""
    return ESTIMATE_NOTE if scenario.travel.minutes.is_estimate else ""


def travel_facts(scenario: Scenario) -> dict[str, str | bool]:
    """Where the plan's minutes came from, for plan.json: the source and whether estimated."""
    settings = scenario.travel.minutes
    return {"source": settings.source, "estimate": settings.is_estimate}
