"""The clerk's way in, end to end: init → import two units' lists → validate → plan.

The archives are made the way a county-union clerk makes them: a title row, a two-row header
with merged cells, 序号, 身份证号码 as text, addresses with 镇 and 村, a note "2026年已慰问", and
one person in both units' lists.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner
from intake.archives import id_number, person, write_archive

from planner.cli import main

COORDINATES = {
    "P0001": ("106.81", "26.66"),
    "P0002": ("106.71", "26.61"),
    "P0003": ("106.62", "26.55"),
}


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def add_coordinates(places: Path) -> None:
    """What the clerk does once: look the new villages up on a map and type 经度 and 纬度."""
    with places.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    for row in table[1:]:
        if row[0] in COORDINATES:
            row[4], row[5] = COORDINATES[row[0]]
    with places.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(table)


def test_from_two_units_archives_to_a_plan(tmp_path: Path) -> None:
    """Duplicate across lists stops the import; once fixed, validate and plan work, last year's
    visit noted in 备注 excludes its household, and every household is placed at its village."""
    camp = tmp_path / "县总工会2027"
    shared = person(2, "李二", "一厂", "新店镇凤坝村2组")
    one = write_archive(
        tmp_path / "一厂.xlsx",
        [
            person(1, "张一", "一厂", "新店镇凤坝村4组", "2026年已慰问"),
            shared,
            person(3, "王三", "一厂", "城关镇文化社区17号"),
        ],
    )
    two = write_archive(
        tmp_path / "二厂.xlsx",
        [person(4, "赵四", "二厂", "五德镇新华村1组"), [*shared[:4], "二厂", *shared[5:]]],
    )
    assert invoke("init", str(camp), "--plugin", "union", "--year", "2027")[0] == 0

    code, output = invoke("import", str(one), str(two), "--into", str(camp), "--add-places")
    assert (
        code == 2
        and "二厂.xlsx:困难职工档案:5: 与 一厂.xlsx:困难职工档案:5 是同一个人" in output
    )
    assert id_number(2) not in output

    write_archive(two, [person(4, "赵四", "二厂", "五德镇新华村1组")])
    code, output = invoke("import", str(one), str(two), "--into", str(camp), "--add-places")
    assert code == 0, output
    assert "从备注取得上次慰问年份：1户" in output and "月收入 → 家庭月收入（同义词）" in output
    code, output = invoke("validate", str(camp))
    assert code == 2 and "places.csv:4:经度: 不能为空：每一行都要填 经度" in output

    add_coordinates(camp / "places.csv")
    code, output = invoke("validate", str(camp))
    assert code == 0 and "4户（符合条件3户）" in output, output
    code, output = invoke("plan", str(camp), "--out", str(tmp_path / "out"), "--time-limit", "2")
    assert code == 0, output
    plan = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    visited = {
        visit["household_id"]: visit["place"] for r in plan["routes"] for visit in r["visits"]
    }
    assert visited == {"H0002": "P0001", "H0003": "P0002", "H0004": "P0003"}
    assert id_number(2) not in (tmp_path / "out" / "plan.json").read_text(encoding="utf-8")
    assert plan["travel"] == {"source": "estimate", "estimate": True}
    assert "路程时间为直线距离估算" in output


def test_every_output_showing_a_driving_time_says_it_is_an_estimate(tmp_path: Path) -> None:
    """With travel.minutes: estimate, calendars, schedule sheet and report mark the minutes."""
    import openpyxl

    camp = tmp_path / "c"
    invoke("init", str(camp), "--plugin", "union", "--year", "2027")
    code, output = invoke("plan", str(camp), "--out", str(tmp_path / "out"), "--time-limit", "1")
    assert code == 0, output
    calendar = (tmp_path / "out" / "calendars" / "team-1.ics").read_text(encoding="utf-8")
    assert "驾车约" in calendar and "（直线估算）" in calendar.replace("\r\n ", "")
    book = openpyxl.load_workbook(tmp_path / "out" / "allocation.xlsx", read_only=True)
    headers = [c for row in book["走访安排"].iter_rows(values_only=True) for c in row if c]
    assert "路程(分钟)（直线估算）" in headers
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "各组车程合计（小时）（直线估算）" in report and 'stroke-dasharray="6 4"' in report


def test_whatif_says_its_road_hours_are_estimates(tmp_path: Path) -> None:
    """The what-if's terminal notes and its 说明 sheet mark estimated road hours."""
    import openpyxl

    camp = tmp_path / "c"
    invoke("init", str(camp), "--plugin", "union", "--year", "2027")
    out = tmp_path / "whatif"
    result = CliRunner().invoke(
        main,
        ["whatif", str(camp), "--vary", "budget.total=10000", "--workers", "1", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "road hours are straight-line estimates" in result.output
    book = openpyxl.load_workbook(out / "whatif.xlsx", read_only=True)
    notes = [c for row in book["说明"].iter_rows(values_only=True) for c in row if c]
    assert any("直线距离估算" in str(note) for note in notes)
