"""`songnuan whatif` as a planner meets it: tables, whatif.xlsx and whatif.png, same figures
every time, locally and on a Dask cluster, and clear errors for a bad --vary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

from planner.cli import main

TINY = Path(__file__).resolve().parent.parent / "data" / "tiny"
VARY = ["--vary", "budget.total=100,2000,3000", "--vary", "standards.困难职工=400,500"]
"""Six variants; with 100 yuan the must-fund household (h04, 必访) cannot be paid."""
SHEETS = ["方案对比", "资金缺口", "各类别资助户数", "各乡镇资助户数", "各乡镇覆盖率", "说明"]

Sheets = dict[str, list[tuple[Any, ...]]]


def whatif(out: Path, *options: str) -> Result:
    arguments = ["whatif", str(TINY), *VARY, "--out", str(out), "--time-limit", "2", *options]
    return CliRunner().invoke(main, arguments)


def sheets(folder: Path) -> Sheets:
    """Every cell value of whatif.xlsx, sheet by sheet."""
    workbook = openpyxl.load_workbook(folder / "whatif.xlsx", read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    """A run on two local worker processes, shared by the tests of this module."""
    out = tmp_path_factory.mktemp("first") / "whatif"
    return whatif(out, "--workers", "2"), out


def test_whatif_writes_the_workbook_and_the_chart(first: tuple[Result, Path]) -> None:
    """Exit 0; whatif.xlsx has a sheet per table plus the notes; whatif.png is a PNG."""
    result, out = first
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == ["whatif.png", "whatif.xlsx"]
    assert (out / "whatif.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    found = sheets(out)
    assert list(found) == SHEETS
    overview = found["方案对比"]
    assert overview[1][:7] == (
        "方案",
        "预算总额（元）",
        "困难职工标准（元）",
        "资助户数",
        "覆盖率%",
        "发放金额",
        "走访户数",
    )
    assert [row[:3] for row in overview[2:]] == [
        ("#1", 100, 400),
        ("#2", 100, 500),
        ("#3", 2000, 400),
        ("#4", 2000, 500),
        ("#5", 3000, 400),
        ("#6", 3000, 500),
    ]


def test_whatif_prints_the_comparison_and_progress(first: tuple[Result, Path]) -> None:
    """The terminal shows one progress bar for all variants, the legend and the tables."""
    result, _ = first
    assert "planning variants" in result.output and "6/6" in result.output
    for title in ("variants", "comparison (8 eligible households)", "per category", "per district"):
        assert title in result.output
    assert "standards.困难职工" in result.output and "东镇" in result.output


def test_a_variant_that_cannot_be_planned_is_a_note(first: tuple[Result, Path]) -> None:
    """With 100 yuan the must-fund household cannot be paid: blank figures and a note, but the
    other variants are planned and the run succeeds."""
    result, out = first
    found = sheets(out)
    assert found["方案对比"][2][3:] == (None,) * (len(found["方案对比"][1]) - 3)
    notes = [row[0] for row in found["说明"]]
    assert len(notes) == 2 and all("无法规划" in note and "必须资助" in note for note in notes)
    assert "#1 (budget.total=100 standards.困难职工=400) cannot be planned" in result.output


def test_more_money_funds_no_fewer_households(first: tuple[Result, Path]) -> None:
    """Between 2,000 and 3,000 yuan, at the same standard, no household loses its grant."""
    funded = {row[0]: row[3] for row in sheets(first[1])["方案对比"][2:]}
    assert funded["#5"] >= funded["#3"] > 0 and funded["#6"] >= funded["#4"] > 0


def test_the_same_scenario_gives_the_same_figures(
    first: tuple[Result, Path], tmp_path: Path
) -> None:
    """A second run, on one worker instead of two, gives every figure again."""
    result = whatif(tmp_path / "again", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert sheets(tmp_path / "again") == sheets(first[1])


def test_variants_run_on_a_dask_cluster(first: tuple[Result, Path], tmp_path: Path) -> None:
    """With --cluster the variants run on Dask workers and give the local run's figures."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        result = whatif(tmp_path / "cluster", "--cluster", cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    assert sheets(tmp_path / "cluster") == sheets(first[1])


