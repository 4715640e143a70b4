"""Reading the tables offices keep: CSV from Excel or WPS in any common encoding, or XLSX.

Office tables arrive in whatever form the office's software saved them: UTF-8 with or without a
BOM, GBK (what Excel on a Chinese Windows writes as "CSV"), or an XLSX workbook; with English or
Chinese headers, a title line above the header, stray spaces and blank rows. This module turns
all of them into the same thing, a `Table` of text cells keyed by field name, so that `load`
converts and checks values in one place, whatever the file looked like.

Everything is read as text: ID numbers, bank cards and phone numbers keep their leading zeros and
final `X`. Where a file has already lost digits (an XLSX number cell, a CSV written in scientific
notation) that is reported, because a silently wrong ID number is worse than a refused file.
So is a formula saved without its value (openpyxl would read it as empty). Problems never quote
cell values: they may be personal data.

Files come from many hands, so reading is bounded: file size, unpacked size of an XLSX, rows,
columns and cell length have limits (docs/scenario.md), and a file past one is a problem naming
the limit, read no further. Hidden sheets of a workbook are read only when named.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import openpyxl

from planner.problems import Problem

Kind = Literal[
    "text", "digits", "int", "yuan", "number", "longitude", "latitude", "yesno", "date", "time",
    "visit",
]
"""How `load` converts a column's text. `tables` only cares about `digits`: text that must not
have passed through a number (ID and bank card numbers, phones)."""

_Cells = Sequence[str | None]
"""The raw cells of one row: None for an empty cell, XLSX numbers as `_Number`."""

_HEADER_SEARCH_ROWS = 5
"""How many rows from the top may hold the header: offices often put a title line above it."""

_SCIENTIFIC = re.compile(r"^\d(\.\d+)?e\+?\d+$", re.IGNORECASE)
_LOST_DIGITS = "存成了数字，数字可能已丢失：请把这一列设成“文本”格式后重新填写"
_BROKEN_XLSX = "无法作为 XLSX 工作簿读取（文件损坏、加了密码，或不是 XLSX？）"
_SAVE_AS_UTF8 = "请另存为“CSV UTF-8（逗号分隔）”"
_CSV_SUFFIXES = frozenset({".csv", ".txt"})
_XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})

MAX_FILE_BYTES = 64 * 2**20
"""A table file larger than this (64 MB) is refused unread."""
MAX_UNPACKED_BYTES = 512 * 2**20
"""An XLSX that unpacks to more than this (512 MB) is refused: a zip bomb, or far too big."""
MAX_ROWS = 200_000
"""Rows a table may have, header and title lines included."""
MAX_COLUMNS = 200
"""Columns a table may have."""
MAX_CELL = 2_000
"""Characters a cell may hold."""


@dataclass(frozen=True)
class ColumnSpec:
    """One column a table may have: its field name, its English and Chinese headers, its kind.

    `english` defaults to the field name; it differs where the field name would clash with a
    Python word or a model field (roads' `from` is field `a`).
    """

    field: str
    chinese: str
    required: bool = False
    kind: Kind = "text"
    english: str = ""

    @property
    def name(self) -> str:
        """The English header, as docs/scenario.md lists it."""
        return self.english or self.field


@dataclass(frozen=True)
class Row:
    """One data row: `number` as a spreadsheet shows it, text by field, unknown columns apart.

    `cells` holds every known column the file has ("" for an empty cell); `extra` holds the
    columns songnuan does not know, by their header, for plugins to read.
    """

    number: int
    cells: Mapping[str, str]
    extra: Mapping[str, str]


@dataclass(frozen=True)
class Table:
    """The rows of one file, the headers as the file writes them, and what was wrong with it."""

    file: str
    headers: Mapping[str, str]
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...]

    def column(self, field: str) -> str:
        """The header of `field` as the file writes it, so that a message names what users see."""
        return self.headers.get(field, field)


class _Unreadable(Exception):
    """The file cannot be read as a table at all; the message says what to do instead.

    `row` and `column` place it when one cell is to blame (a formula without its value).
    """

    def __init__(self, message: str, row: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.row = row
        self.column = column


def read_table(
    path: Path, columns: Sequence[ColumnSpec], name: str | None = None, sheet: str | None = None
) -> Table:
    """Read a CSV or XLSX table into text cells, matching its headers to `columns`.

    `name` is how messages call the file (default: its file name); `sheet` names the sheet of
    a workbook to read (default: the first visible one). Problems are returned in the table,
    not raised, so that the caller can report every problem of every file at once; a table
    with problems in its header has no rows.
    """
    label = name or path.name
    try:
        grid = list(_grid(path, sheet))
    except _Unreadable as exc:
        return Table(label, {}, (), (Problem(label, exc.row, exc.column, str(exc)),))
    return _table(label, grid, columns)


def _grid(path: Path, sheet: str | None) -> Iterator[tuple[int, _Cells]]:
    """The numbered rows of a CSV or XLSX file, or `_Unreadable` saying what to do instead."""
    if not path.is_file():
        raise _Unreadable("找不到这个文件")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise _Unreadable(f"文件太大：一个表格文件最大 {MAX_FILE_BYTES // 2**20} MB")
    suffix = path.suffix.lower()
    if suffix in _CSV_SUFFIXES:
        return _csv_rows(path)
    if suffix in _XLSX_SUFFIXES:
        return xlsx_rows(path, sheet)
    if suffix == ".xls":
        raise _Unreadable("这是旧版 Excel 的 .xls 格式：请另存为 .xlsx 或 CSV")
    raise _Unreadable("不是表格文件：送暖只读 .csv 和 .xlsx 文件")


def _decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), else GB18030 (a superset of GBK).

    Guessing encodings from content is unreliable for short Chinese files, so only the
    encodings Excel and WPS actually write are tried, in an order where a wrong guess fails.
    """
    if data.startswith(b"PK\x03\x04"):
        raise _Unreadable("这是 XLSX 工作簿，却用了 .csv 的文件名：请把扩展名改成 .xlsx")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Unreadable(f"存成了 UTF-16（Excel 的“Unicode 文本”）：{_SAVE_AS_UTF8}")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _Unreadable(f"既不是 UTF-8 也不是 GBK 编码的文字：{_SAVE_AS_UTF8}")


def _csv_rows(path: Path) -> Iterator[tuple[int, _Cells]]:
    """Numbered records of a CSV file (a quoted cell may span lines but is one row).

    Line endings may be CRLF (Windows), LF, bare CR (Excel for Mac) or a mix of them.
    """
    text = io.StringIO(_decode(path.read_bytes()), newline=None)
    rows: list[list[str]] = []
    try:
        for row in csv.reader(text):
            rows.append(row)
            check_size(len(rows), len(row))
    except csv.Error as exc:
        message = f"不是能读取的 CSV 文件：请用 Excel 或 WPS 打开，{_SAVE_AS_UTF8}"
        raise _Unreadable(message) from exc
    return enumerate(rows, start=1)


def check_size(rows: int, columns: int) -> None:
    """`_Unreadable` naming the limit once a table has too many rows or columns."""
    if rows > MAX_ROWS:
        raise _Unreadable(f"行数太多：一个表格最多 {MAX_ROWS:,} 行")
    if columns > MAX_COLUMNS:
        raise _Unreadable(f"第 {rows} 行超过 {MAX_COLUMNS} 列：一个表格最多 {MAX_COLUMNS} 列")


class _Number(str):
    """The text of an XLSX number cell, marked so that `digits` columns can refuse it."""


def xlsx_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, _Cells]]:
    """Numbered rows of the sheet, cell values turned into text as Excel shows them."""
    _check_unpacked(path)
    try:
        return _workbook_rows(path, sheet)
    except _Unreadable:
        raise
    except Exception as exc:  # openpyxl raises what its parsers meet: any kind, all "broken"
        message = _BROKEN_XLSX
        raise _Unreadable(message) from exc


