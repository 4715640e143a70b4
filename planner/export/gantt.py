"""The report's timeline: one bar row per team and day, hours across (Gantt-like, inline SVG).

A planner checks a schedule by its shape: days that start late or end early, long drives, a
lunch squeezed between visits. Bars show driving (grey), each visit (the team's colour, with its
stop number) and the lunch break (outlined); hovering shows the times and the household.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from planner.export.day_segments import day_segments
from planner.export.formats import hhmm, month_day
from planner.export.lookup import PlanIndex, local
from planner.export.svg import svg, tag, text, title
from planner.plan import Route

LABEL_WIDTH = 230
CHART_WIDTH = 780
RIGHT_MARGIN = 30
"""Room for the last hour's label, centred on the chart's right edge."""
ROW_HEIGHT = 24
AXIS_HEIGHT = 28
DRIVING = "#a9b4bf"
LUNCH: dict[str, str | float] = {"fill": "#fff", "stroke": "#777", "stroke_dasharray": "3 2"}
"""Lunch is outlined, not filled, so no team colour can be mistaken for it."""
KEYS = {"driving": DRIVING, "lunch": "#fff"}
KEY_NAMES = {"driving": "驾车（去下一户、返程）", "lunch": "午餐"}
SHOWN = {"travel": "驾车", "return": "返程", "lunch": "午餐"}

Scale = Callable[[dt.datetime], float]
"""Maps a moment to its x position on the chart."""


def timeline_svg(index: PlanIndex, colours: dict[str, str]) -> str:
    """Every route of the plan as a row of bars on one shared time-of-day axis."""
    rows = [(team, route) for team in index.scenario.teams for route in index.routes_of(team.id)]
    if not rows:
        return "<p>没有安排走访。</p>"
    first = math.floor(min(_minutes(route.start) for _, route in rows) / 60)
    last = math.ceil(max(_minutes(route.end) for _, route in rows) / 60)
    scale = CHART_WIDTH / max((last - first) * 60, 60)

    def x(moment: dt.datetime) -> float:
        return LABEL_WIDTH + (_minutes(moment) - first * 60) * scale

    parts = _axis(first, last, scale, len(rows))
    for number, (team, route) in enumerate(rows):
        top = AXIS_HEIGHT + number * ROW_HEIGHT
        label = f"{team.name}（{team.leader}）{month_day(route.date)}"
        parts.append(text(label, x=4, y=top + 16, font_size=12))
        parts += _bars(index, route, colours[team.id], top, x)
    height = AXIS_HEIGHT + len(rows) * ROW_HEIGHT + 4
    return svg(LABEL_WIDTH + CHART_WIDTH + RIGHT_MARGIN, height, "各组每日走访时间线", parts)


def _axis(first: int, last: int, scale: float, rows: int) -> list[str]:
    """Hour lines and labels across the top."""
    bottom = AXIS_HEIGHT + rows * ROW_HEIGHT
    parts = []
    for hour in range(first, last + 1):
        left = LABEL_WIDTH + (hour - first) * 60 * scale
        parts.append(tag("line", x1=left, y1=AXIS_HEIGHT - 6, x2=left, y2=bottom, stroke="#ddd"))
        parts.append(text(f"{hour:02d}:00", x=left, y=16, font_size=11, text_anchor="middle"))
    return parts


def _bars(index: PlanIndex, route: Route, colour: str, top: int, x: Scale) -> list[str]:
    """Drives, visits and lunch of one route as bars in one row; visits carry their number."""
    parts = []
    for segment in day_segments(route):
        left, right = x(segment.start), x(segment.end)
        what = SHOWN.get(segment.kind, "")
        style: dict[str, str | float] = {"fill": colour if segment.kind == "visit" else DRIVING}
        if segment.kind == "lunch":
            style = LUNCH
        if segment.kind == "visit" and segment.visit:
            household_id = segment.visit.household_id
            name = index.households[household_id].name
            what = f"第{segment.number}站 {name}（{index.category(household_id)}）"
        tooltip = title(f"{hhmm(segment.start)}–{hhmm(segment.end)} {what}")
        width = max(right - left, 1.0)
        parts.append(
            tag(
                "rect",
                tooltip,
                x=left,
                y=top + 4,
                width=width,
                height=ROW_HEIGHT - 8,
                rx=2,
                **style,
            )
        )
        if segment.kind == "visit" and width >= 14:
            middle = (left + right) / 2
            parts.append(
                text(
                    str(segment.number),
                    x=middle,
                    y=top + 16,
                    font_size=10,
                    fill="#fff",
                    text_anchor="middle",
                )
            )
    return parts


def _minutes(moment: dt.datetime) -> int:
    """Minutes since local midnight."""
    wall = local(moment)
    return wall.hour * 60 + wall.minute
