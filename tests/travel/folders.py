"""Scenario folders for the travel tests: the union starter with its tables rewritten."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from planner.intake.starter import write_starter
from planner.load.household_tables import HOUSEHOLD_COLUMNS

HOUSEHOLD_HEADER = [
    "编号",
    "姓名",
    "所在单位",
    "所在地点",
    "地址",
    "类别",
    "家庭月收入",
    "经度",
    "纬度",
]


def starter(folder: Path, minutes: str = "estimate", coordinates: str = "WGS-84") -> Path:
    """The union starter with `travel.minutes` and `travel.coordinates` as given."""
    write_starter(folder, ["union"], 2027)
    yaml = folder / "scenario.yaml"
    text = yaml.read_text(encoding="utf-8")
    text = text.replace("minutes: estimate", f"minutes: {minutes}", 1)
    text = text.replace("coordinates: WGS-84", f"coordinates: {coordinates}", 1)
    yaml.write_text(text, encoding="utf-8")
    return folder


def write_places(folder: Path, rows: Sequence[Sequence[object]]) -> None:
    """places.csv with these rows (编号, 名称, 所属乡镇, 类型, 经度, 纬度) below its header."""
    lines = ["编号,名称,所属乡镇,类型,经度,纬度", *(",".join(map(str, r)) for r in rows)]
    (folder / "places.csv").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


def write_households(folder: Path, rows: Sequence[Sequence[object]]) -> None:
    """households.csv with `HOUSEHOLD_HEADER` and these rows."""
    assert all(h in {s.chinese for s in HOUSEHOLD_COLUMNS} for h in HOUSEHOLD_HEADER)
    lines = [",".join(HOUSEHOLD_HEADER), *(",".join(map(str, r)) for r in rows)]
    (folder / "households.csv").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
