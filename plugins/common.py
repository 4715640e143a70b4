"""Helpers that several organisation plugins share; not a plugin itself (no entry point).

Each helper is a rule that more than one organisation's notice states in the same way: a list
of categories decided by the unit, a per-household standard that the budget may override, and a
window of days the teams must keep to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from planner.reasons import Reason
from planner.rule_types import Category, Eligibility, Finding
from planner.rules import listed_reason
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
            return Eligibility(eligible=True, reason=listed_reason(category))
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


DAYS_OUTSIDE = (
    "{team}（{tier}）在{days}出行，不在{window}（{first}至{last}）内",
    "team {team} ({tier}) is out on {days}, outside {window} {first}–{last}",
)
"""The words of the `days_outside` finding; a plugin registers them under its own code."""


def days_outside(
    scenario: Scenario,
    span: tuple[dt.date, dt.date],
    tiers: Collection[str],
    code: str,
    window: Reason,
) -> list[Finding]:
    """A notice for each team of these tiers that is out on a day outside the window `span`.

    `code` is the plugin's code for `DAYS_OUTSIDE`; `window` names the window in words.
    """
    first, last = span
    found = []
    for team in scenario.teams:
        if team.tier not in tiers:
            continue
        outside = tuple(day.date for day in team.days if not first <= day.date <= last)
        if outside:
            message = Reason.of(
                code,
                team=team.name,
                tier=team.tier,
                days=outside,
                window=window,
                first=first,
                last=last,
            )
            found.append(Finding(message=message, file="scenario.yaml", column="teams"))
    return found
