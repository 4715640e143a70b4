"""Load places every household: by place id, own coordinates, or address; and converts systems."""

from __future__ import annotations

from pathlib import Path

import prcoords
import pytest
from travel.folders import starter, write_households, write_places

from planner.load import load_added_households, load_scenario
from planner.problems import ScenarioError

PLACES = [
    ("office", "本单位", "城关镇", "县城", 106.70, 26.60),
    ("v1", "凤坝村", "新店镇", "村", 106.80, 26.66),
    ("v2", "凤坝村", "五德镇", "村", 106.62, 26.55),
]


def problems(folder: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [str(p) for p in caught.value.problems]


def test_households_located_by_address_or_own_coordinates(tmp_path: Path) -> None:
    """新店镇凤坝村4组 → v1; 经度/纬度 → a place of its own in the nearest place's town."""
    folder = starter(tmp_path / "c")
    write_places(folder, PLACES)
    write_households(
        folder,
        [
            ("H1", "张一", "一厂", "", "新店镇凤坝村4组", "困难职工", 2000, "", ""),
            ("H2", "李二", "一厂", "", "", "困难职工", 2000, 106.63, 26.56),
            ("H3", "王三", "一厂", "v2", "", "困难职工", 2000, "", ""),
        ],
    )
    scenario = load_scenario(folder)
    assert [h.place for h in scenario.households] == ["v1", "hh-H2", "v2"]
    own = scenario.place("hh-H2")
    assert (own.x, own.y, own.district) == (106.63, 26.56, "五德镇")


def test_unmatched_and_ambiguous_addresses_are_listed_without_quoting(tmp_path: Path) -> None:
    """Each at its row's 地址 cell; the address itself is not repeated."""
    folder = starter(tmp_path / "c")
    write_places(folder, PLACES)
    write_households(
        folder,
        [
            ("H1", "张一", "一厂", "", "凤坝村4组", "困难职工", 2000, "", ""),
            ("H2", "李二", "一厂", "", "石门镇新村1组", "困难职工", 2000, "", ""),
            ("H3", "王三", "一厂", "", "", "困难职工", 2000, "", ""),
        ],
    )
    assert problems(folder) == [
        "households.csv:2:地址: 地址能对上 places.csv 里的几个地点（v1、v2）：请填 所在地点",
        "households.csv:3:地址: 地址中的镇和村不在 places.csv 里："
        "请在那里添上这个村，或填 所在地点",
        "households.csv:4:所在地点: 没有地点：请填 所在地点，或 经度 和 纬度，或写明镇和村的 地址",
    ]


def test_gcj02_coordinates_are_converted_to_wgs84(tmp_path: Path) -> None:
    """travel.coordinates: GCJ-02 (高德, 腾讯): places end up in WGS-84, within a metre."""
    folder = starter(tmp_path / "c", coordinates="GCJ-02")
    write_places(folder, PLACES)
    write_households(folder, [("H1", "张一", "一厂", "v1", "", "困难职工", 2000, "", "")])
    office = load_scenario(folder).place("office")
    back = prcoords.wgs_gcj(prcoords.Coords(office.y, office.x))
    assert abs(back.lon - 106.70) < 1e-5 and abs(back.lat - 26.60) < 1e-5
    assert abs(office.x - 106.70) > 1e-3  # GCJ-02 is hundreds of metres off WGS-84 here


def test_out_of_range_and_outside_china_coordinates_are_problems(tmp_path: Path) -> None:
    """纬度 above 90 is a problem; BD-09 coordinates in Finland cannot be BD-09."""
    folder = starter(tmp_path / "c", coordinates="BD-09")
    write_places(
        folder, [*PLACES, ("x", "错", "", "", 26.6, 106.7), ("fi", "外", "", "", 26.9, 60.5)]
    )
    write_households(folder, [("H1", "张一", "一厂", "v1", "", "困难职工", 2000, "", "")])
    assert problems(folder) == [
        "places.csv:5:纬度: 不是有效的纬度：请填写 -90 到 90 之间的度数，如 26.58",
        "places.csv:6:经度: BD-09 坐标只在中国境内有效，这个点在境外："
        "请核对经纬度或 travel.coordinates",
    ]


def test_own_coordinates_need_a_source_other_than_roads(tmp_path: Path) -> None:
    """With roads.csv a household at bare coordinates has no road: said at its 经度 cell."""
    folder = starter(tmp_path / "c", minutes="roads")
    write_places(folder, PLACES)
    write_households(folder, [("H1", "张一", "一厂", "", "", "困难职工", 2000, 106.63, 26.56)])
    (folder / "roads.csv").write_text("起点,终点,分钟\noffice,v1,20\n", encoding="utf-8")
    (message,) = problems(folder)
    assert message.startswith("households.csv:2:经度: 按 经度/纬度 定位的家庭需要")


def test_households_added_when_replanning_are_placed_by_address(tmp_path: Path) -> None:
    """replan --add: an address of one of the scenario's villages places the household; an
    address of no village is a problem at its cell."""
    folder = starter(tmp_path / "c")
    write_places(folder, PLACES)
    write_households(folder, [("H1", "张一", "一厂", "v1", "", "困难职工", 2000, "", "")])
    scenario = load_scenario(folder)
    added = tmp_path / "late.csv"
    write_households(
        tmp_path, [("H9", "迟九", "一厂", "", "五德镇凤坝村3组", "困难职工", 900, "", "")]
    )
    (tmp_path / "households.csv").rename(added)
    (household,) = load_added_households(added, scenario)
    assert household.place == "v2"
    write_households(
        tmp_path, [("H9", "迟九", "一厂", "", "石门镇新村1组", "困难职工", 900, "", "")]
    )
    (tmp_path / "households.csv").rename(added)
    with pytest.raises(ScenarioError) as caught:
        load_added_households(added, scenario)
    assert [str(p) for p in caught.value.problems] == [
        f"{added}:2:地址: 地址中的镇和村不在 方案的地点表 里：请在那里添上这个村，或填 所在地点"
    ]