def _check_unpacked(path: Path) -> None:
    """Refuse an XLSX whose parts unpack past the limit (sizes as the zip declares them).

    Python's zipfile never unpacks more than a part declares, so the declared sizes bound the
    memory and time the rest of the reading takes.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        message = _BROKEN_XLSX
        raise _Unreadable(message) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        limit = MAX_UNPACKED_BYTES // 2**20
        raise _Unreadable(f"解压后超过 {limit} MB：一个 XLSX 表格解压后最大 {limit} MB")


def _workbook_rows(path: Path, name: str | None) -> Iterator[tuple[int, _Cells]]:
    """The rows of the named (else the first visible) sheet; formulas without values refused."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = _sheet(book, name)
        scan = _scan_sheet(path, getattr(sheet, "_worksheet_path", None))
        if scan.widest > MAX_COLUMNS:
            raise _Unreadable(f"有单元格超出第 {MAX_COLUMNS} 列：一个表格最多 {MAX_COLUMNS} 列")
        if scan.unsaved_formula:
            row, column = scan.unsaved_formula
            raise _Unreadable(_UNSAVED_FORMULA, row, column)
        return iter(_sheet_rows(sheet))
    finally:
        book.close()


def _sheet(book: Any, name: str | None) -> Any:
    """The sheet named `name`, hidden or not; else the first visible sheet."""
    if name is not None:
        if name not in book.sheetnames:
            sheets = "、".join(book.sheetnames)
            raise _Unreadable(f"没有名为 {name} 的工作表；这个文件的工作表有：{sheets}")
        return book[name]
    visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
    if not visible:
        raise _Unreadable("所有工作表都被隐藏了：请在 scenario.yaml 的 tables: 下写明要读的工作表")
    return visible[0]


