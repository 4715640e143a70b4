"""A column an enabled plugin's rule needs is a problem when the households table lacks it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from planner import hookimpl
from planner.cli import main
from planner.intake.starter import write_starter
from planner.load import load_scenario
from planner.plugins import make_plugin_manager
from planner.problems import ScenarioError
from planner.rules import apply_rules


def without_income(folder: Path) -> Path:
    """The union starter with its households table cut to the columns a careless list has."""
    write_starter(folder, ["union"], 2027)
    (folder / "households.csv").write_text(
        "编号,姓名,所在单位,所在地点,类别\nH1,张一,一厂,p-example,困难职工\n", encoding="utf-8-sig"
    )
    return folder


def test_validate_and_plan_say_which_rule_cannot_be_judged(tmp_path: Path) -> None:
    """No 家庭月收入: validate and plan exit 2 naming the union's income rule, not "OK"."""
    folder = without_income(tmp_path / "c")
    expected = (
        "households.csv:家庭月收入: 缺少列 家庭月收入（monthly_income）：没有这一列，"
        "插件 union 的规则“人均月收入与低保线比较”无法核定任何一户；请添上这一列"
    )
    for args in (["validate", str(folder)], ["plan", str(folder), "--out", str(tmp_path / "o")]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and expected in result.output
    assert not (tmp_path / "o").exists()


class NeedsMedicalCost:
    """A plugin whose rule reads the out-of-pocket medical cost."""

    @hookimpl
    def songnuan_needed_columns(self) -> dict[str, str]:
        return {"medical_cost": "大病自负医药费核定"}


def test_hook_songnuan_needed_columns(tmp_path: Path) -> None:
    """A plugin's declared column, absent from the table, is a problem naming plugin and rule."""
    folder = write_starter(tmp_path / "c", ["union"], 2027) and tmp_path / "c"
    scenario = load_scenario(folder)
    pm = make_plugin_manager(["union"])
    apply_rules(scenario, pm)  # the starter has every column
    text = (
        (folder / "households.csv").read_text(encoding="utf-8-sig").replace("自负医药费", "医药费")
    )
    (folder / "households.csv").write_text(text, encoding="utf-8-sig")
    pm.register(NeedsMedicalCost(), name="medical")
    try:
        apply_rules(scenario, pm)  # a scenario read before the column went is still fine
        try:
            apply_rules(load_scenario(folder), pm)
        except ScenarioError as error:
            (problem,) = error.problems
        else:
            raise AssertionError("the missing column was not reported")
    finally:
        pm.unregister(name="medical")
    assert str(problem).startswith(
        "households.csv:自负医药费: 缺少列 自负医药费（medical_cost）：没有这一列，"
        "插件 medical 的规则“大病自负医药费核定”"
    )
