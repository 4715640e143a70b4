"""Which file holds each table of a scenario: named under `tables:`, else found by name."""

from __future__ import annotations

from pathlib import Path

from planner.load.messages import unknown_key
from planner.load.report import Report
from planner.load.yaml_keys import TABLES
from planner.problems import Problem


def table_names(
    report: Report, folder: Path, optional: frozenset[str] = frozenset()
) -> dict[str, str | None]:
    """The file of each table: named under `tables:`, else `<table>.csv` or `.xlsx`.

    Tables in `optional` are not required even where the scenario usually needs them (roads.csv
    when the minutes come from elsewhere)."""
    given = report.section("tables", required=False) or {}
    if not isinstance(given, dict):
        report.at_key(("tables",), "expected a file per table, e.g. households: 档案.xlsx")
        given = {}
    for key in given:
        if key not in TABLES:
            report.at_key(("tables", key), unknown_key(str(key), TABLES))
    return {
        table: _table_name(report, folder, table, given.get(table), table not in optional)
        for table in TABLES
    }


def _table_name(
    report: Report, folder: Path, table: str, given: object, needed: bool
) -> str | None:
    """The file of one table; None (reported if the table is required) when there is none."""
    if given is not None:
        if (folder / str(given)).is_file():
            return str(given)
        report.at_key(("tables", table), f"file {given} not found in the scenario folder")
        return None
    names = (f"{table}.csv", f"{table}.xlsx")
    found = [name for name in names if (folder / name).is_file()]
    if len(found) > 1:
        message = f"both {names[0]} and {names[1]} exist: remove one, or name one under tables:"
        report.problems.append(Problem(names[1], None, None, message))
        return None
    if not found and TABLES[table] and needed:
        message = f"missing: the scenario needs {names[0]} or {names[1]}"
        report.problems.append(Problem(names[0], None, None, message))
    return found[0] if found else None
