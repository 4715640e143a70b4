"""Grants already promised are kept: re-planning spends only the money left over.

A household told it will receive a grant (or already paid) must not lose it because a new
household was added or a day was cancelled. So each earlier grant's case becomes must-fund at
the promised amount before allocation; the allocation stage then funds newcomers, by priority,
from what the lines have left, and reports clearly if the promises no longer fit the budget.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.allocation import Grant
from planner.cases import Cases


def keep_grants(cases: Cases, grants: Sequence[Grant]) -> Cases:
    """The cases with every household of `grants` must-fund at its granted amount."""
    promised = {grant.household_id: grant.amount for grant in grants}
    kept = tuple(
        case.model_copy(update={"must_fund": True, "standard": promised[case.household_id]})
        if case.household_id in promised
        else case
        for case in cases.cases
    )
    return cases.model_copy(update={"cases": kept})
