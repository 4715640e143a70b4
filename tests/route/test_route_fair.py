"""Fair loads between teams: the objective levels a tier's teams, and a scenario can require
each team out on some days or making some visits (`min_days`, `min_visits`)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from route.tiny import DAY1, DAY2, TinyCampaign, assert_feasible

from planner.export.report import report_html
from planner.load import load_scenario
from planner.plan import Plan
from planner.problems import ScenarioError
from planner.summary import summarise

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def _visits_by_team(plan: Plan) -> dict[str, int]:
    made: dict[str, int] = {}
    for route in plan.routes:
        made[route.team_id] = made.get(route.team_id, 0) + len(route.visits)
    return made


def _require(campaign: TinyCampaign, team_id: str, **rules: int) -> None:
    """Give the team `min_days` / `min_visits` as scenario.yaml would."""
    campaign.teams = [
        team.model_copy(update=rules) if team.id == team_id else team for team in campaign.teams
    ]


def test_two_teams_of_a_tier_share_the_visits_when_the_drive_is_short(
    campaign: TinyCampaign,
) -> None:
    """Soft: two households in village a and two in b, 10 minutes apart; one team could make
    them all on one 40-minute drive, but levelling the tier's busiest day sends both teams,
    two visits each, for 60 road minutes."""
    campaign.team("t1")
    campaign.team("t2")
    for k in range(4):
        campaign.home(f"h{k}", "ab"[k % 2])
    plan = campaign.plan()
    assert sorted(_visits_by_team(plan).values()) == [2, 2]
    assert_feasible(campaign, plan)


def test_teams_of_different_tiers_are_not_levelled(campaign: TinyCampaign) -> None:
    """Fair loads are within a tier: with one team per tier, one team makes all four visits
    (one drive out), since teams of different tiers do different work."""
    campaign.team("t1", tier="县领导")
    campaign.team("t2", tier="乡镇领导")
    for k in range(4):
        campaign.home(f"h{k}", "a")
    plan = campaign.plan()
    assert sorted(_visits_by_team(plan).values()) == [4]


def test_min_days_sends_a_team_out_that_would_stay_home(campaign: TinyCampaign) -> None:
    """Hard: the far team (400 minutes out) would never go; with min_days 2 it is out on both
    of its days, and each of its days makes a visit."""
    campaign.team("near", dates=(DAY1, DAY2))
    campaign.team("far", depot="far", dates=(DAY1, DAY2), hours="06:00-23:00")
    for k in range(4):
        campaign.home(f"h{k}", "abcd"[k])
    assert "far" not in _visits_by_team(campaign.plan())
    _require(campaign, "far", min_days=2)
    plan = campaign.plan()
    assert sorted(route.date for route in plan.routes if route.team_id == "far") == [DAY1, DAY2]
    assert not plan.dropped
    assert_feasible(campaign, plan)


def test_min_visits_gives_a_team_that_many_visits(campaign: TinyCampaign) -> None:
    """Hard: with min_visits 3 the far team makes at least three of the four visits."""
    campaign.team("near")
    campaign.team("far", depot="far", hours="06:00-23:00")
    for k in range(4):
        campaign.home(f"h{k}", "abcd"[k])
    _require(campaign, "far", min_visits=3)
    plan = campaign.plan()
    assert _visits_by_team(plan).get("far", 0) >= 3
    assert not plan.dropped


def test_summary_shows_each_tier_spread_with_an_idle_team(campaign: TinyCampaign) -> None:
    """The summary's loads name an idle team's tier with max/min unbounded and a Gini above 0."""
    campaign.team("near")
    campaign.team("far", depot="far")
    campaign.home("h0", "a")
    (tier,) = summarise(_plan_of(campaign)).loads
    assert [team.team_id for team in tier.teams] == ["near", "far"]
    assert tier.visits.least == 0 and tier.visits.ratio is None
    assert tier.visits.gini == 0.5


def _plan_of(campaign: TinyCampaign) -> Plan:
    return campaign.plan()


def test_report_states_the_spread_of_each_tier(campaign: TinyCampaign) -> None:
    """The report's team section gives the tier's road and visit spread with an idle team's
    max/min as "—" (what a leader left at home would look for)."""
    campaign.team("near")
    campaign.team("far", depot="far")
    campaign.home("h0", "a")
    html = report_html(campaign.plan())
    assert "县领导（2个组）：路上时间 0.0–0.3 小时，最多/最少 —" in html
    assert "走访 0–1 户，最多/最少 —，基尼系数 0.500" in html


def _bureau_with(tmp_path: Path, line: str) -> Path:
    """bureau-2026 with `line` after each team's tier, as an office would add it."""
    folder = tmp_path / "bureau"
    shutil.copytree(SCENARIOS / "bureau-2026", folder)
    yaml = folder / "scenario.yaml"
    text = re.sub(
        r"^(\s*)tier: (.*)$", rf"\1tier: \2\n\1{line}", yaml.read_text("utf-8"), flags=re.M
    )
    yaml.write_text(text, "utf-8")
    return folder


def test_scenario_yaml_gives_each_team_its_min_days(tmp_path: Path) -> None:
    """`min_days:` under a team in scenario.yaml reaches the team."""
    scenario = load_scenario(_bureau_with(tmp_path, "min_days: 1"))
    assert {team.min_days for team in scenario.teams} == {1}


def test_a_negative_min_visits_is_a_problem_at_its_key(tmp_path: Path) -> None:
    """A negative `min_visits:` is reported at scenario.yaml's line and key, not a traceback."""
    with pytest.raises(ScenarioError) as raised:
        load_scenario(_bureau_with(tmp_path, "min_visits: -2"))
    assert (
        "scenario.yaml:27:teams[0].min_visits: 应不小于 0"
        in str(raised.value)
    )
