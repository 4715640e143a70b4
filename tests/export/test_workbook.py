"""allocation.xlsx and its CSV copies: the office's sheets, totals that show, print setup."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import segno
from PIL import Image

from planner.export.workbook import write_workbook
from planner.plan import Plan

SHEETS = [
    "发放名单",
    "签领表-红星机械厂",
    "签领表-县城建公司",
    "预算汇总",
    "送温暖统计表",
    "走访安排",
]
SIGN_OFF = ["签领表-红星机械厂", "签领表-县城建公司"]
CSV_FILES = ["发放名单.csv", "签领表.csv", "走访安排.csv", "送温暖统计表.csv", "预算汇总.csv"]


@pytest.fixture
def out(plan: Plan, tmp_path: Path) -> Path:
    """The folder the workbook and its CSV copies were written to."""
    write_workbook(plan, tmp_path)
    return tmp_path


def rows(out: Path, sheet: str, *, data_only: bool = True) -> list[tuple[Any, ...]]:
    """All rows of a sheet as values (cached formula results when `data_only`)."""
    workbook = openpyxl.load_workbook(out / "allocation.xlsx", data_only=data_only)
    return list(workbook[sheet].iter_rows(values_only=True))


def read_csv(out: Path, name: str) -> list[list[str]]:
    """A CSV copy's rows, read as Excel would with the BOM telling it UTF-8."""
    raw = (out / "csv" / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


def test_sheets_present(out: Path) -> None:
    """The sheets come in the order the office works through them, a 签领表 per unit."""
    assert openpyxl.load_workbook(out / "allocation.xlsx").sheetnames == SHEETS


def test_disbursement_list(out: Path) -> None:
    """发放名单 says in its title it is sensitive, lists each grant with its bank card as text."""
    table = rows(out, "发放名单")
    assert "含个人敏感信息" in table[0][0]
    assert "不得公示" in table[1][0]
    assert table[2] == (
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


@pytest.mark.parametrize(
    ("sheet", "column", "total"),
    [("发放名单", 6, 3000), ("签领表-红星机械厂", 3, 2000), ("签领表-县城建公司", 3, 1000)],
)
def test_totals_are_formulas_with_values(out: Path, sheet: str, column: int, total: int) -> None:
    """The 合计 row is a SUM formula whose stored value equals the sum of the amounts."""
    values = rows(out, sheet)
    formulas = rows(out, sheet, data_only=False)
    last = max(i for i, row in enumerate(values) if row[0] == "合计")
    assert str(formulas[last][column]).startswith("=SUM(")
    assert values[last][column] == total


def test_sign_off_sheet_per_unit(out: Path) -> None:
    """Each unit's 签领表 names the unit and lists only its recipients, signature cells blank."""
    table = rows(out, "签领表-县城建公司")
    assert "县城建公司" in table[1][0]
    assert table[2] == ("序号", "姓名", "类别", "金额(元)", "领取人签名", "领取日期")
    assert [row[:4] for row in table[3:5]] == [
        (1, "李四", "困难职工", 500),
        (2, "王五", "农民工", 500),
    ]
    assert all(not row[4] and not row[5] for row in table[3:5])
    assert any("经办人" in str(row[0]) for row in table[6:])


@pytest.mark.parametrize("name", SIGN_OFF)
def test_sign_off_prints_on_a4_with_header_and_page_numbers(out: Path, name: str) -> None:
    """签领表 prints A4 portrait, title and header on every page, unit above, page numbers below."""
    sheet = openpyxl.load_workbook(out / "allocation.xlsx")[name]
    assert sheet.page_setup.paperSize == 9
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.print_title_rows == "$1:$3"
    assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text
    assert name.removeprefix("签领表-") in sheet.oddHeader.left.text
    assert sheet.column_dimensions["E"].width >= 20
    assert sheet.row_dimensions[4].height >= 30


def test_budget_summary(out: Path) -> None:
    """预算汇总 shows each line's budget, allocation, remainder and households, and the totals."""
    values = rows(out, "预算汇总")
    formulas = rows(out, "预算汇总", data_only=False)
    assert values[3] == ("model", "劳模慰问金", 4000, 2000, 2000, 1)
    assert values[4] == ("needy", "困难职工慰问金", 6000, 1000, 5000, 2)
    assert values[5] == ("合计", None, 10000, 3000, 7000, 3)
    assert formulas[3][4] == "=C4-D4"
    assert all(str(cell).startswith("=SUM(") for cell in formulas[5][2:])


def test_statistics_by_district_and_category(out: Path) -> None:
    """送温暖统计表: households and money per district and category, row and column totals."""
    values = rows(out, "送温暖统计表")
    formulas = rows(out, "送温暖统计表", data_only=False)
    assert values[2][:9] == (
        "乡镇（街道）",
        "劳模",
        None,
        "困难职工",
        None,
        "农民工",
        None,
        "合计",
        None,
    )
    assert values[3][1:3] == ("户数", "金额(元)")
    assert values[4:] == [
        ("城关镇", 1, 2000, 0, 0, 0, 0, 1, 2000),
        ("东镇", 0, 0, 1, 500, 0, 0, 1, 500),
        ("西镇", 0, 0, 0, 0, 1, 500, 1, 500),
        ("合计", 1, 2000, 1, 500, 1, 500, 3, 3000),
    ]
    assert formulas[4][7] == "=B5+D5+F5"
    assert str(formulas[7][8]).startswith("=SUM(")


def test_schedule(out: Path) -> None:
    """走访安排 lists each team's stops in order with Shanghai times and addresses."""
    table = rows(out, "走访安排")
    stops = [(row[0], row[3], row[4].strftime("%H:%M"), row[6], row[8]) for row in table[2:]]
    assert stops == [
        ("第一组", 1, "09:30", "张三", "红星机械厂"),
        ("第一组", 2, "10:20", "李四", "东村3组12号"),
        ("第二组", 1, "09:05", "王五", "西村"),
    ]


def test_chinese_columns_are_widened(out: Path) -> None:
    """Columns with Chinese text are wide enough for it (two units per character)."""
    sheet = openpyxl.load_workbook(out / "allocation.xlsx")["发放名单"]
    assert sheet.column_dimensions["H"].width >= 2 * len("困难职工慰问金")


def test_csv_copies(out: Path) -> None:
    """Each table has a UTF-8-with-BOM CSV copy: its header, then one line per data row."""
    assert sorted(path.name for path in (out / "csv").iterdir()) == sorted(CSV_FILES)
    disbursement = read_csv(out, "发放名单.csv")
    assert disbursement[0] == list(rows(out, "发放名单")[2])
    assert disbursement[1] == [
        "1",
        "h1",
        "张三",
        "红星机械厂",
        "城关镇",
        "劳模",
        "2000",
        "劳模慰问金",
        "6222020200112233445",
    ]
    assert len(disbursement) == 4
    sign_off = read_csv(out, "签领表.csv")
    assert [row[:3] for row in sign_off[1:]] == [
        ["红星机械厂", "1", "张三"],
        ["县城建公司", "1", "李四"],
        ["县城建公司", "2", "王五"],
    ]
    statistics = read_csv(out, "送温暖统计表.csv")
    assert statistics[0][:3] == ["乡镇（街道）", "劳模户数", "劳模金额(元)"]
    assert statistics[1] == ["城关镇", "1", "2000", "0", "0", "0", "0", "1", "2000"]
    assert read_csv(out, "走访安排.csv")[1][2:5] == ["2027-01-18", "1", "09:30"]
    assert read_csv(out, "预算汇总.csv")[1] == ["model", "劳模慰问金", "4000", "2000", "2000", "1"]


def test_personal_data_only_on_disbursement_list(
    out: Path, personal_data: dict[str, list[str]]
) -> None:
    """Bank cards only on 发放名单 and its CSV copy; ID numbers, incomes, diagnoses nowhere."""
    texts = {
        sheet.title: " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row)
        for sheet in openpyxl.load_workbook(out / "allocation.xlsx")
    }
    texts |= {path.name: path.read_text(encoding="utf-8-sig") for path in (out / "csv").iterdir()}
    for name, text in texts.items():
        for kind, values in personal_data.items():
            if kind == "bank_card" and name in ("发放名单", "发放名单.csv"):
                continue
            assert not [value for value in values if value in text], (name, kind)


def test_same_plan_same_bytes(build_plan: Callable[[], Plan], tmp_path: Path) -> None:
    """Exporting the same plan twice gives a byte-identical workbook (no "now" inside)."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        write_workbook(build_plan(), tmp_path / name)
    first, second = ((tmp_path / n / "allocation.xlsx").read_bytes() for n in ("a", "b"))
    assert first == second


def test_a_subscription_prints_as_a_qr_code_a_phone_can_scan(plan: Plan, tmp_path: Path) -> None:
    """With `songnuan serve`'s subscription addresses, 走访安排 names each team's address and
    prints its QR code below the table: the picture's modules are exactly the address's code."""
    team = plan.allocation.cases.scenario.teams[0]
    address = "webcal://192.168.1.5:8000/cal/3f9c2a7d1e6b4c08a5f2d9e7b1c3a6f0.ics"
    write_workbook(plan, tmp_path, subscriptions={team.id: address})
    texts = [cell for row in rows(tmp_path, "走访安排") for cell in row if isinstance(cell, str)]
    assert f"{team.name}（{team.leader}）手机日历订阅：{address}" in texts
    assert f"{team.name}（{team.leader}）日历订阅二维码（手机相机扫码）" in texts
    with zipfile.ZipFile(tmp_path / "allocation.xlsx") as packed:
        (png,) = [name for name in packed.namelist() if name.startswith("xl/media/")]
        picture = Image.open(io.BytesIO(packed.read(png))).convert("L")
    expected = segno.make(address, error="m").matrix
    seen = [
        [picture.getpixel(((c + 2) * 3 + 1, (r + 2) * 3 + 1)) < 128 for c in range(len(line))]
        for r, line in enumerate(expected)
    ]
    assert seen == [[bool(module) for module in line] for line in expected]


def test_no_subscription_no_picture(out: Path) -> None:
    """Without subscriptions (the CLI's workbook) the sheet carries no QR code."""
    with zipfile.ZipFile(out / "allocation.xlsx") as packed:
        assert not [name for name in packed.namelist() if name.startswith("xl/media/")]
