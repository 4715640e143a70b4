"""`songnuan explain`: the answer office staff read out to a worker who asks "why (not) me?"."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from planner.cli import main
from planner.load import load_scenario

TINY = Path(__file__).resolve().parent.parent / "data" / "tiny"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def run(*arguments: str | Path) -> Result:
    return CliRunner().invoke(main, [str(argument) for argument in arguments])


def plan(folder: Path, out: Path, time_limit: str = "1") -> dict[str, Any]:
    """Plan `folder` into `out` and return its plan.json."""
    result = run("plan", folder, "--out", out, "--time-limit", time_limit, "--force")
    assert result.exit_code in (0, 3), result.output
    document: dict[str, Any] = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    return document


def set_columns(folder: Path, changes: dict[str, dict[str, str]]) -> None:
    """Change cells of households.csv: {household id: {column: value}}."""
    path = folder / "households.csv"
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        row.update(changes.get(row["id"], {}))
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """plan.json of the tiny scenario, as the office sent it out."""
    out = tmp_path_factory.mktemp("plan") / "out"
    plan(TINY, out)
    return out / "plan.json"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A private copy of the tiny scenario that a test may change."""
    return Path(shutil.copytree(TINY, tmp_path / "tiny"))


def explain(scenario: Path, household: str, *options: str | Path) -> str:
    result = run("explain", scenario, household, *options)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_funded_and_visited_household(planned: Path) -> None:
    """Eligible by which clause and threshold, the household size counted, the grant and its
    line, and the team, day and time of the visit."""
    answer = explain(TINY, "h01", "--plan", planned)
    assert "资格：符合慰问条件" in answer
    assert "人均月收入低于低保线150%（1170元）" in answer
    assert "人均收入按家庭3口人计算" in answer
    assert "资助：500元，由困难职工慰问金支付" in answer
    assert re.search(r"走访：2月\d日 \d\d:\d\d前后由\S+（\S+带队）上门", answer)
    assert f"依据：{planned}" in answer


def test_a_household_its_line_could_not_pay(planned: Path) -> None:
    """Unfunded: which line ran short, what it holds, and who came first on it."""
    document = json.loads(planned.read_text(encoding="utf-8"))
    unfunded = next(u["household_id"] for u in document["unfunded"] if u["household_id"] != "h07")
    answer = explain(TINY, unfunded, "--plan", planned)
    assert "资助：未获资助。困难职工慰问金余额" in answer
    assert "困难职工慰问金共2000元，已资助" in answer
    assert "由该渠道资助的户中优先级最低的是h" in answer
    assert "走访：未获资助，不安排走访" in answer


def test_an_ineligible_household(planned: Path) -> None:
    """Not eligible: the rule's reason with its threshold; no money, no visit."""
    answer = explain(TINY, "h10", "--plan", planned)
    assert "资格：不符合慰问条件" in answer
    assert "人均月收入超出适用的低保线倍数（低保线780元）" in answer
    assert "资助：不符合条件，不予资助" in answer and "走访：不符合条件，不安排走访" in answer


def test_no_id_bank_card_phone_address_or_income_is_shown(planned: Path) -> None:
    """The answer names the household but never shows its personal numbers or its income."""
    for household in load_scenario(TINY).households:
        answer = explain(TINY, household.id, "--plan", planned)
        assert household.name in answer
        for secret in (household.id_number, household.bank_card, household.phone):
            assert secret not in answer
        assert household.address not in answer
        if household.monthly_income is not None:
            assert f"{household.monthly_income}元" not in answer


def test_every_answer_has_english(planned: Path) -> None:
    """With --lang en nothing is left in Chinese but the names of people, units, places, lines,
    teams and tiers: every reason the tiny plan gives has its English."""
    scenario = load_scenario(TINY)
    names = {
        *(h.name for h in scenario.households),
        *(h.unit for h in scenario.households),
        *(p.district for p in scenario.places),
        *(line.name for line in scenario.budget.lines),
        *(t.name for t in scenario.teams),
        *(t.leader for t in scenario.teams),
        *(t.tier for t in scenario.teams),
    }
    document = json.loads(planned.read_text(encoding="utf-8"))
    assert document["unfunded"], "the tiny plan leaves a household unfunded"
    for household in scenario.households:
        answer = explain(TINY, household.id, "--plan", planned, "--lang", "en")
        for name in sorted(names, key=len, reverse=True):
            answer = answer.replace(name, "")
        assert not CJK.search(answer), answer
    answer = explain(TINY, "h01", "--plan", planned, "--lang", "en")
    assert "Eligibility: eligible" in answer and "Funding: 500 yuan" in answer


