"""Render `Sheet`s into an .xlsx workbook that prints well and shows its totals everywhere.

Office staff print these sheets on A4 and pass them round, so every sheet gets a title across
the table, the header row repeated on each page, page numbers, columns wide enough for Chinese
(a CJK character is two width units), and totals as formulas with their values stored, since
WPS previews and phone viewers do not recalculate. Text that looks like a number (IDs, bank
cards) is written as text so Excel neither drops a leading zero nor shows 6.22E+18.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path
from typing import Any

import segno
import xlsxwriter
from xlsxwriter.utility import xl_range

from planner.export.lookup import PlanIndex
from planner.export.sheets import Cell, Formula, Sheet, shown
from planner.safe_text import printable, sheet_text

FONT = "宋体"
A4 = 9
MIN_WIDTH, MAX_WIDTH = 6, 48
QR_ROW_HEIGHT = 100
"""Points: room for a subscription address's QR code at scale 3 (about 120 pixels)."""
Format = Any
"""An xlsxwriter Format (the package ships no type hints)."""


def write_workbook_file(
    path: Path, index: PlanIndex, title: str, sheets: list[Sheet], *, comments: str = ""
) -> None:
    """Write `sheets` into a new workbook at `path`, with reproducible document properties.

    `comments` shows in the file's properties, where a sensitive workbook says that it is.
    """
    workbook = xlsxwriter.Workbook(
        str(path), {"default_format_properties": {"font_name": FONT, "font_size": 11}}
    )
    # A fixed creation date keeps the file byte-identical when the same plan is exported again.
    created = index.first_day().astimezone(dt.UTC).replace(tzinfo=None)
    workbook.set_properties(
        {
            "title": printable(title),
            "company": printable(index.campaign.organisation),
            "comments": printable(comments),
            "created": created,
        }
    )
    styles = _styles(workbook)
    for sheet in sheets:
        _write_sheet(workbook.add_worksheet(printable(sheet.name)), styles, sheet, index)
    workbook.close()


def _styles(workbook: Any) -> dict[str, Format]:
    """The formats the sheets share, by the names `Cell.style` uses."""
    border = {"border": 1, "valign": "vcenter"}
    return {
        "title": workbook.add_format(
            {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}
        ),
        "warning": workbook.add_format({"bold": True, "font_color": "#C00000", "text_wrap": True}),
        "note": workbook.add_format({"text_wrap": True, "valign": "vcenter"}),
        "closing": workbook.add_format({"align": "right"}),
        "header": workbook.add_format(
            {**border, "bold": True, "align": "center", "bg_color": "#D9D9D9", "text_wrap": True}
        ),
        "text": workbook.add_format({**border, "num_format": "@"}),
        "center": workbook.add_format({**border, "align": "center"}),
        "money": workbook.add_format({**border, "num_format": "#,##0"}),
        "total": workbook.add_format({**border, "bold": True, "align": "center"}),
        "total_money": workbook.add_format({**border, "bold": True, "num_format": "#,##0"}),
        "date": workbook.add_format({**border, "align": "center", "num_format": "yyyy-mm-dd"}),
        "time": workbook.add_format({**border, "align": "center", "num_format": "hh:mm"}),
    }


def _write_sheet(ws: Any, styles: dict[str, Format], sheet: Sheet, index: PlanIndex) -> None:
    """Title, warning and notes, the table, the 合计 row, closing lines and print setup."""
    width = len(sheet.headers)
    row = _banner(ws, styles["title"], 0, width, sheet.title, height=30)
    if sheet.warning:
        row = _banner(ws, styles["warning"], row, width, sheet.warning, height=32)
    for note in sheet.notes:
        row = _banner(ws, styles["note"], row, width, note, height=_note_height(note, sheet))
    top = row
    header_row = top + 1 if sheet.groups else top
    _group_row(ws, styles["header"], sheet, top)
    spanning = _spanning_both(sheet)
    for column, header in enumerate(sheet.headers):
        if column not in spanning:
            ws.write_string(header_row, column, sheet_text(header), styles["header"])
    first = header_row + 1
    for offset, cells in enumerate(sheet.rows):
        for column, cell in enumerate(cells):
            _write(ws, styles, first + offset, column, cell)
        if sheet.row_height:
            ws.set_row(first + offset, sheet.row_height)
    last = first + len(sheet.rows) - 1
    if sheet.totals:
        last += 1
        _totals_row(ws, styles, sheet, first, last)
    row = last + 2
    for line in sheet.closing:
        row = _banner(ws, styles["closing"], row, width, line, height=24)
    _qr_codes(ws, styles, sheet, row + 1)
    _fit_columns(ws, sheet)
    ws.freeze_panes(first, 0)
    if sheet.autofilter:
        ws.autofilter(header_row, 0, max(first, last), width - 1)
    _print_setup(ws, sheet, index, top, header_row)


