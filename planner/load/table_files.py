"""Which file holds each table of a scenario: named under `tables:`, else found by name.

A table is named by its file (`households: 档案.xlsx`) or by file and sheet
(`households: {file: 档案.xlsx, sheet: 在册}`); without a sheet, a workbook's first visible
sheet is read, so a hidden, stale copy in front of the archive is read only when named.
"""

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
        report.at_key(("tables",), "请为每个表格写一个文件，如 households: 档案.xlsx")
        given = {}
    for key in given:
        if key not in TABLES:
            report.at_key(("tables", key), unknown_key(str(key), TABLES))
    files = {table: _file_given(report, table, given.get(table)) for table in TABLES}
    return {
        table: _table_name(report, folder, table, files[table], table not in optional)
        for table in TABLES
    }


def table_sheets(report: Report) -> dict[str, str]:
    """The sheet named for each table that names one (`{file: …, sheet: …}`)."""
    given = report.section("tables", required=False) or {}
    if not isinstance(given, dict):
        return {}
    return {
        table: str(value["sheet"])
        for table, value in given.items()
        if isinstance(value, dict) and value.get("sheet") is not None
    }


def _file_given(report: Report, table: str, given: object) -> object:
    """The file part of a table's entry: the entry itself, or its `file:` key."""
    if not isinstance(given, dict):
        return given
    for key in given:
        if key not in ("file", "sheet"):
            report.at_key(("tables", table, key), unknown_key(str(key), ("file", "sheet")))
    if given.get("file") is None:
        report.at_key(("tables", table), "请写明文件，如 {file: 档案.xlsx, sheet: 在册}")
    return given.get("file")


def _table_name(
    report: Report, folder: Path, table: str, given: object, needed: bool
) -> str | None:
    """The file of one table; None (reported if the table is required) when there is none."""
    if given is not None:
        if (folder / str(given)).is_file():
            return str(given)
        report.at_key(("tables", table), f"方案文件夹里找不到文件 {given}")
        return None
    names = (f"{table}.csv", f"{table}.xlsx")
    found = [name for name in names if (folder / name).is_file()]
    if len(found) > 1:
        message = f"{names[0]} 和 {names[1]} 同时存在：请删掉一个，或在 tables: 下写明用哪一个"
        report.problems.append(Problem(names[1], None, None, message))
        return None
    if not found and TABLES[table] and needed:
        message = f"缺少表格：方案需要 {names[0]} 或 {names[1]}"
        report.problems.append(Problem(names[0], None, None, message))
    return found[0] if found else None