def test_without_a_plan_the_scenario_is_planned_anew(tiny: Path) -> None:
    """Without --plan the answer comes from planning the scenario, and says so."""
    answer = explain(tiny, "h08", "--time-limit", "1")
    assert "资助：1000元，由劳模慰问金支付" in answer
    assert "依据：按当前档案重新规划" in answer


def test_a_must_visit_needing_a_tier_that_has_no_team(tiny: Path, tmp_path: Path) -> None:
    """A 必访 household that needs a leader tier no team has: the visit is dropped and why."""
    set_columns(tiny, {"h01": {"tier": "省领导", "visit": "必访"}})
    out = tmp_path / "out"
    plan(tiny, out)
    answer = explain(tiny, "h01", "--plan", out / "plan.json")
    assert "走访：必访，但未能安排。没有“省领导”带队的走访小组" in answer


def test_a_visit_dropped_because_its_leader_tier_has_no_time(tiny: Path, tmp_path: Path) -> None:
    """Three households need the county leader, whose team makes one visit a day on two days:
    the one left out learns that the days are full and how busy that tier is."""
    text = (tiny / "scenario.yaml").read_text(encoding="utf-8")
    (tiny / "scenario.yaml").write_text(
        text.replace("max_visits_per_day: 4", "max_visits_per_day: 1"), encoding="utf-8"
    )
    set_columns(tiny, {hid: {"tier": "县领导"} for hid in ("h01", "h05", "h08")})
    out = tmp_path / "out"
    # Long enough to reach a local optimum even on a loaded machine: a search cut short by the
    # clock gives the "time limit" reason instead of "days are full".
    document = plan(tiny, out, time_limit="4")
    dropped = [d["household_id"] for d in document["dropped"]]
    assert len(dropped) == 1 and dropped[0] in ("h05", "h08")
    answer = explain(tiny, dropped[0], "--plan", out / "plan.json")
    full = "能走访该户的各组当日名额已满（已达每日走访上限），已排入的走访都不比该户次要"
    assert f"走访：未安排。{full}" in answer
    assert "须由“县领导”带队走访；该层级的小组（县领导组）已在2个走访日安排2户" in answer
    assert "本户优先级1；已安排走访的户中优先级最低为1" in answer
    english = explain(tiny, dropped[0], "--plan", out / "plan.json", "--lang", "en")
    assert "a team led by “县领导” must visit; that tier's teams (县领导组) already make" in english
    full = (
        "every team-day that could visit is at its cap (the day's visit cap is reached), "
        "with visits at least as important"
    )
    assert f"Visit: not planned. {full}" in english


def test_a_plan_made_before_the_files_changed_is_flagged(tiny: Path, tmp_path: Path) -> None:
    """When the archive changed since the plan, the answer says the plan's verdict differs."""
    out = tmp_path / "out"
    plan(tiny, out)
    set_columns(tiny, {"h01": {"archived": "否"}})
    answer = explain(tiny, "h01", "--plan", out / "plan.json")
    assert "资格：不符合慰问条件" in answer and "未建档" in answer
    assert "注意：按当前档案和规则核定的资格或优先级与该计划不同" in answer
    assert "资助：500元" in answer


def test_an_unknown_household_exits_2(planned: Path) -> None:
    """An id not in the households table: exit 2 with a clear message, before any planning."""
    result = run("explain", TINY, "h99")
    assert result.exit_code == 2
    assert "no household 'h99' in households.csv" in result.output
    assert "Traceback" not in result.output


def test_a_file_that_is_not_a_plan_exits_2(tmp_path: Path) -> None:
    """--plan pointing at something other than plan.json: exit 2 naming the file."""
    bad = tmp_path / "plan.json"
    bad.write_text('{"format_version": 1}', encoding="utf-8")
    result = run("explain", TINY, "h01", "--plan", bad)
    assert result.exit_code == 2 and "not a songnuan plan.json" in result.output
    bad.write_text("{", encoding="utf-8")
    result = run("explain", TINY, "h01", "--plan", bad)
    assert result.exit_code == 2 and "not JSON" in result.output
