"""Reading office tables: encodings, Chinese headers, text ids, spreadsheet row numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from planner.tables import ColumnSpec, Table, read_table

COLUMNS = (
    ColumnSpec("id", "编号", required=True),
    ColumnSpec("name", "姓名", required=True),
    ColumnSpec("id_number", "身份证号", kind="digits"),
    ColumnSpec("category", "类别", required=True),
    ColumnSpec("window_date", "可走访日期", kind="date"),
    ColumnSpec("window_start", "可走访开始", kind="time"),
)
ID_NUMBER = "52010219800101001X"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write a CSV fixture in the given encoding."""
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]], text_columns: tuple[int, ...] = ()) -> Path:
    """Write an XLSX fixture; cells in `text_columns` (1-based) are formatted as text."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for column in text_columns:
        for (cell,) in sheet.iter_rows(min_col=column, max_col=column):
            cell.number_format = "@"
    book.save(path)
    return path


def messages(table: Table) -> list[str]:
    """The problems of a table as the user sees them."""
    return [str(problem) for problem in table.problems]


def test_utf8_english_headers(tmp_path: Path) -> None:
    """English headers map to fields whatever their case and surrounding spaces."""
    path = write(tmp_path / "h.csv", " ID ,Name,Category\nH1,张三,困难职工\n")
    table = read_table(path, COLUMNS)
    assert table.problems == ()
    assert table.rows[0].cells == {"id": "H1", "name": "张三", "category": "困难职工"}
    assert table.column("id") == "ID"


def test_utf8_bom_chinese_headers(tmp_path: Path) -> None:
    """A UTF-8 BOM (Excel's "CSV UTF-8") does not stick to the first Chinese header."""
    path = write(tmp_path / "h.csv", "编号,姓名,类别\nH1,张三,劳模\n", "utf-8-sig")
    table = read_table(path, COLUMNS)
    assert table.problems == ()
    assert table.rows[0].cells["id"] == "H1"


def test_gbk_csv(tmp_path: Path) -> None:
    """GBK, as Excel on Chinese Windows saves CSV, is read as Chinese text."""
    path = write(tmp_path / "h.csv", "编号,姓名,类别\nH1,张三,困难职工\n", "gbk")
    table = read_table(path, COLUMNS)
    assert table.problems == ()
    assert table.rows[0].cells["name"] == "张三"


def test_ids_stay_text(tmp_path: Path) -> None:
    """ID numbers keep their final X and leading zeros: nothing is read as a number."""
    text = f"编号,姓名,身份证号,类别\n007,张三,{ID_NUMBER},劳模\n"
    table = read_table(write(tmp_path / "h.csv", text), COLUMNS)
    assert table.rows[0].cells["id"] == "007"
    assert table.rows[0].cells["id_number"] == ID_NUMBER


def test_unknown_columns_are_kept(tmp_path: Path) -> None:
    """Columns songnuan does not know are kept by header for plugins (e.g. 工龄)."""
    path = write(tmp_path / "h.csv", "编号,姓名,类别,工龄\nH1,张三,劳模,20\n")
    table = read_table(path, COLUMNS)
    assert table.rows[0].extra == {"工龄": "20"}
    assert "工龄" not in table.rows[0].cells


def test_rows_numbered_as_spreadsheet(tmp_path: Path) -> None:
    """Header is row 1; blank rows are skipped but still counted; a multi-line cell is one row."""
    text = 'id,name,category\nH1,a,劳模\n,,\n\nH2,"two\nlines",劳模\nH3,c,劳模\n'
    table = read_table(write(tmp_path / "h.csv", text), COLUMNS)
    assert [row.number for row in table.rows] == [2, 5, 6]


def test_title_line_above_header(tmp_path: Path) -> None:
    """A title line above the header is skipped, and rows keep their spreadsheet numbers."""
    text = "2027年困难职工档案,,\n编号,姓名,类别\nH1,张三,劳模\n"
    table = read_table(write(tmp_path / "h.csv", text), COLUMNS)
    assert table.problems == ()
    assert [row.number for row in table.rows] == [3]


def test_missing_column_suggests_misspelling(tmp_path: Path) -> None:
    """A missing required column is named in the file's language, with the likely misspelling."""
    path = write(tmp_path / "households.csv", "编号,姓名,类 别\nH1,张三,劳模\n")
    table = read_table(path, COLUMNS)
    assert messages(table) == [
        "households.csv:1:类别: 缺少列 类别（category）；是不是 类 别？"
    ]
    assert table.rows == ()


def test_missing_column_in_english_file(tmp_path: Path) -> None:
    """In a file with English headers, the missing column is named in English first."""
    path = write(tmp_path / "h.csv", "id,name,catgory\nH1,a,b\n")
    assert messages(read_table(path, COLUMNS)) == [
        "h.csv:1:category: 缺少列 category（类别）；是不是 catgory？"
    ]


def test_column_given_twice(tmp_path: Path) -> None:
    """A field given under both its English and Chinese header is a problem, not a guess."""
    path = write(tmp_path / "h.csv", "id,编号,name,category\nH1,H2,a,b\n")
    assert messages(read_table(path, COLUMNS)) == [
        "h.csv:1:编号: 列 id 和 编号 是同一列，出现了两次：请只保留一列"
    ]


def test_xlsx_with_text_id_number(tmp_path: Path) -> None:
    """XLSX: an 18-digit ID in a text cell survives; numbers, dates and times read as shown."""
    rows: list[list[object]] = [
        ["编号", "姓名", "身份证号", "类别", "可走访日期", "可走访开始"],
        [1001, "张三", ID_NUMBER, "劳模", dt.datetime(2027, 1, 31), dt.time(9, 30)],
    ]
    path = write_xlsx(tmp_path / "h.xlsx", rows, text_columns=(3,))
    table = read_table(path, COLUMNS)
    assert table.problems == ()
    cells = table.rows[0].cells
    assert cells["id"] == "1001"
    assert cells["id_number"] == ID_NUMBER
    assert (cells["window_date"], cells["window_start"]) == ("2027-01-31", "09:30")


def test_xlsx_number_in_id_column(tmp_path: Path) -> None:
    """An ID number stored as an XLSX number is refused without printing it."""
    header: list[object] = ["编号", "姓名", "身份证号", "类别"]
    rows: list[list[object]] = [header, ["H1", "张三", 520102198001010011, "劳模"]]
    table = read_table(write_xlsx(tmp_path / "h.xlsx", rows), COLUMNS)
    assert messages(table) == [
        "h.xlsx:2:身份证号: 存成了数字，数字可能已丢失：请把这一列设成“文本”格式后重新填写"
    ]
    assert "5201021980" not in messages(table)[0]


def test_csv_scientific_notation_in_id_column(tmp_path: Path) -> None:
    """A CSV ID number Excel wrote as 5.20102E+17 has lost its digits and is refused."""
    path = write(tmp_path / "h.csv", "编号,姓名,身份证号,类别\nH1,张三,5.20102E+17,劳模\n")
    assert messages(read_table(path, COLUMNS)) == [
        "h.csv:2:身份证号: 存成了数字，数字可能已丢失：请把这一列设成“文本”格式后重新填写"
    ]


def test_unreadable_files(tmp_path: Path) -> None:
    """Missing files, old .xls and workbooks named .csv are reported with what to do instead."""
    xlsx = write_xlsx(tmp_path / "book.xlsx", [["编号"]])
    renamed = tmp_path / "renamed.csv"
    renamed.write_bytes(xlsx.read_bytes())
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    found = [
        messages(read_table(tmp_path / name, COLUMNS))[0]
        for name in ("absent.csv", "old.xls", "renamed.csv")
    ]
    assert found == [
        "absent.csv: 找不到这个文件",
        "old.xls: 这是旧版 Excel 的 .xls 格式：请另存为 .xlsx 或 CSV",
        "renamed.csv: 这是 XLSX 工作簿，却用了 .csv 的文件名：请把扩展名改成 .xlsx",
    ]


def test_empty_file(tmp_path: Path) -> None:
    """A file with no header row is one problem, not a crash."""
    assert messages(read_table(write(tmp_path / "h.csv", "\n\n"), COLUMNS)) == [
        "h.csv: 表格是空的：没有表头行"
    ]


def test_name_used_in_messages(tmp_path: Path) -> None:
    """Messages call the file by the name the scenario uses for it."""
    path = write(tmp_path / "h.csv", "id,name\nH1,a\n")
    table = read_table(path, COLUMNS, name="data/h.csv")
    assert messages(table)[0].startswith("data/h.csv:1:category:")
