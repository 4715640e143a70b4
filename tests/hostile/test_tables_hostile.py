"""Tables from many hands: hidden sheets, unsaved formulas, line endings, damage, limits."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from hostile_files import edit, rows_of, run, write_rows

from planner import tables
from planner.load.network_tables import PLACE_COLUMNS
from planner.tables import MAX_CELL, read_table


def xlsx_from_csv(folder: Path, name: str, build: object = None) -> Path:
    """Replace `<name>.csv` by `<name>.xlsx` with the same rows (text cells); `build` may
    change the workbook before it is saved."""
    rows = rows_of(folder / f"{name}.csv")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if build is not None:
        build(book)  # type: ignore[operator]
    (folder / f"{name}.csv").unlink()
    path = folder / f"{name}.xlsx"
    book.save(path)
    return path


def test_a_hidden_first_sheet_is_not_read(tiny: Path) -> None:
    """A hidden, stale copy before the archive: the visible sheet is read (all 12 households)."""

    def stale_copy_first(book: openpyxl.Workbook) -> None:
        old = book.create_sheet("旧", 0)
        for row in list(book.worksheets[1].iter_rows(values_only=True))[:3]:
            old.append(row)
        old.sheet_state = "hidden"

    xlsx_from_csv(tiny, "households", stale_copy_first)
    result = run("validate", tiny)
    assert result.exit_code == 0 and "12户（" in result.output


def test_a_hidden_sheet_is_read_when_named(tiny: Path) -> None:
    """Naming the sheet under tables: reads it, hidden or not."""

    def hidden_copy(book: openpyxl.Workbook) -> None:
        old = book.create_sheet("旧")
        for row in list(book.worksheets[0].iter_rows(values_only=True))[:3]:
            old.append(row)
        old.sheet_state = "hidden"

    xlsx_from_csv(tiny, "households", hidden_copy)
    edit(
        tiny / "scenario.yaml",
        lambda t: t + "\ntables:\n  households: {file: households.xlsx, sheet: 旧}\n",
    )
    result = run("validate", tiny)
    assert result.exit_code == 0 and "2户（" in result.output


def test_a_formula_without_its_value_is_a_problem(tiny: Path) -> None:
    """Incomes written as formulas by a program that stores no values: exit 2 at the first
    such cell, saying to open and save the file in Excel or WPS."""

    def formulas(book: openpyxl.Workbook) -> None:
        sheet = book.active
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row, 13).value = "=2000+400"

    xlsx_from_csv(tiny, "households", formulas)
    result = run("validate", tiny)
    assert result.exit_code == 2
    assert "households.xlsx:2:M: 公式没有保存计算结果" in result.output
    assert "请用 Excel 或 WPS 打开后重新保存" in result.output


def test_bare_cr_and_mixed_line_endings_are_read(tiny: Path) -> None:
    """CSV saved by Excel for Mac (bare CR) or with mixed endings reads like any other."""
    text = (tiny / "places.csv").read_text(encoding="utf-8").replace("\r\n", "\n")
    (tiny / "places.csv").write_bytes(text.replace("\n", "\r").encode())
    lines = (tiny / "roads.csv").read_text(encoding="utf-8").splitlines()
    mixed = "".join(line + ("\r\n", "\r", "\n")[i % 3] for i, line in enumerate(lines))
    (tiny / "roads.csv").write_bytes(mixed.encode())
    result = run("validate", tiny)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.99])
def test_a_truncated_xlsx_is_exit_2(tiny: Path, cut: float) -> None:
    """A workbook cut short anywhere: exit 2 naming the file, never a traceback."""
    path = xlsx_from_csv(tiny, "households")
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * cut)])
    result = run("validate", tiny)
    assert result.exit_code == 2 and "households.xlsx" in result.output
    assert "Traceback" not in result.output


def test_a_corrupt_sheet_inside_a_good_zip_is_exit_2(tiny: Path) -> None:
    """A valid zip whose sheet XML is garbage: exit 2, not a parser traceback."""
    path = xlsx_from_csv(tiny, "households")
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row><c r='A1'>"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = run("validate", tiny)
    assert result.exit_code == 2 and "无法作为 XLSX 工作簿读取" in result.output


def test_an_entity_bomb_is_refused(tiny: Path) -> None:
    """An XLSX whose sheet defines XML entities (billion laughs): exit 2, refused unexpanded."""
    path = xlsx_from_csv(tiny, "households")
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = bomb
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = run("validate", tiny)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_an_xlsx_that_unpacks_past_the_limit_is_refused(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip bomb: refused by the sizes the zip declares, before anything is unpacked."""
    path = xlsx_from_csv(tiny, "households")
    monkeypatch.setattr(tables, "MAX_UNPACKED_BYTES", path.stat().st_size)
    result = run("validate", tiny)
    assert result.exit_code == 2 and "解压后超过" in result.output


