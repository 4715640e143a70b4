"""scenario.yaml `travel:` (轻车简从) and the per-team caps: read, and checked at their lines."""

from __future__ import annotations

from pathlib import Path

from test_load import SCENARIO, line_of, make, problems

from planner.load import load_scenario
from planner.scenario import Travel

TRAVEL = "travel:\n  max_team_size: 3\n  vehicles_per_day: 2\n"


def test_travel_and_team_caps_load(tmp_path: Path) -> None:
    """The car pool, the team-size cap, a team's working minutes and district are read."""
    text = SCENARIO.replace("rules:", TRAVEL + "rules:")
    text = text.replace("    staff: 2\n", "    staff: 2\n    max_minutes_per_day: 420\n")
    text = text.replace("    staff: 2\n", "    staff: 2\n    district: 城关\n")
    scenario = load_scenario(make(tmp_path, {"scenario.yaml": text}))
    assert scenario.travel == Travel(max_team_size=3, vehicles_per_day=2)
    (team,) = scenario.teams
    assert (team.max_minutes_per_day, team.district, team.headcount) == (420, "城关", 3)


def test_team_above_the_size_cap_is_named_at_its_staff_line(tmp_path: Path) -> None:
    """A team of leader + 2 staff under max_team_size 2 is reported at teams[0].staff."""
    text = SCENARIO.replace("rules:", TRAVEL.replace("3", "2") + "rules:")
    assert problems(make(tmp_path, {"scenario.yaml": text})) == [
        f"scenario.yaml:{line_of(text, 'staff: 2')}:teams[0].staff: 小组 t1 共 3 人"
        "（领导 + 随行 2 人），超过 travel.max_team_size 的 2 人"
    ]


def test_empty_car_pool_is_refused(tmp_path: Path) -> None:
    """A pool of 0 cars would plan nothing: it is a problem at its line."""
    text = SCENARIO.replace("rules:", TRAVEL.replace("2\n", "0\n") + "rules:")
    (found,) = problems(make(tmp_path, {"scenario.yaml": text}))
    assert found.startswith(
        f"scenario.yaml:{line_of(text, 'vehicles_per_day')}:travel.vehicles_per_day: 应大于 0"
    )