@pytest.mark.parametrize(
    ("vary", "message"),
    [
        ("budget.totl=1", "not a figure a what-if can vary"),
        ("budget.lines.moon.amount=1", "no budget line 'moon'"),
        ("standards.外星人=500", "unknown category '外星人'"),
        ("budget.total=-5", "budget.total=-5"),
    ],
)
def test_bad_vary_exits_2_before_planning(tmp_path: Path, vary: str, message: str) -> None:
    """A --vary that names nothing variable, or a value the scenario cannot take: exit 2, a
    clear message, nothing written."""
    out = tmp_path / "whatif"
    result = CliRunner().invoke(main, ["whatif", str(TINY), "--vary", vary, "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_the_workbook_prints_every_sheet_on_a4(first: tuple[Result, Path]) -> None:
    """Each sheet: A4, one page wide, the title and headers repeated on every page."""
    workbook = openpyxl.load_workbook(first[1] / "whatif.xlsx")
    for sheet in workbook.worksheets:
        assert sheet.page_setup.paperSize == 9, sheet.title
        # One page wide is the file format's default, so the file leaves fitToWidth out.
        setup = sheet.page_setup
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (setup.fitToWidth or 1) == 1 and int(setup.fitToHeight) == 0
        if sheet.title != "说明":
            assert sheet.print_title_rows == "$1:$2", sheet.title
    assert workbook["方案对比"].page_setup.orientation == "landscape"


def test_a_binding_line_is_named_with_its_shortfall(tmp_path: Path) -> None:
    """Raising the total while the 1,000-yuan 劳模 line binds (the other line has enough): the
    overview says the 劳模 line is 1,000 yuan short (two 劳模 at 1,000 each need 2,000); the
    money sheet gives what every line needs, and the 劳模 line's coverage stays at 50%."""
    out = tmp_path / "whatif"
    varies = ["--vary", "budget.total=4000,6000", "--vary", "budget.lines.needy.amount=3000"]
    arguments = ["whatif", str(TINY), *varies, "--out", str(out)]
    result = CliRunner().invoke(main, [*arguments, "--time-limit", "2", "--workers", "1"])
    assert result.exit_code == 0, result.output
    found = sheets(out)
    overview, money = found["方案对比"], found["资金缺口"]
    binding = overview[1].index("资金受限（缺口）")
    assert [row[binding] for row in overview[2:]] == ["劳模慰问金缺1,000元"] * 2
    assert [row[money[1].index("劳模慰问金覆盖率%")] for row in money[2:]] == [50, 50]
    needed = dict(zip(money[1], money[2], strict=True))
    assert needed["劳模慰问金全额所需"] == 2000 and needed["劳模慰问金缺口"] == 1000
    assert (
        needed["预算总额全额所需"]
        == needed["劳模慰问金全额所需"] + needed["困难职工慰问金全额所需"]
    )
    assert "劳模慰问金 short 1,000" in result.output


def test_existing_output_needs_force(tmp_path: Path) -> None:
    """Like `plan`, an existing folder is kept unless --force is given."""
    out = tmp_path / "whatif"
    out.mkdir()
    result = CliRunner().invoke(main, ["whatif", str(TINY), *VARY, "--out", str(out)])
    assert result.exit_code == 2 and "已存在；要替换请加 --force" in result.output
    assert list(out.iterdir()) == []


def test_an_unreachable_cluster_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A scheduler that does not answer: a clear error, no traceback, nothing written."""
    pytest.importorskip("distributed")
    monkeypatch.setattr("planner.cluster.CONNECT_TIMEOUT", 1.0)
    result = whatif(tmp_path / "whatif", "--cluster", "tcp://127.0.0.1:9")
    assert result.exit_code == 2, result.output
    assert "无法连接 Dask 调度器 tcp://127.0.0.1:9" in result.output
    assert not (tmp_path / "whatif").exists()
