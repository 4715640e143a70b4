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
from planner.loads import load_lines
from planner.pipeline import plan_scenario
from planner.plan import Plan
from planner.plugins import make_plugin_manager
from planner.problems import ScenarioError
from planner.route import Settings, search
from planner.route.model import build
from planner.scenario import FairLoads
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


def test_a_tier_is_levelled_over_each_team_s_days_not_day_by_day(
    campaign: TinyCampaign,
) -> None:
    """Min–max over a team's whole campaign: four households in village a, at most two visits
    a day, two teams out on both days. Two team-days are needed whoever goes; one team making
    both (two visits on each of its days) would be as level day by day, but not team by team:
    each team makes two."""
    campaign.team("t1", dates=(DAY1, DAY2), max_visits=2)
    campaign.team("t2", dates=(DAY1, DAY2), max_visits=2)
    for k in range(4):
        campaign.home(f"h{k}", "a")
    plan = campaign.plan()
    assert sorted(_visits_by_team(plan).values()) == [2, 2]
    assert_feasible(campaign, plan)


def test_weights_of_zero_leave_loads_to_the_driving(campaign: TinyCampaign) -> None:
    """`fair_loads: {road_weight: 0, visits_weight: 0}`: the four households of the first test
    go to one team on one 40-minute drive, the shortest, since levelling then weighs nothing."""
    campaign.fair_loads = FairLoads(road_weight=0, visits_weight=0)
    campaign.team("t1")
    campaign.team("t2")
    for k in range(4):
        campaign.home(f"h{k}", "ab"[k % 2])
    plan = campaign.plan()
    assert sorted(_visits_by_team(plan).values()) == [4]
    assert sum(route.travel_minutes for route in plan.routes) == 40


def test_the_road_share_alone_sends_the_second_team(campaign: TinyCampaign) -> None:
    """Soft, the road share only (`visits_weight: 0`): two households in village a (10 minutes
    out) and two in b (20), at most two visits a day, two teams out on both days. One team
    making a and b on its two days drives the least (60 minutes) but twice its share of 30;
    the search without road shares finds such plans first, and the search with them gives
    each team one of the days' work."""
    campaign.fair_loads = FairLoads(visits_weight=0)
    campaign.team("t1", dates=(DAY1, DAY2), max_visits=2)
    campaign.team("t2", dates=(DAY1, DAY2), max_visits=2)
    for k in range(4):
        campaign.home(f"h{k}", "ab"[k // 2])
    plan = campaign.plan()
    assert sorted(_visits_by_team(plan).values()) == [2, 2]
    assert_feasible(campaign, plan)


def test_the_objective_is_the_whole_model_s_with_or_without_levelled_road(
    campaign: TinyCampaign,
) -> None:
    """Whether the road shares bound or not, `Plan.objective` is what OR-Tools makes of the
    plan's routes with every rule (`search.evaluate`), road shares included."""
    campaign.team("t1", dates=(DAY1, DAY2), max_visits=2)
    campaign.team("t2", dates=(DAY1, DAY2), max_visits=2)
    for k in range(4):
        campaign.home(f"h{k}", "ab"[k // 2])
    for weights in (FairLoads(visits_weight=0), FairLoads(road_weight=100, visits_weight=0)):
        campaign.fair_loads = weights
        data = build(campaign.allocation())
        found = search.solve(data, Settings(solutions=200, workers=1))
        assert found.objective == search.evaluate(data, search.solution_routes(data, found))


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


def test_a_team_the_plan_leaves_short_of_its_least_work_is_named(campaign: TinyCampaign) -> None:
    """A floor the team cannot reach (ten visits asked, two households in all) still gives a
    plan, and the summary's load lines say which team is short, what was asked and what it got."""
    campaign.team("near")
    campaign.team("far", depot="far", hours="06:00-23:00")
    campaign.home("h0", "a")
    campaign.home("h1", "b")
    _require(campaign, "far", min_visits=10)
    summary = summarise(campaign.plan())
    lines = load_lines(summary.loads, "zh")
    assert "far组：要求至少出行 0 天、走访 10 户，计划为出行 1 天、走访 2 户" in lines[-1]
    assert not any("near组：要求" in line for line in lines)


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


def test_no_bureau_leader_stays_home_while_others_make_the_visits() -> None:
    """bureau-2026 as bundled, default settings: its eight 局领导 groups share the 78 visits.
    Levelling each day alone left four groups without a single day (0–24 visits a group);
    levelled over each group's days, every group goes out and the busiest makes at most three
    times the visits of the least."""
    scenario = load_scenario(SCENARIOS / "bureau-2026")
    plan = plan_scenario(scenario, make_plugin_manager(scenario.campaign.plugins, ()), Settings())
    made = _visits_by_team(plan)
    assert len(made) == len(scenario.teams) == 8
    assert max(made.values()) <= 3 * min(made.values())
    assert not plan.dropped


def test_fair_loads_section_gives_every_team_its_least_work(tmp_path: Path) -> None:
    """`fair_loads: {min_days: 1}` reaches every team; a team's own `min_days` wins."""
    folder = _bureau_with(tmp_path, "")
    yaml = folder / "scenario.yaml"
    text = yaml.read_text("utf-8").replace("teams:\n", "fair_loads:\n  min_days: 1\nteams:\n", 1)
    text = text.replace("tier: 局领导\n", "tier: 局领导\n    min_days: 0\n", 1)
    yaml.write_text(text, "utf-8")
    teams = load_scenario(folder).teams
    assert [team.min_days for team in teams] == [0] + [1] * 7


def test_a_misspelt_fair_loads_key_is_a_problem_at_its_line(tmp_path: Path) -> None:
    """A key `fair_loads:` does not know is reported at its line, not ignored."""
    folder = _bureau_with(tmp_path, "")
    yaml = folder / "scenario.yaml"
    text = yaml.read_text("utf-8").replace("teams:\n", "fair_loads:\n  min_day: 1\nteams:\n", 1)
    yaml.write_text(text, "utf-8")
    with pytest.raises(ScenarioError) as raised:
        load_scenario(folder)
    assert "fair_loads.min_day" in str(raised.value)


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
