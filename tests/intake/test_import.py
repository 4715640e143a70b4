"""`songnuan import`: lists merged into households.csv, with stable ids, places and a report."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from intake.archives import id_number, person, write_archive

from planner.cli import main
from planner.intake.importer import needed_for_folder, plan_import
from planner.intake.starter import write_starter
from planner.intake.writing import ImportNotReady, write_import


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A union starter scenario."""
    write_starter(tmp_path / "camp", ["union"], 2027)
    return tmp_path / "camp"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_reimporting_the_same_lists_gives_the_same_table(folder: Path, tmp_path: Path) -> None:
    """Two imports of the same lists write the same bytes; a person keeps their 编号."""
    one = write_archive(
        tmp_path / "一厂.xlsx",
        [
            person(1, "张一", "一厂", "新店镇凤坝村4组"),
            person(2, "李二", "一厂", "新店镇凤坝村2组"),
        ],
    )
    code, _ = run("import", str(one), "--into", str(folder))
    first = (folder / "households.csv").read_bytes()
    code2, _ = run("import", str(one), "--into", str(folder))
    assert code == code2 == 0 and (folder / "households.csv").read_bytes() == first
    write_archive(
        one,
        [
            person(5, "新人", "一厂", "新店镇凤坝村1组"),
            person(2, "李二", "一厂", "新店镇凤坝村2组"),
        ],
    )
    run("import", str(one), "--into", str(folder))
    ids = {row["姓名"]: row["编号"] for row in rows(folder / "households.csv")}
    assert ids == {"新人": "H0003", "李二": "H0002"}  # H0001 was 张一's: never given to another


def test_a_person_in_two_lists_stops_the_import(folder: Path, tmp_path: Path) -> None:
    """Both files and rows are named, the ID number is not, and nothing is written."""
    one = write_archive(tmp_path / "一厂.xlsx", [person(1, "张一", "一厂", "新店镇凤坝村4组")])
    two = write_archive(
        tmp_path / "二厂.xlsx",
        [
            person(4, "赵四", "二厂", "五德镇新华村1组"),
            person(1, "张一", "二厂", "新店镇凤坝村4组"),
        ],
    )
    before = (folder / "households.csv").read_bytes()
    code, output = run("import", str(one), str(two), "--into", str(folder))
    assert code == 2
    assert "二厂.xlsx:困难职工档案:5: 与 一厂.xlsx:困难职工档案:4 是同一个人" in output
    assert id_number(1) not in output
    assert (folder / "households.csv").read_bytes() == before
    assert not (folder / "import-report.txt").exists()


def test_a_union_list_without_income_says_which_rule_cannot_be_judged(
    folder: Path, tmp_path: Path
) -> None:
    """No income column: a problem naming the union's income rule and the close match."""
    path = tmp_path / "c.csv"
    path.write_text(
        f"姓名,身份证号码,工作单位,困难类别,人均月收入\n张一,{id_number(1)},一厂,困难职工,800\n",
        encoding="utf-8",
    )
    plan = plan_import([str(path)], folder, {}, needed_for_folder(folder))
    (problem,) = [str(p) for p in plan.problems]
    assert problem.startswith(
        "c.csv:1:家庭月收入: 缺少列 家庭月收入（monthly_income）：没有这一列，插件 union"
    )
    assert "人均月收入与低保线比较" in problem and "--map 人均月收入=家庭月收入" in problem
    with pytest.raises(ImportNotReady):
        write_import(plan)
    confirmed = plan_import(
        [str(path)], folder, {"人均月收入": "家庭月收入"}, needed_for_folder(folder)
    )
    assert confirmed.ok


def test_add_places_writes_the_villages_of_the_addresses(folder: Path, tmp_path: Path) -> None:
    """Distinct villages new to places.csv are added once, without coordinates, and used."""
    one = write_archive(
        tmp_path / "一厂.xlsx",
        [
            person(1, "张一", "一厂", "新店镇凤坝村4组"),
            person(2, "李二", "一厂", "新店镇凤坝村2组"),
            person(3, "王三", "一厂", "人民路5号"),
        ],
    )
    code, output = run("import", str(one), "--into", str(folder), "--add-places")
    assert code == 0
    places = rows(folder / "places.csv")
    assert places[-1] == {
        "编号": "P0001",
        "名称": "凤坝村",
        "所属乡镇": "新店镇",
        "类型": "村",
        "经度": "",
        "纬度": "",
    }
    assert [row["所在地点"] for row in rows(folder / "households.csv")] == ["P0001", "P0001", ""]
    assert "一厂.xlsx:困难职工档案:6：地址中没有镇/乡或村/社区" in output
    assert "人民路" not in output
    report = (folder / "import-report.txt").read_text(encoding="utf-8")
    assert "新增地点 1 个" in report and "家庭住址 → 地址（同义词）" in report


def test_a_cell_that_would_be_a_formula_is_written_as_text(folder: Path, tmp_path: Path) -> None:
    """=HYPERLINK(...) in an archive reaches households.csv with a leading apostrophe."""
    path = tmp_path / "d.csv"
    path.write_text(
        f"姓名,身份证号码,工作单位,困难类别,月收入,备注\n张一,{id_number(1)},一厂,困难职工,800,"
        '"=HYPERLINK(""http://x"")"\n',
        encoding="utf-8",
    )
    code, _ = run("import", str(path), "--into", str(folder))
    assert code == 0 and rows(folder / "households.csv")[0]["备注"] == '\'=HYPERLINK("http://x")'


def test_a_map_naming_no_column_is_a_problem(folder: Path, tmp_path: Path) -> None:
    """--map with a header no archive has, or a target songnuan does not know, is refused."""
    one = write_archive(tmp_path / "一厂.xlsx", [person(1, "张一", "一厂", "新店镇凤坝村4组")])
    code, output = run(
        "import",
        str(one),
        "--into",
        str(folder),
        "--map",
        "收入=家庭月收入",
        "--map",
        "性别=性别码",
    )
    assert code == 2
    assert "--map:性别码: 不是家庭表的列名" in output
    assert "--map:收入: 没有哪份档案有这一列" in output


def test_a_place_the_clerk_gave_survives_a_reimport(folder: Path, tmp_path: Path) -> None:
    """An address matching no village, placed by hand in households.csv, stays placed."""
    one = write_archive(tmp_path / "一厂.xlsx", [person(1, "张一", "一厂", "人民路5号")])
    run("import", str(one), "--into", str(folder))
    table = folder / "households.csv"
    text = table.read_text(encoding="utf-8-sig")
    table.write_text(text.replace(",,人民路5号", ",p-example,人民路5号", 1), encoding="utf-8-sig")
    code, output = run("import", str(one), "--into", str(folder))
    assert code == 0 and "地址未能对应地点" not in output
    assert rows(table)[0]["所在地点"] == "p-example"
