"""`whatif.xlsx`: the comparison tables as sheets, for the office to sort, filter and forward.

One sheet per table, its title above Chinese headers; the header row and the variant column are
frozen so they stay in view while scrolling. A last sheet 说明 holds the notes, when there are
any. Every sheet prints on A4 (offices print the comparison for the meeting that approves the
money): as wide as one page, landscape when the table has many columns, the title and headers
repeated on each page, and 第N页/共M页 in the footer. The document date is fixed (1 January of
the campaign year), so the same variants give the same file.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from planner.safe_text import sheet_text
from planner.whatif.compare import Table

FILENAME = "whatif.xlsx"
NOTES_SHEET = "说明"
FONT = "宋体"
MAX_WIDTH = 40
NOTES_WIDTH = 90
A4 = 9
"""Excel's paper size code for A4."""
PORTRAIT_COLUMNS = 8
"""Tables wider than this print in landscape."""
FOOTER = "&C第 &P 页，共 &N 页"


def write_workbook(
    folder: Path, tables: Sequence[Table], notes: Sequence[str], *, title: str, year: int
) -> Path:
    """Write one sheet per table, then the notes, into `folder / whatif.xlsx`; return its path."""
    path = folder / FILENAME
    workbook = xlsxwriter.Workbook(
        str(path), {"default_format_properties": {"font_name": FONT, "font_size": 11}}
    )
    workbook.set_properties({"title": title, "created": dt.datetime(year, 1, 1)})
    bold = workbook.add_format({"bold": True, "font_size": 14})
    header = workbook.add_format({"bold": True, "bg_color": "#D9D9D9", "text_wrap": True})
    whole = workbook.add_format({"num_format": "#,##0"})
    for table in tables:
        _write_sheet(workbook.add_worksheet(table.name), (bold, header, whole), table)
    if notes:
        sheet = workbook.add_worksheet(NOTES_SHEET)
        sheet.set_column(0, 0, NOTES_WIDTH, workbook.add_format({"text_wrap": True}))
        for row, note in enumerate(notes):
            sheet.write_string(row, 0, sheet_text(note))
        _print_on_a4(sheet, columns=1, header_rows=0)
    workbook.close()
    return path


def _write_sheet(sheet: Any, formats: tuple[Any, Any, Any], table: Table) -> None:
    """The title, the headers below it, one variant per row; empty cells where one failed.

    Whole numbers (yuan, households) show thousands separators, as 123,000.
    """
    title, header, whole = formats
    sheet.write_string(0, 0, sheet_text(table.title), title)
    for column, text in enumerate(table.headers):
        sheet.write_string(1, column, sheet_text(text), header)
    for row, values in enumerate(table.rows, start=2):
        for column, value in enumerate(values):
            if isinstance(value, str):
                sheet.write_string(row, column, sheet_text(value))
            elif isinstance(value, int):
                sheet.write_number(row, column, value, whole)
            elif value is not None:
                sheet.write_number(row, column, value)
    for column, text in enumerate(table.headers):
        texts = [text, *(str(values[column] or "") for values in table.rows)]
        sheet.set_column(column, column, min(max(map(_width, texts)) + 2, MAX_WIDTH))
    sheet.freeze_panes(2, 1)
    _print_on_a4(sheet, columns=len(table.headers), header_rows=2)


def _print_on_a4(sheet: Any, *, columns: int, header_rows: int) -> None:
    """A4, one page wide (as many pages long as it takes), headers repeated, pages numbered."""
    sheet.set_paper(A4)
    if columns > PORTRAIT_COLUMNS:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    if header_rows:
        sheet.repeat_rows(0, header_rows - 1)
    sheet.center_horizontally()
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.set_footer(FOOTER)


def _width(text: str) -> int:
    """Width in Excel's character units: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
