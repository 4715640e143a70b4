"""The columns of the tables of the road network: places and the roads between them."""

from __future__ import annotations

from planner.tables import ColumnSpec

PLACE_COLUMNS = (
    ColumnSpec("id", "编号", required=True),
    ColumnSpec("name", "名称", required=True),
    ColumnSpec("district", "所属乡镇"),
    ColumnSpec("kind", "类型"),
    ColumnSpec("x", "经度", required=True, kind="longitude"),
    ColumnSpec("y", "纬度", required=True, kind="latitude"),
)
"""places.csv, as docs/scenario.md lists it."""

ROAD_COLUMNS = (
    ColumnSpec("a", "起点", required=True, english="from"),
    ColumnSpec("b", "终点", required=True, english="to"),
    ColumnSpec("minutes", "分钟", required=True, kind="int"),
)
"""roads.csv, as docs/scenario.md lists it."""
