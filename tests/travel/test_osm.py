"""Minutes over a real OpenStreetMap extract: pyrosm's shipped test.osm.pbf (south-east Finland)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyrosm
import pytest
from click.testing import CliRunner
from travel.folders import starter, write_households, write_places

from planner.cli import main
from planner.load import load_scenario
from planner.problems import ScenarioError
from planner.travel.coordinates import metres_between
from planner.travel.matrix import attach_travel, campaign_places

INSIDE = [
    ("office", "本单位", "城关镇", "县城", 26.945, 60.530),
    ("v1", "一村", "甲镇", "村", 26.960, 60.535),
    ("v2", "二村", "甲镇", "村", 26.950, 60.522),
    ("v3", "三村", "乙镇", "村", 26.940, 60.538),
]
HOUSEHOLDS = [
    (f"H{i}", f"户{i}", "一厂", place, "", "困难职工", 1500, "", "")
    for i, place in enumerate(["v1", "v2", "v3"])
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A scenario whose minutes come from the extract, its places inside it."""
    folder = starter(tmp_path / "c", minutes="{osm: test.osm.pbf}")
    shutil.copy(pyrosm.get_data("test_pbf"), folder / "test.osm.pbf")
    write_places(folder, INSIDE)
    write_households(folder, HOUSEHOLDS)
    return folder


def test_minutes_follow_the_roads(folder: Path) -> None:
    """Zero to itself; every drive takes longer than the straight line at motorway speed."""
    scenario = attach_travel(load_scenario(folder))
    matrix = scenario.travel_minutes
    assert matrix is not None and matrix.places == campaign_places(scenario) == (
        "office",
        "v1",
        "v2",
        "v3",
    )
    at = {p.id: (p.x, p.y) for p in scenario.places}
    for i, a in enumerate(matrix.places):
        for j, b in enumerate(matrix.places):
            if i == j:
                assert matrix.minutes[i][j] == 0
            else:
                assert 0 < matrix.minutes[i][j] < 30
                assert matrix.minutes[i][j] + 0.5 >= metres_between(at[a], at[b]) / (100 / 3.6) / 60


def test_the_matrix_is_kept_in_the_folder_and_reread(folder: Path) -> None:
    """travel-cache/ holds the minutes; the same inputs give the same minutes; a moved place
    gives new ones under another key."""
    first = attach_travel(load_scenario(folder)).travel_minutes
    cached = sorted(p.name for p in (folder / "travel-cache").iterdir())
    assert [name for name in cached if name.endswith(".json")] and any(
        n.endswith(".npz") for n in cached
    )
    assert attach_travel(load_scenario(folder)).travel_minutes == first
    write_places(folder, [*INSIDE[:3], ("v3", "三村", "乙镇", "村", 26.965, 60.525)])
    attach_travel(load_scenario(folder))
    assert len([p for p in (folder / "travel-cache").iterdir() if p.suffix == ".json"]) == 2


def test_a_place_far_from_every_road_is_a_problem(folder: Path) -> None:
    """7 km off the extract's roads: named with its distance, not snapped silently."""
    write_places(folder, [*INSIDE[:3], ("v3", "三村", "乙镇", "村", 26.990, 60.600)])
    with pytest.raises(ScenarioError) as caught:
        attach_travel(load_scenario(folder))
    (problem,) = caught.value.problems
    assert re.fullmatch(
        r"places\.csv:经度: place v3 is [\d,]+ m from the nearest drivable road of "
        r"test\.osm\.pbf \(more than snap_metres: 1000\).*",
        str(problem),
    )
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 2 and "place v3 is" in result.output


def test_the_report_map_draws_the_roads_driven(folder: Path, tmp_path: Path) -> None:
    """Each tour's line passes the extract's road nodes, not only the stops."""
    result = CliRunner().invoke(
        main, ["plan", str(folder), "--out", str(tmp_path / "o"), "--time-limit", "1"]
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "o" / "report.html").read_text(encoding="utf-8")
    (attributes,) = re.findall(r"<polyline([^>]*)>", html)
    points = re.findall(r'points="([^"]+)"', attributes)[0]
    assert len(points.split()) > 10  # depot, three stops, depot: 5 points as straight lines
    assert "stroke-dasharray" not in attributes