_Rows = list[tuple[int, list[str | None]]]


def _sheet_rows(sheet: Any) -> _Rows:
    """Every row of a sheet as text, within the limits of rows and columns, empty ends cut."""
    sheet.reset_dimensions()  # some writers record wrong dimensions; read what is there
    rows: _Rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        check_size(number, len(values))
        rows.append((number, list(map(_xlsx_text, values))))
    while rows and not any(rows[-1][1]):
        rows.pop()
    return rows


@dataclass(frozen=True)
class _SheetScan:
    """What one pass over a sheet's XML tells before openpyxl reads it."""

    widest: int
    """The largest column a cell names: openpyxl fills every row up to it."""
    unsaved_formula: tuple[int, str] | None
    """Row and column of the first formula stored without its value, if any.

    openpyxl reads such a cell as empty: a table of 329 eligible households would quietly
    count 42. Programs that write XLSX (openpyxl among them) store formulas without values;
    Excel and WPS store both.
    """


_CELL_COLUMN = re.compile(rb'\br="([A-Z]{1,3})[0-9]+"')
_CELL_PLACE = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_FORMULA_ONLY = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
"""A cell with a formula and no value, or an empty one (`<v />`, as openpyxl writes)."""
_OVERLAP = 4096


def _scan_sheet(path: Path, part: str | None) -> _SheetScan:
    """The widest column and the first unsaved formula of the sheet XML `part` (of every
    sheet if unknown), read in chunks.

    A crafted file puts a cell at column XFD so that openpyxl builds 16,384 cells a row; the
    scan finds it by its reference first.
    """
    widest, unsaved = 0, None
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = info.filename
            wanted = name == part.lstrip("/") if part else name.startswith("xl/worksheets/")
            if not wanted:
                continue
            tail = b""
            with archive.open(info) as xml:
                while chunk := xml.read(2**20):
                    text = tail + chunk
                    letters = set(_CELL_COLUMN.findall(text))
                    widest = max([widest, *(_column_number(c) for c in letters)])
                    unsaved = unsaved or _unsaved_formula(text)
                    tail = text[-_OVERLAP:]
    return _SheetScan(widest, unsaved)


def _unsaved_formula(text: bytes) -> tuple[int, str] | None:
    """Row and column of the first cell in `text` holding a formula and no value."""
    for match in _FORMULA_ONLY.finditer(text):
        place = _CELL_PLACE.search(match[1])
        if place:
            return int(place[2]), place[1].decode()
    return None


