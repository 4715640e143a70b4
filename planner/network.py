"""Road graph → driving minutes between places, by shortest path (networkx Dijkstra).

The routing stage needs an integer matrix of driving minutes between the places it visits. The
office gives roads between neighbouring places only, so every pair's time is a shortest path over
the undirected road graph. One Dijkstra per distinct source place gives a whole row; rows are
cached on the `RoadNetwork`, so a caller that builds several matrices (e.g. one per day or area
when routing is decomposed) pays for each source once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx

from planner.scenario import Road, Scenario


class NetworkError(ValueError):
    """A place is unknown to the road graph, or no road leads from one place to another."""


class RoadNetwork:
    """The undirected road graph of a scenario, with shortest driving minutes per source."""

    def __init__(self, place_ids: Iterable[str], roads: Iterable[Road]) -> None:
        self._graph = nx.Graph()
        self._graph.add_nodes_from(place_ids)
        for road in roads:
            # Two rows for the same pair of places: the faster road is the one a driver takes.
            known = self._graph.get_edge_data(road.a, road.b)
            if known is None or road.minutes < known["minutes"]:
                self._graph.add_edge(road.a, road.b, minutes=road.minutes)
        self._rows: dict[str, dict[str, int]] = {}

    @classmethod
    def of(cls, scenario: Scenario) -> RoadNetwork:
        """The road network of a scenario: its places as nodes, its roads as edges."""
        return cls((place.id for place in scenario.places), scenario.roads)

    def minutes(self, source: str, target: str) -> int:
        """Shortest driving minutes from `source` to `target`."""
        row = self._row(source)
        if target not in row:
            if target not in self._graph:
                raise NetworkError(f"place {target!r} is not in the road network")
            raise NetworkError(f"no road leads from place {source!r} to place {target!r}")
        return row[target]

    def matrix(self, place_ids: Sequence[str]) -> list[list[int]]:
        """Driving minutes between the given places: row i, column j = from place i to place j."""
        return [[self.minutes(source, target) for target in place_ids] for source in place_ids]

    def _row(self, source: str) -> dict[str, int]:
        if source not in self._rows:
            if source not in self._graph:
                raise NetworkError(f"place {source!r} is not in the road network")
            lengths = nx.single_source_dijkstra_path_length(self._graph, source, weight="minutes")
            self._rows[source] = {place: int(length) for place, length in lengths.items()}
        return self._rows[source]


def travel_minutes(scenario: Scenario, place_ids: Sequence[str]) -> list[list[int]]:
    """Integer matrix of shortest driving minutes between `place_ids` over the scenario's roads."""
    return RoadNetwork.of(scenario).matrix(place_ids)
