"""What the rules stage decides about each household: the second box of the pipeline.

A `Case` is a household seen through the organisation's rules: which category it counts in,
whether it is eligible and why, how urgent it is, what the standard grant is, whether a leader
should visit and which tier of leader. Every decision carries its reasons, because office staff
must be able to answer "why (not) me?". Reasons are codes with parameters; `Cases` carries the
words of every code the rules used (the core's and the plugins'), so any later stage renders
them in Chinese or English without asking the plugins again.
"""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import Field

from planner.reasons import Reason, ReasonBook, Template
from planner.scenario import Frozen, Scenario

VisitWish = Literal["must", "may", "no"]


class Case(Frozen):
    """One household after the rules: eligibility, priority, standard amount and visit wish.

    `priority` is an integer where higher means more urgent; when money is short the allocation
    funds higher priorities first. `tier` names the leader tier that must visit, empty when any
    team may. `reasons` explain eligibility (both for and against) without quoting incomes.
    """

    household_id: str
    category: str
    district: str
    unit: str
    eligible: bool
    reasons: tuple[Reason, ...]
    priority: int = Field(ge=0)
    standard: int = Field(ge=0)
    visit: VisitWish
    tier: str = ""
    counted_size: int = Field(gt=0)
    must_fund: bool = False


class Cases(Frozen):
    """The scenario with one case per household, in the order of the households table."""

    scenario: Scenario
    cases: tuple[Case, ...]
    templates: tuple[Template, ...] = ()
    """The words of the plugins' reason codes and category names, as the plugins registered them."""

    def reason_book(self) -> ReasonBook:
        """The book that renders every reason of these cases: the core's words and the plugins'.

        Built once per set of templates, since writers render a reason per household.
        """
        return _book(self.templates)

    def case(self, household_id: str) -> Case:
        """The case of this household."""
        for case in self.cases:
            if case.household_id == household_id:
                return case
        raise KeyError(household_id)


@functools.lru_cache(maxsize=8)
def _book(templates: tuple[Template, ...]) -> ReasonBook:
    return ReasonBook(templates)
