"""Driving minutes estimated from the straight line: distance × detour factor at a speed.

For an office that has coordinates but neither a road table nor an OpenStreetMap extract: the
plan is rough but usable, and every output that shows a driving time says it is an estimate.
The factor and speed are `travel.minutes: {estimate: {detour: 1.4, speed_kmh: 40}}`.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.scenario import Place
from planner.travel.coordinates import metres_between
from planner.travel.settings import MinutesSource


def estimated_minutes(places: Sequence[Place], settings: MinutesSource) -> list[list[int]]:
    """Rounded minutes between every pair of `places` (WGS-84 x = 经度, y = 纬度)."""
    metres_per_minute = settings.speed_kmh * 1000 / 60
    points = [(place.x, place.y) for place in places]
    return [
        [round(metres_between(a, b) * settings.detour / metres_per_minute) for b in points]
        for a in points
    ]