def _qr_codes(ws: Any, styles: dict[str, Format], sheet: Sheet, row: int) -> None:
    """Each address as a label and a QR code below it, which a phone's camera opens."""
    for label, address in sheet.qr_codes:
        row = _banner(ws, styles["note"], row, len(sheet.headers), label, height=20)
        image = io.BytesIO()
        segno.make(address, error="m").save(image, kind="png", scale=3, border=2)
        ws.set_row(row, QR_ROW_HEIGHT)
        ws.insert_image(row, 0, "subscription.png", {"image_data": image, "object_position": 1})
        row += 2


def _group_row(ws: Any, style: Format, sheet: Sheet, row: int) -> None:
    """The group labels above the headers: across their columns, or down both header rows."""
    column = 0
    for label, span in sheet.groups:
        if span == 1:
            ws.merge_range(row, column, row + 1, column, sheet_text(label), style)
        else:
            ws.merge_range(row, column, row, column + span - 1, sheet_text(label), style)
        column += span


def _spanning_both(sheet: Sheet) -> set[int]:
    """Columns whose group label is their header, written over both header rows."""
    columns, column = set(), 0
    for _, span in sheet.groups:
        if span == 1:
            columns.add(column)
        column += span
    return columns


def _banner(ws: Any, style: Format, row: int, columns: int, text: str, *, height: int) -> int:
    """A line across the table's width, so it prints centred above (or below) it; next row."""
    if columns > 1:
        ws.merge_range(row, 0, row, columns - 1, sheet_text(text), style)
    else:
        ws.write_string(row, 0, sheet_text(text), style)
    ws.set_row(row, height)
    return row + 1


def _note_height(note: str, sheet: Sheet) -> int:
    """Enough height for a note that wraps over a narrow table."""
    width = sum(_column_width(sheet, column) for column in range(len(sheet.headers)))
    lines = -(-_display_width(note) // max(width, 1))
    return 18 * max(lines, 1) + 4


def _totals_row(ws: Any, styles: dict[str, Format], sheet: Sheet, first: int, row: int) -> None:
    """合计: SUM formulas over the data rows of the total columns, their values stored."""
    ws.write_string(row, 0, "合计", styles["total"])
    for column in range(1, len(sheet.headers)):
        if column not in sheet.totals:
            ws.write_blank(row, column, None, styles["total"])
        elif not sheet.rows:
            ws.write_formula(row, column, "=0", styles["total_money"], 0)
        else:
            cells = xl_range(first, column, row - 1, column)
            value = sheet.column_total(column)
            ws.write_formula(row, column, f"=SUM({cells})", styles["total_money"], value)


def _write(ws: Any, styles: dict[str, Format], row: int, column: int, cell: Cell | Formula) -> None:
    """Write one cell with the method its type needs, so text never turns into a number."""
    style = styles[cell.style]
    if isinstance(cell, Formula):
        ws.write_formula(row, column, cell.template.format(row=row + 1), style, cell.value)
    elif isinstance(cell.value, str):
        ws.write_string(row, column, sheet_text(cell.value), style)
    elif isinstance(cell.value, int):
        ws.write_number(row, column, cell.value, style)
    else:
        ws.write_datetime(row, column, cell.value, style)


def _fit_columns(ws: Any, sheet: Sheet) -> None:
    """Set each column to the width its content needs."""
    for column in range(len(sheet.headers)):
        ws.set_column(column, column, _column_width(sheet, column))


def _column_width(sheet: Sheet, column: int) -> int:
    """The longest text of a column plus a margin, within bounds and the sheet's minimum."""
    texts = [sheet.headers[column]] + [shown(row[column]) for row in sheet.rows]
    width = max(_display_width(text) for text in texts) + 3
    minimum = dict(sheet.min_widths).get(column, MIN_WIDTH)
    return min(max(width, minimum), MAX_WIDTH)


def _display_width(text: str) -> int:
    """Width in Excel's character units: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_setup(ws: Any, sheet: Sheet, index: PlanIndex, top: int, header_row: int) -> None:
    """A4, fit to the page width, header rows `top`…`header_row` (and title) on every page."""
    ws.set_paper(A4)
    if sheet.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    ws.repeat_rows(0 if sheet.repeat_title else top, header_row)
    if sheet.page_header:
        ws.set_header(f"&L{_escape(printable(sheet.page_header))}")
    ws.set_footer(f"&L{_escape(printable(index.campaign.name))}&R第 &P 页，共 &N 页")


def _escape(text: str) -> str:
    """Text for a page header or footer, where `&` starts a control code."""
    return text.replace("&", "&&")
