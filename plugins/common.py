"""Helpers that several organisation plugins share; not a plugin itself (no entry point).

Each helper is a rule that more than one organisation's notice states in the same way: a list
of categories decided by the unit, a per-household standard that the budget may override, and a
window of days the teams must keep to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from planner.rule_types import Category, Eligibility, Finding
from planner.scenario import Household, Scenario


def listed_eligibility(
    household: Household, categories: Collection[Category]
) -> Eligibility | None:
    """Eligible by being on the unit's list in one of its categories; None for other categories.

    Schools, bureaus and towns draw up their lists by category after their own checks, and the
    notices say nothing more about who qualifies, so being listed is the rule.
    """
    for category in categories:
        if household.category == category.name:
            return Eligibility(eligible=True, reason=f"{category.name}：{category.description}")
    return None


def default_amount(
    household: Household, scenario: Scenario, defaults: Mapping[str, int]
) -> int | None:
    """The plugin's standard for the household's category, unless the budget names its own.

    The scenario's `budget.standards` is the office's decision for this year; the notice's
    amount is only the default where the office gives none.
    """
    if household.category in scenario.budget.standards:
        return None
    return defaults.get(household.category)


def days_outside(
    scenario: Scenario, span: tuple[dt.date, dt.date], tiers: Collection[str], what: str
) -> list[Finding]:
    """A notice for each team of these tiers that is out on a day outside the window `span`."""
    first, last = span
    found = []
    for team in scenario.teams:
        if team.tier not in tiers:
            continue
        outside = [day.date.isoformat() for day in team.days if not first <= day.date <= last]
        if outside:
            message = (
                f"team {team.id} ({team.tier}) is out on {', '.join(outside)}, outside {what} "
                f"{first}–{last}"
            )
            found.append(Finding(message=message, file="scenario.yaml", column="teams"))
    return found
