"""Archives made the way a county-union clerk makes them, for the import tests.

A title row merged across the sheet, a two-row header with merged cells (序号 and 姓名 merged
down, 家庭情况 merged over 家庭人口 and 月收入), ID numbers as text, addresses with 镇 and 村,
notes in 备注 — and a hidden sheet holding last year's list.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl

from planner.idnumber import check_character

UPPER = [
    "序号",
    "姓名",
    "性别",
    "身份证号码",
    "工作单位",
    "家庭住址",
    "困难类别",
    "家庭情况",
    "",
    "联系电话",
    "备注",
]
LOWER = ["", "", "", "", "", "", "", "家庭人口", "月收入", "", ""]
SHEET = "困难职工档案"


def id_number(serial: int, born: str = "19800101") -> str:
    """A well-formed synthetic ID number (region 529900, which does not exist)."""
    first = f"529900{born}{serial:03d}"
    return first + check_character(first)


def person(
    serial: int, name: str, unit: str, address: str, note: str = "", income: int = 2400
) -> list[object]:
    """One archive row: the values a clerk types, the ID number as text."""
    return [
        serial,
        name,
        "男",
        id_number(serial),
        unit,
        address,
        "困难职工",
        3,
        income,
        "13800000000",
        note,
    ]


def write_archive(
    path: Path, rows: Sequence[Sequence[object]], *, title: str = "2027年困难职工档案"
) -> Path:
    """An XLSX archive with a merged title row, a merged two-row header and a hidden sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(UPPER))
    sheet.append(UPPER)
    sheet.append(LOWER)
    for column in (1, 2, 3, 4, 5, 6, 7, 10, 11):
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    sheet.merge_cells(start_row=2, start_column=8, end_row=2, end_column=9)
    for row in rows:
        sheet.append(list(row))
        sheet.cell(sheet.max_row, 4).number_format = "@"
    hidden = book.create_sheet("去年名单")
    hidden.append(["姓名", "身份证号码", "工作单位"])
    hidden.append(["旧名单", id_number(999), "旧单位"])
    hidden.sheet_state = "hidden"
    book.move_sheet(hidden, offset=-1)  # first in the workbook, yet hidden
    book.save(path)
    return path
