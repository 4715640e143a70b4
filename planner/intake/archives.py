"""An archive as a unit keeps it (XLSX sheet or CSV) read into a header and numbered rows.

Archives are typed for people, not programs: a title row above the header (merged across the
sheet), header cells merged over two rows (序号 spanning both, 家庭情况 spanning 家庭人口 and
月收入 below it), ID numbers as text, the odd blank row. Only the header has to be found; the
header's words are matched to songnuan's columns by `headers`. A workbook's sheet is the one
named (`档案.xlsx:困难职工档案`) or the first visible one: a hidden sheet often holds last
year's list or a lookup table, and is never read without being named.

Workbooks are read with python-calamine (Rust's calamine): on a 100,000-row archive it read
the sheet in 3.7 s where openpyxl's read-only mode took 57.5 s (bench/import_archive.py,
closing note of issue 13). Like openpyxl's read-only mode it gives a merged cell's value in its
first cell only, which the two-row header rule below expects.

Cells are kept as text, with a note of which came from number cells (whose digits an ID number
may have lost). Control characters are removed as the cells are read, so none reaches a
terminal, a sheet or a calendar.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from python_calamine import (
    CalamineError,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
    XmlError,
    ZipError,
)

from planner.problems import Problem

HEADER_SEARCH_ROWS = 10
"""How many non-blank rows from the top may hold the header (title lines come first)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class ArchiveRow:
    """One data row as the sheet numbers it; `numeric` holds the columns that were numbers."""

    number: int
    cells: tuple[str, ...]
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Archive:
    """An archive's header (one name per column) and data rows, or why it cannot be read."""

    label: str
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[ArchiveRow, ...]
    problems: tuple[Problem, ...] = ()


class _Unreadable(Exception):
    """The file cannot be read as a table; the message says what to do instead."""


def split_source(text: str) -> tuple[Path, str | None]:
    """`档案.xlsx:困难职工档案` → the file and the sheet named; a bare path → no sheet."""
    path = Path(text)
    if path.exists() or ":" not in text:
        return path, None
    file, sheet = text.rsplit(":", 1)
    return Path(file), sheet or None


def read_archive(path: Path, sheet: str | None, is_header: Callable[[str], bool]) -> Archive:
    """Read an archive; `is_header` says whether a cell's text is a header songnuan knows."""
    label = path.name + (f":{sheet}" if sheet else "")
    try:
        grid, label = _grid(path, sheet, label)
    except _Unreadable as exc:
        return Archive(label, 0, (), (), (Problem(label, None, None, str(exc)),))
    rows = [(n, cells, numeric) for n, cells, numeric in grid if any(cells)]
    found = _header(rows, is_header)
    if found is None:
        message = (
            "前几行里找不到表头：表头要有 姓名、身份证号码 这样的列"
        )
        return Archive(label, 0, (), (), (Problem(label, None, None, message),))
    header_row, headers, first_data = found
    data = tuple(ArchiveRow(n, _pad(c, len(headers)), m) for n, c, m in rows[first_data:])
    return Archive(label, header_row, headers, data)


def _header(
    rows: Sequence[tuple[int, tuple[str, ...], frozenset[int]]], is_header: Callable[[str], bool]
) -> tuple[int, tuple[str, ...], int] | None:
    """The header's row, names and the index of the first data row.

    A header over two rows (the upper one with merged group names) is read as one: each column
    takes the lower row's name, or the upper one where the lower cell is empty (merged down).
    """
    for index, (number, cells, _) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(is_header(cell) for cell in cells) < 2:
            continue
        below = rows[index + 1][1] if index + 1 < len(rows) else ()
        if any(is_header(cell) for cell in below):
            width = max(len(cells), len(below))
            upper, lower = _pad(cells, width), _pad(below, width)
            names = tuple(low or up for up, low in zip(upper, lower, strict=True))
            return rows[index + 1][0], names, index + 2
        return number, cells, index + 1
    return None


def _pad(cells: Sequence[str], width: int) -> tuple[str, ...]:
    return tuple([*cells, *[""] * width][:width])


def _grid(
    path: Path, sheet: str | None, label: str
) -> tuple[list[tuple[int, tuple[str, ...], frozenset[int]]], str]:
    if not path.is_file():
        raise _Unreadable("找不到这个文件")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        if sheet:
            raise _Unreadable("CSV 文件没有工作表：请去掉文件名后的 :工作表名")
        return _csv_grid(path), label
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_grid(path, sheet)
    if suffix == ".xls":
        raise _Unreadable("这是旧版 Excel 的 .xls 格式：请在 Excel 或 WPS 里“另存为” .xlsx")
    raise _Unreadable("不是表格文件：送暖只读 .xlsx 和 .csv 文件")


def _csv_grid(path: Path) -> list[tuple[int, tuple[str, ...], frozenset[int]]]:
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        raise _Unreadable("这是 XLSX 工作簿，却用了 .csv 的文件名：请把扩展名改成 .xlsx")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _Unreadable("既不是 UTF-8 也不是 GBK 编码的文字：请另存为“CSV UTF-8（逗号分隔）”")
    try:
        records = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise _Unreadable(f"not a readable CSV file ({exc})") from exc
    return [(n, tuple(_clean(c) for c in r), frozenset()) for n, r in enumerate(records, 1)]


def _xlsx_grid(
    path: Path, sheet: str | None
) -> tuple[list[tuple[int, tuple[str, ...], frozenset[int]]], str]:
    """The sheet's rows from A1, numbered as the spreadsheet numbers them."""
    try:
        book = CalamineWorkbook.from_path(str(path))
    except (CalamineError, PasswordError, XmlError, ZipError, OSError, ValueError) as exc:
        raise _Unreadable("无法作为 XLSX 工作簿读取（加了密码，或不是 XLSX？）") from exc
    try:
        name = _sheet_name(book, sheet)
        values = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except (CalamineError, XmlError, ZipError, ValueError) as exc:
        raise _Unreadable(f"工作表 {name} 无法读取（{type(exc).__name__}）") from exc
    finally:
        book.close()
    grid = [
        (
            number,
            tuple(_xlsx_text(v) for v in row),
            frozenset(i for i, v in enumerate(row) if _is_number(v)),
        )
        for number, row in enumerate(values, start=1)
    ]
    return grid, f"{path.name}:{_clean(name)}"


def _sheet_name(book: CalamineWorkbook, name: str | None) -> str:
    """The named sheet, or the first visible one (a hidden sheet only when named)."""
    names = [meta.name for meta in book.sheets_metadata]
    if name is not None:
        if name not in names:
            raise _Unreadable(f"没有名为 {name} 的工作表；这个文件的工作表有：{'、'.join(names)}")
        return name
    for meta in book.sheets_metadata:
        if meta.visible == SheetVisibleEnum.Visible and meta.typ == SheetTypeEnum.WorkSheet:
            return str(meta.name)
    raise _Unreadable("所有工作表都被隐藏了：请写明要读的工作表，如 文件.xlsx:工作表名")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _xlsx_text(value: object) -> str:
    """A cell as Excel shows it: whole numbers without `.0`, dates as ISO."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return _clean(str(value))


def _clean(text: str) -> str:
    """Text without control characters and surrounding spaces (full-width ones too)."""
    return _CONTROL.sub("", text).strip()
