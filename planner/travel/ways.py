"""The ways a team drives, as lines of coordinates, for the report's map, whatever the source.

With `roads` a leg follows the roads of roads.csv place by place; with `osm` it follows the
extract's roads node by node (the roads actually driven); an `estimate` or a plugin's minutes
know no road, so a leg is the straight line, and the map says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.network import RoadNetwork
from planner.scenario import Scenario

Leg = tuple[str, str]
Point = tuple[float, float]


def leg_lines(scenario: Scenario, legs: Iterable[Leg]) -> dict[Leg, list[Point]]:
    """Each leg (from place, to place) as the (x, y) points a driver passes, ends included."""
    legs = list(dict.fromkeys(legs))
    at = {place.id: (place.x, place.y) for place in scenario.places}
    settings = scenario.travel.minutes
    if settings.source == "roads":
        paths = RoadNetwork.of(scenario).paths(legs)
        return {leg: [at[place] for place in paths[leg] if place in at] for leg in legs}
    if settings.source == "osm":
        from planner.travel.osm import drive_graph, driven_ways  # scipy.spatial, only for OSM

        graph = drive_graph(scenario.folder, settings)
        lines = driven_ways(graph, [(at[a], at[b]) for a, b in legs])
        return dict(zip(legs, lines, strict=True))
    return {(a, b): [at[a], at[b]] for a, b in legs}


def follows_roads(scenario: Scenario) -> bool:
    """Whether the legs follow roads (else they are straight lines between the places)."""
    return scenario.travel.minutes.source in ("roads", "osm")
