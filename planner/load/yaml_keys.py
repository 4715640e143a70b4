"""The keys scenario.yaml knows, section by section, so that a misspelt key can be corrected."""

from __future__ import annotations

from planner.scenario import (
    Budget,
    BudgetLine,
    Campaign,
    FairLoads,
    Team,
    Travel,
    VisitSettings,
)

TABLES = {"households": True, "places": True, "roads": True, "history": False}
"""Each table of a scenario and whether the folder must have it."""

SECTIONS = (
    "campaign",
    "budget",
    "visits",
    "travel",
    "rules",
    "calendar",
    "fair_loads",
    "teams",
    "tables",
)
TEAM_SHORTHAND = ("hours", "lunch", "days", "working_days_only")
CALENDAR_KEYS = ("working_days_only", "years")
YEAR_KEYS = ("holidays", "workdays")
DAY_KEYS = ("date", "hours", "lunch")
YAML_WORDS = frozenset(
    [*SECTIONS, *TEAM_SHORTHAND, *TABLES]
    + [
        key
        for model in (Campaign, Budget, BudgetLine, VisitSettings, Travel, FairLoads, Team)
        for key in model.model_fields
    ]
)
"""Every key scenario.yaml knows, to suggest the intended one for a misspelt key."""
