"""What planning prints: the summary tables and the plugins' findings."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from planner.cli.terminal import console, out_console
from planner.fairness import fairness_table
from planner.rule_types import Finding
from planner.summary import Summary


def print_findings(found: Sequence[Finding]) -> None:
    """Plugins' findings (a late nomination …): worth a look, but they do not stop the run."""
    for finding in found:
        console.print(f"[yellow]note[/yellow] {finding}", highlight=False)


def print_summary(summary: Summary) -> None:
    """Households, money, budget lines, teams and visits of a plan, as tables on stdout."""
    out_console.print(
        f"{summary.households} households, {summary.eligible} eligible, {summary.funded} funded: "
        f"{summary.allocated:,} of {summary.total_budget:,} yuan"
    )
    categories = Table("category", "eligible", "funded", "yuan", title="by category")
    for c in summary.categories:
        categories.add_row(c.category, str(c.eligible), str(c.funded), f"{c.amount:,}")
    out_console.print(categories)
    headers, rows, gini = fairness_table(summary.fairness, "en")
    districts = Table(*headers, title="coverage by district")
    for row in rows:
        districts.add_row(*row)
    out_console.print(districts)
    out_console.print(gini)
    if not summary.allocation_proven:
        out_console.print("allocation: the best CP-SAT found, not proven best (solver stopped)")
    lines = Table("line", "budget", "allocated", "left", "households", title="budget lines")
    for line in summary.lines:
        lines.add_row(
            line.name,
            f"{line.budget:,}",
            f"{line.allocated:,}",
            f"{line.left:,}",
            str(line.households),
        )
    out_console.print(lines)
    teams = Table("team", "days", "visits", "road hours", title="teams")
    for team in summary.teams:
        teams.add_row(team.name, str(team.days), str(team.visits), f"{team.road_minutes / 60:.1f}")
    out_console.print(teams)
    out_console.print(
        f"visits planned {summary.visits_planned}, dropped {summary.visits_dropped} "
        f"(must-visits dropped {summary.must_visits_dropped})"
    )
