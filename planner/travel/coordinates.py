"""Coordinates as offices get them (WGS-84 from GPS and OSM, GCJ-02 from 高德 and 腾讯, BD-09
from 百度) turned into WGS-84, the system OpenStreetMap extracts and distances use.

The conversion is prcoords' (public domain; its `_bored` inverses iterate to within millimetres,
where the closed-form inverses of eviltransform and prcoords itself are up to 3.3 m off;
measured on 2,000 random points in China, see the closing note of issue 13). GCJ-02 and BD-09 are
defined only inside China: a point outside it is a problem, not a silent identity.
"""

from __future__ import annotations

import math

import prcoords

from planner.travel.settings import CoordinateSystem

EARTH_RADIUS_M = 6_371_008.8
"""Mean Earth radius (IUGG), for great-circle distances."""


def coordinate_problem(lon: float, lat: float, system: CoordinateSystem) -> str | None:
    """What is wrong with a coordinate pair in `system` (None when it can be used).

    The degrees are in range already: the table reader checks 经度 and 纬度 cell by cell."""
    if system != "WGS-84" and not prcoords.sanity_in_china_p(prcoords.Coords(lat, lon)):
        return f"{system} 坐标只在中国境内有效，这个点在境外：请核对经纬度或 travel.coordinates"
    return None


def to_wgs84(lon: float, lat: float, system: CoordinateSystem) -> tuple[float, float]:
    """The WGS-84 longitude and latitude of a point given in `system` (checked beforehand)."""
    if system == "WGS-84":
        return lon, lat
    point = prcoords.Coords(lat, lon)
    converted = (
        prcoords.gcj_wgs_bored(point) if system == "GCJ-02" else prcoords.bd_wgs_bored(point)
    )
    return converted.lon, converted.lat


def metres_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres between two (longitude, latitude) points (haversine)."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, h)))
