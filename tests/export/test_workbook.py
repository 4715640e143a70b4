"""allocation.xlsx: the office's sheets, totals that show without recalculation, print setup."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from planner.export.workbook import write_workbook
from planner.plan import Plan

SHEETS = ["发放名单", "签领表", "预算汇总", "走访安排"]
HEADERS = (
    "序号",
    "编号",
    "姓名",
    "所在单位",
    "所在乡镇",
    "类别",
    "金额(元)",
    "资金渠道",
    "银行卡号",
)


@pytest.fixture
def xlsx(plan: Plan, tmp_path: Path) -> Path:
    """The workbook written from the test plan."""
    write_workbook(plan, tmp_path)
    return tmp_path / "allocation.xlsx"


def rows(path: Path, sheet: str, *, data_only: bool = True) -> list[tuple[Any, ...]]:
    """All rows of a sheet as values (cached formula results when `data_only`)."""
    workbook = openpyxl.load_workbook(path, data_only=data_only)
    return list(workbook[sheet].iter_rows(values_only=True))


def test_sheets_present(xlsx: Path) -> None:
    """The workbook has the four sheets in the order the office works through them."""
    assert openpyxl.load_workbook(xlsx).sheetnames == SHEETS


def test_disbursement_list(xlsx: Path) -> None:
    """发放名单 warns it holds personal data and lists each grant with its bank card as text."""
    table = rows(xlsx, "发放名单")
    assert "含个人敏感信息" in table[1][0]
    assert table[2] == HEADERS
    assert table[3] == (
        1,
        "h1",
        "张三",
        "红星机械厂",
        "城关镇",
        "劳模",
        2000,
        "劳模慰问金",
        "6222020200112233445",
    )
    assert [row[8] for row in table[3:6]] == [
        "6222020200112233445",
        "6217000011112222333",
        "6228480011223344556",
    ]


@pytest.mark.parametrize(("sheet", "column"), [("发放名单", 6), ("签领表", 4)])
def test_grant_totals_are_formulas_with_values(xlsx: Path, sheet: str, column: int) -> None:
    """The 合计 row is a SUM formula whose stored value equals the sum of the amounts."""
    values = rows(xlsx, sheet)
    formulas = rows(xlsx, sheet, data_only=False)
    assert values[-1][0] == "合计"
    assert str(formulas[-1][column]).startswith("=SUM(")
    assert values[-1][column] == sum(row[column] for row in values[3:-1]) == 3000


def test_sign_off_sheet_columns(xlsx: Path) -> None:
    """签领表 has the printed columns and a blank signature cell for each recipient."""
    table = rows(xlsx, "签领表")
    assert table[2] == ("序号", "姓名", "所在单位", "类别", "金额(元)", "签名", "日期")
    assert [row[1] for row in table[3:-1]] == ["张三", "李四", "王五"]
    assert all(row[5] == "" for row in table[3:-1])


def test_sign_off_print_settings(xlsx: Path) -> None:
    """签领表 prints on A4 portrait, header row on every page, page numbers in the footer."""
    sheet = openpyxl.load_workbook(xlsx)["签领表"]
    assert sheet.page_setup.paperSize == 9
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.print_title_rows == "$3:$3"
    assert "&P" in sheet.oddFooter.right.text
    assert sheet.column_dimensions["F"].width >= 18


def test_budget_summary(xlsx: Path) -> None:
    """预算汇总 shows each line's budget, allocation, remainder and households, and the totals."""
    values = rows(xlsx, "预算汇总")
    formulas = rows(xlsx, "预算汇总", data_only=False)
    assert values[3] == ("model", "劳模慰问金", 4000, 2000, 2000, 1)
    assert values[4] == ("needy", "困难职工慰问金", 6000, 1000, 5000, 2)
    assert values[5] == ("合计", "", 10000, 3000, 7000, 3)
    assert formulas[3][4] == "=C4-D4"
    assert all(str(cell).startswith("=SUM(") for cell in formulas[5][2:])


def test_schedule(xlsx: Path) -> None:
    """走访安排 lists each team's stops in order with Shanghai times and addresses."""
    table = rows(xlsx, "走访安排")
    stops = [(row[0], row[3], row[4].strftime("%H:%M"), row[6], row[8]) for row in table[2:]]
    assert stops == [
        ("第一组", 1, "09:30", "张三", "红星机械厂"),
        ("第一组", 2, "10:20", "李四", "东村3组12号"),
        ("第二组", 1, "09:05", "王五", "西村"),
    ]


def test_chinese_columns_are_widened(xlsx: Path) -> None:
    """Columns with Chinese text are wide enough for it (two units per character)."""
    sheet = openpyxl.load_workbook(xlsx)["发放名单"]
    assert sheet.column_dimensions["H"].width >= 2 * len("困难职工慰问金")


def test_personal_data_only_on_disbursement_list(
    xlsx: Path, personal_data: dict[str, list[str]]
) -> None:
    """Bank cards appear only on 发放名单; ID numbers, incomes and diagnoses nowhere."""
    workbook = openpyxl.load_workbook(xlsx)
    for sheet in workbook:
        text = " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row)
        for kind, values in personal_data.items():
            if kind == "bank_card" and sheet.title == "发放名单":
                continue
            assert not [value for value in values if value in text], (sheet.title, kind)


def test_same_plan_same_bytes(build_plan: Callable[[], Plan], tmp_path: Path) -> None:
    """Exporting the same plan twice gives a byte-identical workbook (no "now" inside)."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        write_workbook(build_plan(), tmp_path / name)
    first, second = ((tmp_path / n / "allocation.xlsx").read_bytes() for n in ("a", "b"))
    assert first == second