def _column_number(letters: bytes) -> int:
    """A column's number from its letters (A → 1, XFD → 16384)."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


_UNSAVED_FORMULA = (
    "公式没有保存计算结果（这个文件不是用 Excel 或 WPS 保存的）：请用 Excel 或 WPS 打开后"
    "重新保存，或直接填入数值"
)


def _xlsx_text(value: object) -> str | None:
    """A cell value as text: whole numbers without `.0`, dates ISO, times HH:MM."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        whole = isinstance(value, int) or value.is_integer()
        return _Number(str(int(value)) if whole else str(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M" if value.second == 0 else "%H:%M:%S")
    return str(value)


def _table(label: str, grid: list[tuple[int, _Cells]], specs: Sequence[ColumnSpec]) -> Table:
    """Match the header, then collect the non-blank rows below it."""
    lookup = _header_lookup(specs)
    rows = [(number, cells) for number, cells in grid if any(_clean(c) for c in cells)]
    if not rows:
        return Table(label, {}, (), (Problem(label, None, None, "表格是空的：没有表头行"),))
    header_at = _header_index(rows, lookup)
    header_row, header = rows[header_at]
    names = [_clean(cell) for cell in header]
    fields = [lookup.get(_norm(n)) for n in names]
    problems = _header_problems(label, header_row, names, fields, specs)
    if problems:
        return Table(label, {}, (), tuple(problems))
    headers = {f: n for f, n in zip(fields, names, strict=True) if f}
    spec_of = {spec.field: spec for spec in specs}
    body = rows[header_at + 1 :]
    cell_problems: list[Problem] = []
    data = [_row(label, n, c, names, fields, spec_of, cell_problems) for n, c in body]
    return Table(label, headers, tuple(data), tuple(cell_problems))


def _clean(cell: str | None) -> str:
    """A cell's text without surrounding spaces (including the full-width space)."""
    return (cell or "").strip()


def _norm(header: str) -> str:
    """Header spelling that ignores case and the space-or-underscore choice of English names."""
    return re.sub(r"[\s\-]+", "_", header.strip().casefold())


def _header_lookup(specs: Iterable[ColumnSpec]) -> dict[str, str]:
    """Normalised English and Chinese header → field name."""
    lookup: dict[str, str] = {}
    for spec in specs:
        lookup[_norm(spec.name)] = spec.field
        lookup[_norm(spec.chinese)] = spec.field
    return lookup


def _header_index(rows: list[tuple[int, _Cells]], lookup: Mapping[str, str]) -> int:
    """The first of the top rows that has a known header, skipping title lines above it."""
    for index, (_, cells) in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if any(_norm(_clean(c)) in lookup for c in cells):
            return index
    return 0


def _header_problems(
    label: str,
    row: int,
    names: list[str],
    fields: list[str | None],
    specs: Sequence[ColumnSpec],
) -> list[Problem]:
    """Columns that appear twice and required columns that are missing, with a likely fix."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for name, field in zip(names, fields, strict=True):
        if field and field in seen:
            message = f"列 {seen[field]} 和 {name} 是同一列，出现了两次：请只保留一列"
            problems.append(Problem(label, row, name, message))
        elif field:
            seen[field] = name
    chinese = _mostly_chinese(names, specs)
    unknown = [name for name, field in zip(names, fields, strict=True) if name and not field]
    for spec in specs:
        if spec.required and spec.field not in seen:
            problems.append(_missing(label, row, spec, chinese, unknown))
    return problems


def _mostly_chinese(names: list[str], specs: Sequence[ColumnSpec]) -> bool:
    """Whether the file writes its known headers in Chinese, to name missing ones alike."""
    chinese = {_norm(spec.chinese) for spec in specs}
    english = {_norm(spec.name) for spec in specs}
    normed = [_norm(n) for n in names]
    return sum(n in chinese for n in normed) >= sum(n in english for n in normed)


def _missing(label: str, row: int, spec: ColumnSpec, chinese: bool, unknown: list[str]) -> Problem:
    """A missing required column, named in the file's language, with a near-miss suggestion."""
    first, second = (spec.chinese, spec.name) if chinese else (spec.name, spec.chinese)
    message = f"缺少列 {first}（{second}）"
    by_norm = {_norm(n): n for n in unknown}
    wanted = [_norm(first), _norm(second)]
    close = [m for w in wanted for m in difflib.get_close_matches(w, list(by_norm), n=1)]
    if close:
        message += f"；是不是 {by_norm[close[0]]}？"
    return Problem(label, row, first, message)


def _row(
    label: str,
    number: int,
    raw: _Cells,
    names: list[str],
    fields: list[str | None],
    spec_of: Mapping[str, ColumnSpec],
    problems: list[Problem],
) -> Row:
    """One data row; digits columns whose digits may be lost are reported and left empty."""
    cells: dict[str, str] = {field: "" for field in fields if field}
    extra: dict[str, str] = {}
    for name, field, value in zip(names, fields, _pad(raw, len(names)), strict=True):
        text = _clean(value)
        if len(text) > MAX_CELL:
            problems.append(Problem(label, number, name, _TOO_LONG))
        elif field is None:
            if name:
                extra[name] = text
        elif spec_of[field].kind == "digits" and _lost_digits(value):
            problems.append(Problem(label, number, name, _LOST_DIGITS))
        else:
            cells[field] = text
    return Row(number, cells, extra)


_TOO_LONG = f"内容太长：一个单元格最多 {MAX_CELL:,} 个字符"


def _pad(raw: _Cells, width: int) -> list[str | None]:
    """The row cut or filled to the header's width (cells beyond the header have no name)."""
    return [*raw, *[None] * width][:width]


def _lost_digits(value: str | None) -> bool:
    """Whether a cell went through a number: an XLSX number cell or CSV scientific notation."""
    return isinstance(value, _Number) or bool(_SCIENTIFIC.match(_clean(value)))
