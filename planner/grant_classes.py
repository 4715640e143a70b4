"""Cases alike for the allocation, as classes: the unit CP-SAT counts instead of households.

Two payable cases are alike when they share the line that pays them, the standard, the priority,
the district and the must-fund mark: no constraint or objective of `planner.allocate` can tell
them apart. The model decides how many of each class are funded; `households_taken` then takes
that many in the order of the households table, the order the office keeps its list in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from planner.cases import Case
from planner.scenario import BudgetLine

Payable = tuple[Case, BudgetLine]
"""An eligible case with a non-zero standard, and the line that pays it."""


@dataclass(frozen=True)
class GrantClass:
    """Payable cases alike for the allocation, in the order of the households table."""

    line_id: str
    standard: int
    priority: int
    district: str
    must_fund: bool
    household_ids: list[str] = field(default_factory=list, compare=False)

    @property
    def size(self) -> int:
        return len(self.household_ids)


def classes_of(payable: Sequence[Payable]) -> list[GrantClass]:
    """The classes of the payable cases, in the order their first case appears."""
    classes: dict[tuple[str, int, int, str, bool], GrantClass] = {}
    for case, line in payable:
        key = (line.id, case.standard, case.priority, case.district, case.must_fund)
        if key not in classes:
            classes[key] = GrantClass(*key)
        classes[key].household_ids.append(case.household_id)
    return list(classes.values())


def households_taken(classes: Sequence[GrantClass], counts: Sequence[int]) -> set[str]:
    """The funded households: the first `count` of each class, in table order."""
    return {
        household_id
        for grant_class, count in zip(classes, counts, strict=True)
        for household_id in grant_class.household_ids[:count]
    }
