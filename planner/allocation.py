"""Who gets how much money from which budget line: the third box of the pipeline."""

from __future__ import annotations

from pydantic import Field

from planner.cases import Cases
from planner.reasons import Reason
from planner.scenario import Frozen


class Grant(Frozen):
    """Money for one household, paid from one budget line."""

    household_id: str
    amount: int = Field(gt=0)
    line_id: str


class Unfunded(Frozen):
    """An eligible household that gets no grant, and why (e.g. the line ran short)."""

    household_id: str
    reason: Reason
    """Why, as data (`planner.allocate` declares its codes), rendered at the edge."""


class LineUse(Frozen):
    """How much of a budget line the allocation uses."""

    line_id: str
    name: str
    budget: int
    allocated: int
    households: int

    @property
    def left(self) -> int:
        return self.budget - self.allocated


class Allocation(Frozen):
    """The grants chosen by CP-SAT, with the unfunded eligible cases and the use of each line."""

    cases: Cases
    grants: tuple[Grant, ...]
    unfunded: tuple[Unfunded, ...]
    lines: tuple[LineUse, ...]
    total_budget: int
    solver_status: str
    """OPTIMAL when every objective is proven best, FEASIBLE when a step stopped before."""
    proven_best: bool = True
    """False when CP-SAT stopped before proving a step best: the allocation is the best found."""

    @property
    def total_allocated(self) -> int:
        return sum(grant.amount for grant in self.grants)

    def grant_for(self, household_id: str) -> Grant | None:
        for grant in self.grants:
            if grant.household_id == household_id:
                return grant
        return None
