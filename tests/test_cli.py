"""The `songnuan` command as a user meets it: clear errors, exit statuses, nothing half-written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import main

TINY = Path(__file__).resolve().parent / "data" / "tiny"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A private copy of the tiny scenario that a test may break."""
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    return folder


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def edit(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_validate_reports_ok_on_a_good_scenario(tiny: Path) -> None:
    """`validate` on a sound folder says OK with the counts, exit 0: in Chinese, or in English
    with `--lang en`."""
    result = run("validate", str(tiny))
    assert result.exit_code == 0, result.output
    assert "OK" in result.output and "12户（符合条件" in result.output
    english = run("validate", str(tiny), "--lang", "en")
    assert english.exit_code == 0 and "12 households" in english.output


def test_plan_writes_the_outputs(tiny: Path, tmp_path: Path) -> None:
    """`plan` writes plan.json, the workbook and one calendar per team."""
    out = tmp_path / "out"
    result = run("plan", str(tiny), "--out", str(out), "--time-limit", "1")
    assert result.exit_code == 0, result.output
    assert (out / "plan.json").is_file() and (out / "allocation.xlsx").is_file()
    teams = sorted(p.name for p in (out / "calendars").glob("*.ics"))
    assert teams == ["county-1.ics", "union-1.ics"]


def test_existing_output_needs_force(tiny: Path, tmp_path: Path) -> None:
    """An existing output folder is kept unless --force is given."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    refused = run("plan", str(tiny), "--out", str(out), "--time-limit", "1")
    assert refused.exit_code == 2 and "已存在；要替换请加 --force" in refused.output
    assert "--force" in refused.output
    assert (out / "keep.txt").exists()
    replaced = run("plan", str(tiny), "--out", str(out), "--time-limit", "1", "--force")
    assert replaced.exit_code == 0, replaced.output
    assert not (out / "keep.txt").exists() and (out / "plan.json").exists()


BREAKAGES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "missing scenario.yaml": (
        "scenario.yaml",
        lambda folder: (folder / "scenario.yaml").unlink(),
        "scenario.yaml",
    ),
    "malformed yaml": (
        "scenario.yaml",
        lambda folder: edit(folder / "scenario.yaml", lambda t: t.replace("year: 2027", "year: [")),
        "scenario.yaml:",
    ),
    "misspelled column": (
        "households.csv",
        lambda folder: edit(
            folder / "households.csv", lambda t: t.replace(",category,", ",categry,", 1)
        ),
        "households.csv:1:",
    ),
    "non-numeric income": (
        "households.csv",
        lambda folder: edit(
            folder / "households.csv", lambda t: t.replace(",2400,", ",两千四,", 1)
        ),
        "households.csv:2:monthly_income",
    ),
    "duplicate household id": (
        "households.csv",
        lambda folder: edit(folder / "households.csv", lambda t: t.replace("\nh02,", "\nh01,", 1)),
        "households.csv:3:id",
    ),
    "place not on the network": (
        "households.csv",
        lambda folder: edit(
            folder / "households.csv", lambda t: t.replace(",east-v1,", ",moon,", 1)
        ),
        "households.csv:2:place",
    ),
    "team without time": (
        "scenario.yaml",
        lambda folder: edit(
            folder / "scenario.yaml",
            lambda t: t.replace('hours: "08:30-17:30"', 'hours: "17:30-08:30"', 1),
        ),
        "scenario.yaml:",
    ),
    "unknown category": (
        "households.csv",
        lambda folder: edit(
            folder / "households.csv", lambda t: t.replace(",困难企业职工,", ",外星人,", 1)
        ),
        "households.csv:2:类别: 不认识的类别",
    ),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_bad_input_exits_2_with_a_located_message_and_writes_nothing(
    tiny: Path, tmp_path: Path, breakage: str
) -> None:
    """Each kind of broken input: exit 2, `file:row:column` message, no traceback, no output."""
    _, damage, expected = BREAKAGES[breakage]
    damage(tiny)
    out = tmp_path / "out"
    result = run("plan", str(tiny), "--out", str(out), "--time-limit", "1")
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "Traceback" not in result.output
    assert "未写入任何文件" in result.output
    assert not out.exists()
    assert not list(tmp_path.glob(".songnuan-*"))


def test_messages_do_not_quote_personal_data(tiny: Path) -> None:
    """A bad income cell is located, but its content is not repeated."""
    edit(tiny / "households.csv", lambda t: t.replace(",2400,", ",2400元整,", 1))
    result = run("validate", str(tiny))
    assert result.exit_code == 2
    assert "monthly_income" in result.output and "2400" not in result.output


def test_dropped_must_visit_exits_3_and_names_it(tiny: Path, tmp_path: Path) -> None:
    """A 必访 household needing a tier no team has: plan written, exit 3, reason printed in the
    terminal's language."""
    edit(
        tiny / "households.csv",
        lambda t: t.replace(",深度困难,,,,,", ",深度困难,省领导,必访,,,", 1),
    )
    out = tmp_path / "out"
    result = run("plan", str(tiny), "--out", str(out), "--time-limit", "1")
    assert result.exit_code == 3, result.output
    assert "必访未安排" in result.output and "h01: 没有“省领导”带队的走访小组" in result.output
    assert (out / "plan.json").exists()
    again = ("--out", str(out), "--time-limit", "1", "--force", "--lang", "en")
    english = run("plan", str(tiny), *again)
    assert english.exit_code == 3, english.output
    assert "must-visit not planned" in english.output
    assert "h01: no visiting team is led by “省领导”" in english.output


def test_plugins_lists_the_union_plugin_and_its_hooks() -> None:
    """`songnuan plugins` shows each plugin with the hooks it implements."""
    result = run("plugins")
    assert result.exit_code == 0
    assert "union" in result.output and "songnuan_eligibility" in result.output


def test_python_dash_m_planner_works() -> None:
    """`python -m planner` is the same command."""
    done = subprocess.run(
        [sys.executable, "-m", "planner", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "plan" in done.stdout
