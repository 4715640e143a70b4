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
            message = f"经费项 {line.id}（{line.amount} 元）超过了总额（{budget.total} 元）"
            report.at_key(("budget", "lines", i, "amount"), message)
        for j, category in enumerate(line.categories):
            where = ("budget", "lines", i, "categories", j)
            if category not in budget.standards:
                message = f"类别 {category} 没有慰问标准：请在 budget.standards 下"
                report.at_key(where, message + f"添上 `{category}: 金额（元）`")
            if category in paid_by:
                message = f"类别 {category} 已由经费项 {paid_by[category]} 支付"
                report.at_key(where, message + "：每个类别只能从一个经费项支付")
            paid_by.setdefault(category, line.id)


def _check_standards(report: Report, budget: Budget) -> None:
    """Each standard is a positive amount that some line can pay."""
    for category, amount in budget.standards.items():
        where = ("budget", "standards", category)
        if amount <= 0:
            report.at_key(where, "慰问标准应为大于 0 的金额（元）")
        if budget.line_for(category) is None:
            message = f"没有经费项支付 {category}：请把它加到某个经费项的 categories 里"
            report.at_key(where, message + "，或添一个不写 categories 的经费项")
