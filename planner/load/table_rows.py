"""A table read into models row by row, each wrong cell reported without quoting it.

Messages about household cells never quote the cell: the archive holds ID numbers, incomes and
illnesses, and messages end up in logs and chat windows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic

from pydantic import BaseModel, ValidationError

from planner.load.cells import CONVERTERS
from planner.load.messages import pydantic_message
from planner.load.report import M, Report
from planner.tables import ColumnSpec, Row, Table, read_table


@dataclass(frozen=True)
class Read(Generic[M]):
    """A table as read: its models with their spreadsheet rows, and whether every row was fine."""

    table: Table
    items: tuple[tuple[int, M], ...]
    ok: bool

    @property
    def models(self) -> tuple[M, ...]:
        """The models in the order of the table."""
        return tuple(model for _, model in self.items)


def read_models(
    report: Report,
    folder: Path,
    name: str | None,
    specs: Sequence[ColumnSpec],
    model: type[M],
    sheet: str | None = None,
) -> Read[M] | None:
    """One table read and built into models; None when the scenario has no such file.

    `sheet` names the sheet of a workbook to read (default: the first visible one).
    """
    if name is None:
        return None
    before = len(report.problems)
    table = read_table(folder / name, specs, name, sheet)
    report.problems.extend(table.problems)
    items = []
    for row in table.rows:
        values = _cells(report, table, row, specs)
        item = None if values is None else _row_model(report, model, table, row, values)
        if item is not None:
            items.append((row.number, item))
    _check_unique_ids(report, table, items)
    return Read(table, tuple(items), ok=len(report.problems) == before)


def _cells(
    report: Report, table: Table, row: Row, specs: Sequence[ColumnSpec]
) -> dict[str, Any] | None:
    """A row's non-empty cells converted to their kind; None if any cell is wrong.

    Empty cells are left out so that the model's defaults apply (已建档 defaults to 是).
    """
    values: dict[str, Any] = {}
    ok = True
    for spec in specs:
        text = row.cells.get(spec.field, "")
        if not text and spec.required:
            message = f"不能为空：每一行都要填 {table.column(spec.field)}"
            report.at_cell(table, row.number, spec.field, message)
            ok = False
        elif text:
            try:
                values[spec.field] = CONVERTERS[spec.kind](text)
            except ValueError as exc:
                report.at_cell(table, row.number, spec.field, str(exc))
                ok = False
    return values if ok else None


def _row_model(
    report: Report, model: type[M], table: Table, row: Row, values: dict[str, Any]
) -> M | None:
    """`values` validated as `model`; errors placed at the row's cells, without values.

    Models that keep their origin (`Household`) also get the row number and the columns
    songnuan does not know.
    """
    if "extra" in model.model_fields:
        values = {**values, "row": row.number, "extra": dict(row.extra)}
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        for error in exc.errors():
            report.at_cell(table, row.number, str(error["loc"][0]), pydantic_message(error))
        return None


def _check_unique_ids(
    report: Report, table: Table, items: Sequence[tuple[int, BaseModel]]
) -> None:
    """Ids of households and places are unique; a repeat names both rows, not the id.

    The id is not shown: in a households table whose columns were swapped it is an ID number,
    and the two rows already say where to look.
    """
    first: dict[str, int] = {}
    for number, item in items:
        key = getattr(item, "id", None)
        if key is not None and key in first:
            message = f"这个编号已在第 {first[key]} 行用过：每个编号只能用一次"
            report.at_cell(table, number, "id", message)
        elif key is not None:
            first[key] = number
