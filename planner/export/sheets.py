"""A printed table as plain data: title, notes, header, rows, totals and how it prints.

The office workbook, its CSV copies and the public notice show the same kind of table. Building
each table once as data, and rendering it separately as an xlsx sheet or as CSV, keeps the
copies identical to the sheets and the renderers free of any one sheet's details.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Value = str | int | dt.date | dt.time


@dataclass(frozen=True)
class Cell:
    """A value and the named style to show it in (see xlsx.STYLES)."""

    value: Value
    style: str = "text"


@dataclass(frozen=True)
class Formula:
    """A cell computed from others in its row, e.g. `=C{row}-D{row}`, with its value.

    `{row}` becomes the cell's 1-based spreadsheet row. The value is stored beside the formula
    because WPS previews, phone viewers and openpyxl show stored values and do not recalculate.
    """

    template: str
    value: int
    style: str = "money"


Row = tuple[Cell | Formula, ...]


@dataclass(frozen=True)
class Sheet:
    """One table and how it prints.

    `groups`, when given, is a header row above `headers`: (label, columns spanned) from the
    first column on; a label spanning one column stands for that column's header over both rows.
    `totals` names the columns summed in a closing 合计 row. `closing` lines follow the table
    (signatures, issuer, date). `repeat_title` repeats title and notes above the header on every
    printed page, for forms whose pages are handed out separately.
    """

    name: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    groups: tuple[tuple[str, int], ...] = ()
    notes: tuple[str, ...] = ()
    warning: str = ""
    totals: tuple[int, ...] = ()
    closing: tuple[str, ...] = ()
    landscape: bool = False
    repeat_title: bool = False
    page_header: str = ""
    row_height: int | None = None
    min_widths: tuple[tuple[int, int], ...] = ()
    autofilter: bool = False
    qr_codes: tuple[tuple[str, str], ...] = ()
    """(label, address) pairs printed as QR codes below the table (calendar subscriptions)."""

    def flat_headers(self) -> tuple[str, ...]:
        """One header per column, group label first (`劳模户数`), for CSV and HTML copies."""
        if not self.groups:
            return self.headers
        labels = [label for label, span in self.groups for _ in range(span)]
        spans = [span for _, span in self.groups for _ in range(span)]
        return tuple(
            header if span == 1 else label + header
            for label, span, header in zip(labels, spans, self.headers, strict=True)
        )

    def column_total(self, column: int) -> int:
        """The sum of a column's values, for the 合计 row's stored value."""
        return sum(_number(row[column]) for row in self.rows)


def _number(cell: Cell | Formula) -> int:
    """The numeric value of a data cell."""
    if isinstance(cell, Formula):
        return cell.value
    if isinstance(cell.value, int):
        return cell.value
    raise TypeError(f"cannot total a non-number cell: {cell.value!r}")


def shown(cell: Cell | Formula) -> str:
    """The cell as text, the way a spreadsheet shows it (CSV copies, column widths)."""
    value = cell.value
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
