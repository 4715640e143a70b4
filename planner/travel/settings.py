"""What scenario.yaml says about travel minutes: `travel.minutes:` and `travel.coordinates:`.

The office chooses where driving minutes come from, in the words it would use:

```yaml
travel:
  minutes: roads                 # roads.csv, as before (the default)
  minutes: estimate              # straight line × 1.4 at 40 km/h
  minutes: {estimate: {detour: 1.3, speed_kmh: 35}}
  minutes: {osm: guizhou.osm.pbf, speeds: {primary: 70}, snap_metres: 800}
  minutes: plugin                # a plugin's songnuan_travel_minutes (高德, 腾讯 …)
  coordinates: GCJ-02            # 经度/纬度 as 高德 and 腾讯 give them
```

These models are plain pydantic (not `planner.scenario.Frozen`) because `planner.scenario`
imports them: the travel package must not import the scenario back.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Source = Literal["roads", "estimate", "osm", "plugin"]
CoordinateSystem = Literal["WGS-84", "GCJ-02", "BD-09"]

DEFAULT_DETOUR = 1.4
"""Road distance over straight-line distance: 1.3-1.5 on rural road networks (circuity)."""

DEFAULT_SPEED_KMH = 40.0
"""Average speed of a county team's car over town and village roads, stops included."""

DEFAULT_SNAP_METRES = 1000
"""A place farther than this from every drivable road is a problem, not a silent guess."""

ROAD_CLASS_SPEEDS_KMH: dict[str, float] = {
    "motorway": 100,
    "motorway_link": 60,
    "trunk": 80,
    "trunk_link": 50,
    "primary": 60,
    "primary_link": 40,
    "secondary": 50,
    "secondary_link": 35,
    "tertiary": 40,
    "tertiary_link": 30,
    "unclassified": 30,
    "road": 30,
    "residential": 20,
    "living_street": 10,
    "service": 15,
}
"""Speed per OSM `highway` class (docs/own-campaign.md); `travel.minutes.speeds` overrides."""

OTHER_ROAD_SPEED_KMH = 20.0
"""Speed on a drivable road whose class is not in the table."""

ACCESS_SPEED_KMH = 15.0
"""Speed over the straight line between a place and the road node it is snapped to."""


class Frozen(BaseModel):
    """Immutable and strict about unknown keys, as `planner.scenario.Frozen`."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class MinutesSource(Frozen):
    """`travel.minutes`: which source gives the driving minutes, and its settings."""

    source: Source = "roads"
    osm: str | None = None
    """The OpenStreetMap extract (.osm.pbf) in the scenario folder, for `source: osm`."""
    speeds: dict[str, float] = Field(default_factory=dict)
    """km/h per OSM road class, replacing the defaults of `ROAD_CLASS_SPEEDS_KMH`."""
    snap_metres: int = Field(default=DEFAULT_SNAP_METRES, gt=0)
    detour: float = Field(default=DEFAULT_DETOUR, ge=1.0, le=5.0)
    speed_kmh: float = Field(default=DEFAULT_SPEED_KMH, gt=0, le=150)

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, data: Any) -> Any:
        """`roads`, `estimate` and `plugin` as words; `{osm: FILE}` and `{estimate: {...}}`."""
        if isinstance(data, str):
            return {"source": data}
        if isinstance(data, dict) and "source" not in data:
            if "osm" in data:
                return {"source": "osm", **data}
            if "estimate" in data:
                given = data["estimate"] or {}
                rest = {k: v for k, v in data.items() if k != "estimate"}
                return {"source": "estimate", **rest, **(given if isinstance(given, dict) else {})}
        return data

    @model_validator(mode="after")
    def _osm_names_a_file(self) -> MinutesSource:
        if self.source == "osm" and not self.osm:
            raise ValueError("用 osm 要写明地图文件，如 minutes: {osm: 本县.osm.pbf}")
        unknown = sorted(set(self.speeds) - set(ROAD_CLASS_SPEEDS_KMH))
        if unknown:
            known = "、".join(ROAD_CLASS_SPEEDS_KMH)
            raise ValueError(f"不认识的道路等级 {unknown[0]}；可用的有：{known}")
        if any(speed <= 0 for speed in self.speeds.values()):
            raise ValueError("道路等级的车速应大于 0 公里/小时")
        return self

    @property
    def is_estimate(self) -> bool:
        """Whether the minutes are a straight-line estimate, which every output must say."""
        return self.source == "estimate"

    def road_speeds(self) -> dict[str, float]:
        """km/h per OSM road class: the documented table with the scenario's overrides."""
        return {**ROAD_CLASS_SPEEDS_KMH, **self.speeds}


class TravelMatrix(Frozen):
    """Driving minutes among the campaign's places, from whatever source, as routing reads them."""

    source: Source
    places: tuple[str, ...]
    minutes: tuple[tuple[int, ...], ...]
    estimate: bool = False

    def covers(self, place_ids: tuple[str, ...] | list[str]) -> bool:
        """Whether every one of `place_ids` has a row here."""
        return set(place_ids) <= set(self.places)

    def between(self, place_ids: tuple[str, ...] | list[str]) -> list[list[int]]:
        """The sub-matrix of `place_ids`, in their order (picked row by row in C: a province's
        25 million minutes took 4 s one by one)."""
        index = {place: i for i, place in enumerate(self.places)}
        rows = [index[place] for place in place_ids]
        if len(rows) < 2:  # itemgetter of one index gives a value, not a tuple
            return [[self.minutes[i][j] for j in rows] for i in rows]
        pick = itemgetter(*rows)
        return [list(pick(self.minutes[i])) for i in rows]
