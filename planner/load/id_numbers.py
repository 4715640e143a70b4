"""ID numbers of the households table checked by GB 11643, at their cells, without quoting them."""

from __future__ import annotations

from planner.idnumber import id_number_problem
from planner.load.report import Report
from planner.load.table_rows import Read
from planner.scenario import Household


def check_id_numbers(report: Report, households: Read[Household] | None) -> None:
    """Each non-empty 身份证号 has 18 characters, a birth date and the right check digit."""
    if households is None:
        return
    for row in households.table.rows:
        text = row.cells.get("id_number", "")
        problem = id_number_problem(text) if text else None
        if problem:
            report.at_cell(households.table, row.number, "id_number", problem)
