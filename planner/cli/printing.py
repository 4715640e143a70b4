"""What planning prints: the summary tables and the plugins' findings."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from planner.cli.terminal import console, out_console
from planner.reasons import ReasonBook
from planner.route.explain import status_reason
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
    if summary.route_status:
        words = ReasonBook().render(status_reason(summary.route_status))
        out_console.print(f"路线求解：{words}", markup=False)
