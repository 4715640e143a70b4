"""The budget question of a variant: which money binds, by how much, and what would fund everyone.

A planner varying the total sees flat figures when a line binds (the 劳模 line runs out before
the total does), so every variant says, per line and for the total:

- `needed`: the yuan that would fund every eligible household it pays, at the variant's
  standards — the sum of their standards, computed from the cases, not searched for;
- `short`: how much more money that is than the variant has (0 when it has enough);
- `binds`: whether the allocation left a household of the line unfunded because this money ran
  out (the line's own rest, or the total's while the line still had enough). A line may be
  short without binding, when the total stops its households first.

Households of a category no line pays are not in any line's need.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.allocation import Allocation


@dataclass(frozen=True)
class LineNeed:
    """One budget line in one variant: its money, what would fund all it pays, and if it binds."""

    line_id: str
    name: str
    amount: int
    needed: int
    eligible: int
    """Eligible households the line pays (with a standard above zero)."""
    funded: int
    binds: bool

    @property
    def short(self) -> int:
        return max(0, self.needed - self.amount)

    @property
    def coverage(self) -> float:
        """Funded ÷ eligible households of the line, in percent, one decimal; 100 when none."""
        return round(100 * self.funded / self.eligible, 1) if self.eligible else 100.0


@dataclass(frozen=True)
class Needs:
    """Every line's need, and the total's: the total needed is the lines' needs together."""

    lines: tuple[LineNeed, ...]
    total: int
    total_binds: bool

    @property
    def total_needed(self) -> int:
        return sum(line.needed for line in self.lines)

    @property
    def total_short(self) -> int:
        return max(0, self.total_needed - self.total)


def needs_of(allocation: Allocation) -> Needs:
    """Need, shortfall and binding of each line and of the total, from the variant's allocation."""
    budget = allocation.cases.scenario.budget
    funded = {grant.household_id for grant in allocation.grants}
    left = {use.line_id: use.left for use in allocation.lines}
    total_left = allocation.total_budget - allocation.total_allocated
    needed = dict.fromkeys(left, 0)
    eligible = dict.fromkeys(left, 0)
    binding: set[str] = set()
    for case in allocation.cases.cases:
        line = budget.line_for(case.category)
        if not case.eligible or case.standard == 0 or line is None:
            continue
        needed[line.id] += case.standard
        eligible[line.id] += 1
        if case.household_id in funded:
            continue
        if left[line.id] < case.standard:
            binding.add(line.id)
        elif total_left < case.standard:
            binding.add("")
    lines = tuple(
        LineNeed(
            line_id=use.line_id,
            name=use.name,
            amount=use.budget,
            needed=needed[use.line_id],
            eligible=eligible[use.line_id],
            funded=use.households,
            binds=use.line_id in binding,
        )
        for use in allocation.lines
    )
    return Needs(lines=lines, total=allocation.total_budget, total_binds="" in binding)
