"""`travel: minutes: plugin`: a map service behind the songnuan_travel_minutes hook."""

from __future__ import annotations

from pathlib import Path

import pytest
from travel.folders import starter, write_households, write_places

from planner import hookimpl
from planner.load import load_scenario
from planner.plugins import make_plugin_manager
from planner.problems import PluginError, ScenarioError
from planner.scenario import Place, Scenario
from planner.travel.matrix import attach_travel


class MapService:
    """A plugin answering like a map service: 7 minutes a kilometre of longitude, counted."""

    def __init__(self, answer: object = None) -> None:
        self.calls = 0
        self.answer = answer

    @hookimpl
    def songnuan_travel_minutes(self, places: tuple[Place, ...], scenario: Scenario) -> object:
        self.calls += 1
        if self.answer is not None:
            return self.answer
        return [[round(abs(a.x - b.x) * 700) for b in places] for a in places]


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    folder = starter(tmp_path / "c", minutes="plugin")
    write_places(
        folder,
        [
            ("office", "本单位", "城关镇", "县城", 106.70, 26.60),
            ("v1", "凤坝村", "新店镇", "村", 106.80, 26.66),
        ],
    )
    write_households(folder, [("H1", "张一", "一厂", "v1", "", "困难职工", 1500, "", "")])
    return load_scenario(folder)


def test_hook_songnuan_travel_minutes(scenario: Scenario) -> None:
    """The plugin's minutes are used, kept in travel-cache/, and not asked for again."""
    pm = make_plugin_manager(["union"])
    service = MapService()
    pm.register(service, name="map")
    try:
        first = attach_travel(scenario, pm).travel_minutes
        again = attach_travel(scenario, pm).travel_minutes
    finally:
        pm.unregister(name="map")
    assert first is not None and first.minutes == ((0, 70), (70, 0)) and not first.estimate
    assert again == first and service.calls == 1
    assert any(p.name.startswith("plugin-") for p in (scenario.folder / "travel-cache").iterdir())


def test_a_wrong_answer_names_the_plugin(scenario: Scenario) -> None:
    """A matrix of the wrong size or with fractions is refused, by plugin and hook."""
    pm = make_plugin_manager(["union"])
    pm.register(MapService(answer=[[0, 1.5], [2, 0]]), name="map")
    try:
        with pytest.raises(
            PluginError, match="plugin 'map', hook songnuan_travel_minutes: expected 2 rows"
        ):
            attach_travel(scenario, pm)
    finally:
        pm.unregister(name="map")


def test_no_plugin_answering_is_a_problem(scenario: Scenario) -> None:
    """minutes: plugin with no plugin giving minutes: a problem at travel.minutes."""
    with pytest.raises(ScenarioError, match="no enabled plugin gives travel minutes"):
        attach_travel(scenario, make_plugin_manager(["union"]))
