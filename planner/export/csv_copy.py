"""CSV copies of the office tables, for programs and for Excel/WPS users who want plain data.

Written as UTF-8 with a byte-order mark: without it Excel on Chinese Windows reads the file as
GBK and shows mojibake. A copy holds the header and the data rows only (no title, notes or 合计
row), so it sorts and imports as a plain table; the values are what the sheet shows. Text cells
are neutralised (`safe_text.sheet_text`): a CSV opened in Excel or WPS runs no formula.
"""

from __future__ import annotations

import csv
from pathlib import Path

from planner.export.sheets import Cell, Formula, Sheet, shown
from planner.safe_text import sheet_text

FOLDER = "csv"
ENCODING = "utf-8-sig"


def write_csv(folder: Path, sheet: Sheet) -> None:
    """Write `csv/<sheet name>.csv` into `folder`."""
    target = folder / FOLDER
    target.mkdir(exist_ok=True)
    path = target / f"{sheet.name}.csv"
    with path.open("w", encoding=ENCODING, newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow([sheet_text(header) for header in sheet.flat_headers()])
        writer.writerows([_csv_cell(cell) for cell in row] for row in sheet.rows)


def _csv_cell(cell: Cell | Formula) -> str:
    """A cell as the CSV copy writes it: numbers as digits, text neutralised."""
    if isinstance(cell, Cell) and isinstance(cell.value, str):
        return sheet_text(cell.value)
    return shown(cell)
