"""`songnuan init`: a starter scenario that validates and plans as it stands, for every plugin."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.intake.starter import campaign_year, team_days

PLUGINS = (["union"], ["school"], ["bureau"], ["town"], ["union", "city_leaders"])


@pytest.mark.parametrize("plugins", PLUGINS, ids=lambda p: "+".join(p))
def test_the_starter_validates_and_plans(tmp_path: Path, plugins: list[str]) -> None:
    """init → validate → plan without a single edit, for each built-in organisation plugin."""
    runner = CliRunner()
    options = [arg for name in plugins for arg in ("--plugin", name)]
    made = runner.invoke(main, ["init", str(tmp_path / "c"), *options, "--year", "2027"])
    assert made.exit_code == 0, made.output
    checked = runner.invoke(main, ["validate", str(tmp_path / "c")])
    assert checked.exit_code == 0 and "1户（符合条件1户）" in checked.output
    planned = runner.invoke(
        main, ["plan", str(tmp_path / "c"), "--out", str(tmp_path / "o"), "--time-limit", "1"]
    )
    assert planned.exit_code == 0, planned.output
    assert (tmp_path / "o" / "calendars").is_dir()


@pytest.mark.parametrize(("plugin", "tier"), [("school", "校工会"), ("bureau", "局领导")])
def test_the_starters_team_has_the_tier_the_rules_want(
    tmp_path: Path, plugin: str, tier: str
) -> None:
    """The example team is led by the tier the plugin's rules send to the example household, so
    validate raises no "no team of that tier" note straight after init."""
    runner = CliRunner()
    runner.invoke(main, ["init", str(tmp_path / "c"), "--plugin", plugin, "--year", "2027"])
    assert f"tier: {tier} " in (tmp_path / "c" / "scenario.yaml").read_text(encoding="utf-8")
    checked = runner.invoke(main, ["validate", str(tmp_path / "c")])
    assert checked.exit_code == 0 and "层级" not in checked.output, checked.output


def test_init_writes_commented_yaml_tables_and_a_chinese_readme(tmp_path: Path) -> None:
    """Every key of scenario.yaml has a Chinese comment; each table has a header and one row."""
    CliRunner().invoke(main, ["init", str(tmp_path / "c"), "--plugin", "union", "--year", "2027"])
    lines = (tmp_path / "c" / "scenario.yaml").read_text(encoding="utf-8").splitlines()
    keys = [line for line in lines if line.strip() and not line.lstrip().startswith(("#", "- 20"))]
    uncommented = [line for line in keys if "#" not in line]
    assert uncommented == []
    for table in ("households.csv", "places.csv", "roads.csv", "history.csv"):
        assert len((tmp_path / "c" / table).read_text(encoding="utf-8-sig").splitlines()) >= 2
    assert "songnuan import" in (tmp_path / "c" / "README.txt").read_text(encoding="utf-8")


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    """An existing folder is left alone: exit 2, nothing changed."""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "mine.txt").write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path / "c"), "--plugin", "union"])
    assert result.exit_code == 2 and "已存在" in result.output
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["mine.txt"]


def test_a_plugin_without_categories_or_not_installed_is_refused(tmp_path: Path) -> None:
    """city_leaders alone registers no categories; an unknown plugin is named."""
    alone = CliRunner().invoke(main, ["init", str(tmp_path / "a"), "--plugin", "city_leaders"])
    assert alone.exit_code == 2 and "registers no household categories" in alone.output
    unknown = CliRunner().invoke(main, ["init", str(tmp_path / "b"), "--plugin", "nope"])
    assert unknown.exit_code == 2 and "not installed" in unknown.output
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_the_campaign_year_and_team_days_follow_spring_festival() -> None:
    """Before 6 Feb 2027 a campaign is for 2027; the example days are weekdays before it."""
    import datetime as dt

    assert campaign_year(dt.date(2026, 12, 1)) == 2027
    assert campaign_year(dt.date(2027, 2, 7)) == 2028
    days = team_days(2027)
    assert len(days) == 3 and all(d.weekday() < 5 and d < dt.date(2027, 1, 28) for d in days)
