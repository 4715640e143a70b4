"""Archives read as offices keep them: title rows, merged headers, sheets, encodings."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from intake.archives import SHEET, id_number, person, write_archive

from planner.intake.archives import read_archive, split_source
from planner.intake.headers import is_known_header


def test_title_row_and_merged_two_row_header_are_read_as_one_header(tmp_path: Path) -> None:
    """The header is found below the title; 家庭人口 and 月收入 under 家庭情况; 序号 merged down."""
    path = write_archive(tmp_path / "一厂.xlsx", [person(1, "张一", "一厂", "新店镇凤坝村4组")])
    archive = read_archive(path, None, is_known_header)
    assert archive.problems == ()
    assert archive.label == f"一厂.xlsx:{SHEET}" and archive.header_row == 3
    assert archive.headers[:2] == ("序号", "姓名") and archive.headers[7:9] == (
        "家庭人口",
        "月收入",
    )
    (row,) = archive.rows
    assert row.number == 4 and row.cells[3] == id_number(1)


def test_a_hidden_sheet_is_read_only_when_named(tmp_path: Path) -> None:
    """The hidden first sheet (last year's list) is skipped; `FILE:SHEET` reads it."""
    path = write_archive(tmp_path / "a.xlsx", [person(1, "张一", "一厂", "新店镇凤坝村4组")])
    assert read_archive(path, None, is_known_header).rows[0].cells[1] == "张一"
    file, sheet = split_source(f"{path}:去年名单")
    hidden = read_archive(file, sheet, is_known_header)
    assert hidden.label == "a.xlsx:去年名单" and hidden.rows[0].cells[0] == "旧名单"


def test_an_unknown_sheet_names_the_sheets_there(tmp_path: Path) -> None:
    """A misspelt sheet name is a problem listing the sheets the workbook has."""
    path = write_archive(tmp_path / "a.xlsx", [])
    (problem,) = read_archive(path, "档案", is_known_header).problems
    assert str(problem) == (
        f"a.xlsx:档案: 没有名为 档案 的工作表；这个文件的工作表有：去年名单、{SHEET}"
    )


def test_gbk_csv_with_a_title_line(tmp_path: Path) -> None:
    """A CSV saved by Excel on Chinese Windows (GBK), title line first."""
    path = tmp_path / "b.csv"
    text = f"二厂困难职工名单\n序号,姓名,身份证号码,工作单位\n1,李二,{id_number(2)},二厂\n"
    path.write_bytes(text.encode("gbk"))
    archive = read_archive(path, None, is_known_header)
    assert archive.header_row == 2 and archive.rows[0].cells == ("1", "李二", id_number(2), "二厂")


def test_number_cells_are_marked(tmp_path: Path) -> None:
    """An ID number typed into a number cell is marked, for the import to refuse it."""
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号码"])
    book.active.append(["张一", 529900198001010012])
    book.save(tmp_path / "n.xlsx")
    (row,) = read_archive(tmp_path / "n.xlsx", None, is_known_header).rows
    assert row.numeric == frozenset({1})
