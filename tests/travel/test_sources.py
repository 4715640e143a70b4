"""The other sources: straight-line estimate, roads.csv, and the settings scenario.yaml takes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from travel.folders import starter, write_households, write_places

from planner.load import load_scenario
from planner.problems import ScenarioError
from planner.travel.coordinates import metres_between
from planner.travel.matrix import attach_travel
from planner.travel.settings import MinutesSource

PLACES = [
    ("office", "本单位", "城关镇", "县城", 106.70, 26.60),
    ("v1", "凤坝村", "新店镇", "村", 106.80, 26.66),
]


def test_estimate_is_distance_times_detour_at_the_speed(tmp_path: Path) -> None:
    """{estimate: {detour: 1.5, speed_kmh: 30}}: minutes = metres × 1.5 / 500 per minute."""
    folder = starter(tmp_path / "c", minutes="{estimate: {detour: 1.5, speed_kmh: 30}}")
    write_places(folder, PLACES)
    write_households(folder, [("H1", "张一", "一厂", "v1", "", "困难职工", 1500, "", "")])
    matrix = attach_travel(load_scenario(folder)).travel_minutes
    assert matrix is not None and matrix.estimate
    expected = round(metres_between((106.70, 26.60), (106.80, 26.66)) * 1.5 / 500)
    assert matrix.minutes == ((0, expected), (expected, 0)) and expected == 36


def test_roads_are_needed_only_for_the_roads_source(tmp_path: Path) -> None:
    """With estimate, roads.csv may be absent; with roads it is required."""
    folder = starter(tmp_path / "c")
    (folder / "roads.csv").unlink()
    assert load_scenario(folder).roads == ()
    text = (
        (folder / "scenario.yaml")
        .read_text(encoding="utf-8")
        .replace("minutes: estimate", "minutes: roads")
    )
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"缺少表格：方案需要 roads\.csv"):
        load_scenario(folder)


def test_settings_take_the_short_forms_and_refuse_mistakes() -> None:
    """Words and one-key mappings; an OSM source without its file or with an unknown class fails."""
    assert MinutesSource.model_validate("roads").source == "roads"
    osm = MinutesSource.model_validate({"osm": "本县.osm.pbf", "speeds": {"primary": 70}})
    assert (
        osm.source == "osm"
        and osm.road_speeds()["primary"] == 70
        and osm.road_speeds()["motorway"] == 100
    )
    assert MinutesSource.model_validate({"estimate": None}).detour == 1.4
    with pytest.raises(ValidationError, match="不认识的道路等级 footway"):
        MinutesSource.model_validate({"osm": "a.pbf", "speeds": {"footway": 5}})
    with pytest.raises(ValidationError, match="用 osm 要写明地图文件"):
        MinutesSource.model_validate({"source": "osm"})
