"""Each built-in plugin's example scenario, planned end to end through the CLI.

One short run per scenario (module-scoped), then the facts its organisation's notice asks for
are checked in what the office receives: plan.json and the printed notes.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from planner.cli import main
from planner.load import load_scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
Run = tuple[Result, dict[str, Any]]


def plan(name: str, out: Path) -> Run:
    """`songnuan plan` on a bundled scenario with a short time limit; exit status and plan.json."""
    result = CliRunner().invoke(
        main, ["plan", str(SCENARIOS / name), "--out", str(out), "--time-limit", "1"]
    )
    assert result.exit_code == 0, result.output
    return result, json.loads((out / "plan.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """One run per scenario, shared by the tests of this module."""
    names = ("city-leaders-2026", "school-2027", "bureau-2026", "town-2027")
    return {name: plan(name, tmp_path_factory.mktemp(name) / "out") for name in names}


def visits(plan_json: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(route, visit) for every visit of the plan."""
    return [(route, visit) for route in plan_json["routes"] for visit in route["visits"]]


def cases(plan_json: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {case["household_id"]: case for case in plan_json["cases"]}


def test_city_leaders_plan(runs: dict[str, Run]) -> None:
    """Nominations visited by city leaders on 6, 9, 10 Feb; provincial visits 2,000; late noted."""
    result, plan_json = runs["city-leaders-2026"]
    teams = {route["team_id"] for route in plan_json["routes"]}
    city_dates = {r["date"] for r in plan_json["routes"] if r["team_id"].startswith("city")}
    assert city_dates <= {"2026-02-06", "2026-02-09", "2026-02-10"}
    assert any(team.startswith("province") for team in teams)
    by_id = cases(plan_json)
    provincial = [c for c in by_id.values() if c["tier"] == "省领导"]
    assert len(provincial) == 6 and all(c["standard"] == 2000 for c in provincial)
    visited = {visit["household_id"] for _, visit in visits(plan_json)}
    assert {c["household_id"] for c in by_id.values() if c["visit"] == "must"} <= visited
    assert "L032于1月7日提名，晚于截止日期1月5日2天" in result.output
    assert "石门县推荐了3个企业，应为2个" in result.output


def test_city_leaders_pays_plan_2_standards(runs: dict[str, Run]) -> None:
    """The union plugin's plan-2 defaults (front line 200, travel 300) reach the grants."""
    _, plan_json = runs["city-leaders-2026"]
    amounts = {(g["category"], g["amount"]) for g in plan_json["grants"]}
    assert {("一线职工", 200), ("返乡农民工", 300), ("未建档企业困难职工", 300)} <= amounts
    assert ("新就业形态劳动者", 500) in amounts


def test_school_offices_visit_their_own_categories(runs: dict[str, Run]) -> None:
    """Every visit is made by the team of the category's responsible office; retirees unvisited."""
    _, plan_json = runs["school-2027"]
    scenario = load_scenario(SCENARIOS / "school-2027")
    tier_of = {team.id: team.tier for team in scenario.teams}
    by_id = cases(plan_json)
    for route, visit in visits(plan_json):
        assert by_id[visit["household_id"]]["tier"] == tier_of[route["team_id"]]
    retirees = [g for g in plan_json["grants"] if g["category"] == "离退休人员"]
    assert len(retirees) == 14 and {g["line_id"] for g in retirees} == {"retirees"}
    visited = {visit["household_id"] for _, visit in visits(plan_json)}
    assert not visited & {g["household_id"] for g in retirees}


def test_school_shares_one_car_pool(runs: dict[str, Run]) -> None:
    """No day has more teams out than the pool's 4 cars."""
    _, plan_json = runs["school-2027"]
    per_day: dict[str, int] = {}
    for route in plan_json["routes"]:
        per_day[route["date"]] = per_day.get(route["date"], 0) + 1
    assert max(per_day.values()) <= 4


def test_bureau_visits_everyone_for_1000(runs: dict[str, Run]) -> None:
    """Every listed household visited by a bureau leader, 1,000 yuan each; off-window day noted."""
    result, plan_json = runs["bureau-2026"]
    grants = plan_json["grants"]
    assert len(grants) == 78 and {g["amount"] for g in grants} == {1000}
    assert len({visit["household_id"] for _, visit in visits(plan_json)}) == 78
    assert "（局领导）在1月29日出行，不在局里的走访时间（1月20日至1月28日）内" in result.output


def test_town_window_working_days_and_remote_villages(runs: dict[str, Run]) -> None:
    """Visits only on 18–22 and 25 Jan 2027; every remote household funded before near ones."""
    _, plan_json = runs["town-2027"]
    dates = {dt.date.fromisoformat(route["date"]) for route in plan_json["routes"]}
    allowed = {dt.date(2027, 1, d) for d in (18, 19, 20, 21, 22, 25)}
    assert dates and dates <= allowed
    scenario = load_scenario(SCENARIOS / "town-2027")
    history = {entry.place for entry in scenario.history if entry.year == 2024}
    funded = {g["household_id"] for g in plan_json["grants"]}
    remote = [
        h.id for h in scenario.households if h.place.startswith("v") and h.place not in history
    ]
    assert remote and set(remote) <= funded
    assert plan_json["unfunded"]


def test_town_without_2027_holidays_exits_2_saying_what_to_add(tmp_path: Path) -> None:
    """Removing calendar.years: exit 2, file:line:field, the key to add, nothing written."""
    folder = tmp_path / "town"
    shutil.copytree(SCENARIOS / "town-2027", folder)
    yaml = folder / "scenario.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text[: text.index("  years:")] + text[text.index("teams:") :], encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["plan", str(folder), "--out", str(out)])
    assert result.exit_code == 2
    assert "scenario.yaml:" in result.output and ":teams[0].days[0]: " in result.output
    assert "calendar.years.2027 下写上 holidays: [...] 和 workdays: [...]" in result.output
    assert not out.exists()
