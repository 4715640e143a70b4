"""Importing a large archive: time and peak memory of `songnuan import` on N rows.

    python bench/import_archive.py --rows 100000

Makes one archive the way a clerk's looks (a title row, a two-row merged header, 序号,
身份证号码 as text, addresses with 镇 and 村, notes in 备注) as XLSX and as GBK CSV, with N
distinct people in 20 units and 200 villages, then imports each, in a fresh process, into a
union starter folder: read, map, check every ID number, look for duplicates, match addresses,
add the villages to places.csv and write households.csv (`plan_import` + `write_import`).
CSV on stdout: `format,rows,file_mib,import_s,peak_mib`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

HEADER = "format,rows,file_mib,import_s,peak_mib"
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


def people(rows: int) -> Iterator[list[object]]:
    """N distinct synthetic people (region 529900 does not exist), the ID number as text."""
    from planner.idnumber import check_character

    for i in range(rows):
        born = dt.date(1960, 1, 1) + dt.timedelta(days=i // 900)
        first = f"529900{born:%Y%m%d}{i % 900:03d}"
        town, village = f"第{i % 20 + 1}镇", f"第{i % 200 + 1}村"
        note = "2026年已慰问" if i % 10 == 0 else ""
        address = f"{town}{village}{i % 9 + 1}组"
        number = first + check_character(first)
        first_columns = [i + 1, f"职工{i}", "男", number, f"单位{i % 20}", address, "困难职工", 3]
        yield [*first_columns, 1500 + i % 2000, "13800000000", note]


def make(folder: Path, rows: int) -> dict[str, Path]:
    """The archive as XLSX (write-only mode) and as GBK CSV."""
    import csv

    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("困难职工档案")
    sheet.append(["2027年困难职工档案"])
    sheet.append(UPPER)
    sheet.append(LOWER)
    for row in people(rows):
        sheet.append(row)
    xlsx = folder / "archive.xlsx"
    book.save(xlsx)
    gbk = folder / "archive.csv"
    with gbk.open("w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["2027年困难职工档案"])
        writer.writerow([up or low for up, low in zip(UPPER, LOWER, strict=True)])
        writer.writerows(people(rows))
    return {"xlsx": xlsx, "csv-gbk": gbk}


def measure(archive: Path) -> str:
    """Import one archive into a fresh union starter, in this process."""
    from planner.intake.importer import needed_for_folder, plan_import
    from planner.intake.starter import write_starter
    from planner.intake.writing import write_import

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "camp"
        write_starter(folder, ["union"], 2027)
        start = time.perf_counter()
        plan = plan_import([str(archive)], folder, {}, needed_for_folder(folder), add_places=True)
        assert plan.ok, plan.problems[:3]
        write_import(plan)
        elapsed = time.perf_counter() - start
        rows = len(plan.records)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f"{rows},{archive.stat().st_size / 2**20:.1f},{elapsed:.1f},{peak:.0f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.one:
        print(measure(arguments.one))
        return 0
    print(HEADER)
    with tempfile.TemporaryDirectory() as temporary:
        for name, path in make(Path(temporary), arguments.rows).items():
            command = [sys.executable, __file__, "--one", str(path)]
            result = subprocess.run(command, check=True, capture_output=True, text=True)
            print(f"{name},{result.stdout.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