def test_cells_far_apart_hit_the_limits_quickly(tiny: Path) -> None:
    """A value in the last column, or in the last row Excel has: the limit is named."""

    def far_column(book: openpyxl.Workbook) -> None:
        book.active.cell(3, 16384).value = "x"

    xlsx_from_csv(tiny, "places", far_column)
    result = run("validate", tiny)
    assert result.exit_code == 2 and "超出第 200 列：一个表格最多 200 列" in result.output

    def far_row(book: openpyxl.Workbook) -> None:
        book.active.cell(1_048_576, 1).value = "x"

    (tiny / "places.xlsx").unlink()
    write_rows(tiny / "places.csv", rows_of(Path(__file__).parents[1] / "data/tiny/places.csv"))
    xlsx_from_csv(tiny, "places", far_row)
    result = run("validate", tiny)
    assert result.exit_code == 2 and "行数太多：一个表格最多" in result.output


def test_too_many_rows_and_too_long_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the row limit or the cell length: a problem naming the limit."""
    path = tmp_path / "places.csv"
    path.write_text("id,name,x,y\n" + "p,n,1,1\n" * 20, encoding="utf-8")
    monkeypatch.setattr(tables, "MAX_ROWS", 10)
    found = read_table(path, PLACE_COLUMNS)
    assert [p.message for p in found.problems] == ["行数太多：一个表格最多 10 行"]
    monkeypatch.undo()
    path.write_text(f"id,name,x,y\np,{'长' * (MAX_CELL + 1)},1,1\n", encoding="utf-8")
    found = read_table(path, PLACE_COLUMNS)
    assert [str(p) for p in found.problems] == [
        f"places.csv:2:name: 内容太长：一个单元格最多 {MAX_CELL:,} 个字符"
    ]


def test_messages_do_not_echo_household_cells(tiny: Path) -> None:
    """An ID number in the place column and as a repeated id: the messages name row and
    column, show the place masked, and never the ID number."""
    id_number = "52990119890817875X"
    rows = rows_of(tiny / "households.csv")
    rows[1][6] = id_number
    rows[2][0] = rows[3][0] = id_number
    write_rows(tiny / "households.csv", rows)
    result = run("validate", tiny)
    assert result.exit_code == 2
    assert id_number not in result.output and "529901" not in result.output
    assert "households.csv:2:place: 地点 5…X 不在 places.csv 里" in result.output
    assert "households.csv:4:id: 这个编号已在第 3 行用过" in result.output


def test_coordinates_out_of_range_are_problems(tiny: Path) -> None:
    """Longitude 506.7 or latitude -95: a problem at the cell."""
    edit(tiny / "places.csv", lambda t: t.replace("106.700,26.600", "506.700,-95"))
    result = run("validate", tiny)
    assert result.exit_code == 2
    assert "places.csv:2:x: 不是有效的经度" in result.output
    assert "places.csv:2:y: 不是有效的纬度" in result.output


def test_huge_numbers_in_tables_are_problems(tiny: Path) -> None:
    """A road of 10^21 minutes: a problem naming the limit, not a crash of the matrix code."""
    edit(
        tiny / "roads.csv", lambda t: t.replace("depot,east,15", "depot,east,999999999999999999999")
    )
    result = run("validate", tiny)
    assert result.exit_code == 2 and "roads.csv:2:minutes: 数字太大" in result.output


def test_an_unknown_category_is_shown_masked(tiny: Path) -> None:
    """An ID number in the category column: the rules' message masks it too."""
    id_number = "52990119890817875X"
    rows = rows_of(tiny / "households.csv")
    rows[1][8] = id_number
    write_rows(tiny / "households.csv", rows)
    result = run("validate", tiny)
    assert result.exit_code == 2 and id_number not in result.output
    assert "households.csv:2:类别: 不认识的类别 5…X；可用的类别有：" in result.output
