"""Road graph → travel minutes: shortest paths, symmetry, faster duplicate roads, clear errors."""

from __future__ import annotations

import pytest

from builders import scenario
from planner.network import NetworkError, RoadNetwork, travel_minutes
from planner.scenario import Road

ROADS = (
    Road(a="hq", b="a", minutes=10),
    Road(a="a", b="b", minutes=10),
    Road(a="hq", b="b", minutes=35),
    Road(a="b", b="c", minutes=5),
)


def network(*roads: Road, places: tuple[str, ...] = ("hq", "a", "b", "c", "island")) -> RoadNetwork:
    return RoadNetwork(places, roads or ROADS)


def test_shortest_path_beats_a_slower_direct_road() -> None:
    """hq→b goes through a (10+10) rather than along the 35-minute direct road."""
    assert network().minutes("hq", "b") == 20
    assert network().minutes("hq", "c") == 25


def test_matrix_is_symmetric_with_zero_diagonal() -> None:
    """Roads are undirected: the matrix is symmetric, and staying put takes no time."""
    places = ["hq", "a", "b", "c"]
    matrix = network().matrix(places)
    assert matrix == [list(row) for row in zip(*matrix, strict=True)]
    assert [matrix[i][i] for i in range(len(places))] == [0, 0, 0, 0]
    assert matrix[0] == [0, 10, 20, 25]


def test_duplicate_road_keeps_the_faster_one() -> None:
    """Two rows for one pair of places: the driver takes the faster road, in either order."""
    roads = (Road(a="hq", b="a", minutes=30), Road(a="a", b="hq", minutes=12))
    assert network(*roads).minutes("hq", "a") == 12


def test_unreachable_place_raises_naming_both_places() -> None:
    """A place with no road to it cannot be routed to; the error names the places."""
    with pytest.raises(NetworkError, match=r"'hq'.*'island'"):
        network().matrix(["hq", "island"])


def test_unknown_place_raises() -> None:
    """A place id the network does not know is reported as such, not as a KeyError."""
    with pytest.raises(NetworkError, match="'nowhere' is not in the road network"):
        network().minutes("hq", "nowhere")
    with pytest.raises(NetworkError, match="'nowhere' is not in the road network"):
        network().minutes("nowhere", "hq")


def test_travel_minutes_reads_the_scenario_roads() -> None:
    """`travel_minutes` builds the graph from a scenario's places and roads (v1–hq–v2)."""
    assert travel_minutes(scenario(()), ["v1", "hq", "v2"]) == [
        [0, 20, 45],
        [20, 0, 25],
        [45, 25, 0],
    ]


def test_paths_name_the_places_passed_on_the_fastest_way() -> None:
    """hq→c is drawn through a and b (10+10+5), not along the slower direct road to b."""
    ways = network().paths([("hq", "c"), ("c", "hq"), ("a", "a")])
    assert ways == {
        ("hq", "c"): ("hq", "a", "b", "c"),
        ("c", "hq"): ("c", "b", "a", "hq"),
        ("a", "a"): ("a",),
    }


def test_a_path_to_an_unreachable_place_raises_naming_both_places() -> None:
    with pytest.raises(NetworkError, match=r"'hq'.*'island'"):
        network().paths([("hq", "island")])
