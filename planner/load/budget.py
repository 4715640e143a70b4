"""The `budget:` section, with its lines and standards checked against each other."""

from __future__ import annotations

from planner.load.report import Report
from planner.scenario import Budget


def read_budget(report: Report) -> Budget | None:
    """The budget, with its lines and standards checked against each other."""
    budget = report.validate(Budget, "budget", required=True)
    if budget is not None:
        _check_lines(report, budget)
        _check_standards(report, budget)
    return budget


def _check_lines(report: Report, budget: Budget) -> None:
    """Each line within the total; each category it names has a standard and one line."""
    paid_by: dict[str, str] = {}
    for i, line in enumerate(budget.lines):
        if line.amount > budget.total:
            message = f"line {line.id} ({line.amount}) is more than the total ({budget.total})"
            report.at_key(("budget", "lines", i, "amount"), message)
        for j, category in enumerate(line.categories):
            where = ("budget", "lines", i, "categories", j)
            if category not in budget.standards:
                message = f"category {category} has no standard: add `{category}: <yuan>`"
                report.at_key(where, message + " under budget.standards")
            if category in paid_by:
                message = f"category {category} is already paid by line {paid_by[category]}"
                report.at_key(where, message + "; each category is paid from one line")
            paid_by.setdefault(category, line.id)


def _check_standards(report: Report, budget: Budget) -> None:
    """Each standard is a positive amount that some line can pay."""
    for category, amount in budget.standards.items():
        where = ("budget", "standards", category)
        if amount <= 0:
            report.at_key(where, "a standard is a number of yuan greater than 0")
        if budget.line_for(category) is None:
            message = f"no budget line pays {category}: add it to a line's categories"
            report.at_key(where, message + " or add a line without categories")
