"""Driving minutes over a real OpenStreetMap extract (.osm.pbf), read with pyrosm.

pyrosm gives the drivable network of an extract (its `driving` filter leaves out footways,
tracks, private and no-motor roads) with each segment's length in metres. Measured against
osmium on pyrosm's shipped extracts (see the closing note of issue 13): osmium reads faster,
but it gives raw ways, and which ways a car may use would then be hand-written here.

Each segment is driven at the speed of its road class (`settings.ROAD_CLASS_SPEEDS_KMH`,
overridable per scenario; posted `maxspeed` is a limit, not a travel speed, and rarely tagged in
China), in both directions unless it is one-way. Only the largest strongly connected part of the
network is used, so that every place can reach every other: an extract cut at its border leaves
one-way stubs a car could drive into and never leave. Each place is snapped to the nearest node
of that part; the straight line between them is counted at `ACCESS_SPEED_KMH`, and a place
farther than `snap_metres` from any road is a problem, not a silent guess. The graph is kept in
the scenario's travel cache, so drawing the roads driven and re-planning do not read the
extract again.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_array
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

from planner.travel.cache import CACHE_FOLDER, cache_key, file_digest
from planner.travel.coordinates import EARTH_RADIUS_M
from planner.travel.settings import ACCESS_SPEED_KMH, OTHER_ROAD_SPEED_KMH, MinutesSource

Point = tuple[float, float]
"""(longitude, latitude) in WGS-84."""

_ONE_WAY = frozenset({"yes", "true", "1"})
_AGAINST = frozenset({"-1", "reverse"})


class OsmError(ValueError):
    """The extract cannot be read, or holds no drivable road."""


@dataclass(frozen=True)
class DriveGraph:
    """The usable drivable network: node coordinates and seconds along each directed segment."""

    lon: npt.NDArray[np.float64]
    lat: npt.NDArray[np.float64]
    tails: npt.NDArray[np.int64]
    heads: npt.NDArray[np.int64]
    seconds: npt.NDArray[np.float64]

    def matrix(self) -> csr_array:
        """The segments as a sparse matrix of seconds (the faster of parallel segments wins)."""
        size = len(self.lon)
        order = np.lexsort((self.seconds, self.heads, self.tails))
        tails, heads = self.tails[order], self.heads[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = (tails[1:] != tails[:-1]) | (heads[1:] != heads[:-1])
        weights = np.maximum(self.seconds[order][first], 1e-6)
        return csr_array((weights, (tails[first], heads[first])), shape=(size, size))


@dataclass(frozen=True)
class Snapped:
    """Where each place joins the network: its node, and how far it is from it in metres."""

    nodes: npt.NDArray[np.int64]
    metres: npt.NDArray[np.float64]


def drive_graph(folder: Path, settings: MinutesSource) -> DriveGraph:
    """The usable network of the scenario's extract, from the travel cache or read anew."""
    path = folder / str(settings.osm)
    key = cache_key(["osm-graph", file_digest(path), sorted(settings.road_speeds().items())])
    cached = folder / CACHE_FOLDER / f"osm-graph-{key}.npz"
    if cached.is_file():
        with np.load(cached) as data:
            return DriveGraph(**{name: data[name] for name in DriveGraph.__dataclass_fields__})
    graph = read_drive_graph(path, settings.road_speeds())
    try:
        cached.parent.mkdir(exist_ok=True)
        partial = cached.with_suffix(".tmp.npz")
        np.savez(partial, **graph.__dict__)
        partial.replace(cached)
    except OSError:
        pass
    return graph


def read_drive_graph(path: Path, speeds: dict[str, float]) -> DriveGraph:
    """The drivable network of an .osm.pbf extract, cut to its largest strongly connected part."""
    import pyrosm  # imported here: it pulls in geopandas, which only this source needs

    try:
        found = pyrosm.OSM(str(path)).get_network(network_type="driving", nodes=True)
    except Exception as exc:  # pyrosm raises bare exceptions on a damaged file
        raise OsmError(f"cannot read {path.name} as an OpenStreetMap extract") from exc
    if found is None or found[1] is None or len(found[1]) == 0:
        raise OsmError(f"{path.name} holds no drivable road")
    nodes, edges = found
    index = {osm_id: i for i, osm_id in enumerate(nodes["id"].to_numpy())}
    tails, heads, seconds = _segments(edges, index, speeds)
    return _largest_part(
        nodes["lon"].to_numpy(dtype=float),
        nodes["lat"].to_numpy(dtype=float),
        tails,
        heads,
        seconds,
    )


def _segments(
    edges: Any, index: dict[int, int], speeds: dict[str, float]
) -> tuple[list[int], list[int], list[float]]:
    """Directed segments with their seconds: both ways unless one-way."""
    tails: list[int] = []
    heads: list[int] = []
    seconds: list[float] = []
    junction = edges["junction"] if "junction" in edges else [None] * len(edges)
    columns = (edges["u"], edges["v"], edges["length"], edges["highway"], edges["oneway"])
    rows = zip(*columns, junction, strict=True)
    for u, v, length, highway, oneway, kind in rows:
        if u not in index or v not in index:
            continue
        speed = speeds.get(str(highway), OTHER_ROAD_SPEED_KMH)
        time = float(length) / (speed / 3.6)
        way = str(oneway).lower()
        forward = way not in _AGAINST
        backward = way not in _ONE_WAY and kind != "roundabout"
        for a, b, go in ((u, v, forward), (v, u, backward)):
            if go:
                tails.append(index[a])
                heads.append(index[b])
                seconds.append(time)
    return tails, heads, seconds


def _largest_part(
    lon: npt.NDArray[np.float64],
    lat: npt.NDArray[np.float64],
    tails: list[int],
    heads: list[int],
    seconds: list[float],
) -> DriveGraph:
    """Only the nodes of the largest strongly connected part, renumbered from 0."""
    size = len(lon)
    whole = csr_array((np.ones(len(tails)), (tails, heads)), shape=(size, size))
    _, labels = connected_components(whole, directed=True, connection="strong")
    keep = labels == np.bincount(labels).argmax()
    renumber = np.cumsum(keep) - 1
    t, h = np.asarray(tails, dtype=np.int64), np.asarray(heads, dtype=np.int64)
    inside = keep[t] & keep[h]
    return DriveGraph(
        lon=lon[keep],
        lat=lat[keep],
        tails=renumber[t[inside]],
        heads=renumber[h[inside]],
        seconds=np.asarray(seconds)[inside],
    )


def snap(graph: DriveGraph, points: Sequence[Point]) -> Snapped:
    """The nearest network node of each point, by straight-line metres."""
    ref = math.radians(float(np.mean(graph.lat)))
    tree = cKDTree(_metric(graph.lon, graph.lat, ref))
    lon = np.array([p[0] for p in points], dtype=float)
    lat = np.array([p[1] for p in points], dtype=float)
    metres, nodes = tree.query(_metric(lon, lat, ref))
    return Snapped(nodes=np.asarray(nodes, dtype=np.int64), metres=np.asarray(metres, dtype=float))


def _metric(
    lon: npt.NDArray[np.float64], lat: npt.NDArray[np.float64], ref: float
) -> npt.NDArray[np.float64]:
    """Local planar metres (equirectangular), exact enough over a county-sized extract."""
    x = EARTH_RADIUS_M * np.radians(lon) * math.cos(ref)
    y = EARTH_RADIUS_M * np.radians(lat)
    return np.column_stack([x, y])


def network_minutes(graph: DriveGraph, snapped: Snapped) -> list[list[int]]:
    """Rounded driving minutes between the snapped places, access to the road included."""
    sources, where = np.unique(snapped.nodes, return_inverse=True)
    seconds = dijkstra(graph.matrix(), directed=True, indices=sources)[:, sources]
    access = snapped.metres / (ACCESS_SPEED_KMH / 3.6)
    total = seconds[np.ix_(where, where)] + access[:, None] + access[None, :]
    np.fill_diagonal(total, 0.0)
    minutes: list[list[int]] = np.rint(total / 60).astype(np.int64).tolist()
    return minutes


def driven_ways(graph: DriveGraph, legs: Iterable[tuple[Point, Point]]) -> list[list[Point]]:
    """The roads driven on each leg: the place, the road nodes of the fastest way, the place."""
    legs = list(legs)
    if not legs:
        return []
    snapped = snap(graph, [point for leg in legs for point in leg])
    starts = np.unique(snapped.nodes[0::2])
    _, before = dijkstra(graph.matrix(), directed=True, indices=starts, return_predecessors=True)
    row_of = {int(node): i for i, node in enumerate(starts)}
    ways = []
    for n, (a, b) in enumerate(legs):
        source, node = int(snapped.nodes[2 * n]), int(snapped.nodes[2 * n + 1])
        path = [node]
        while node != source and node >= 0:
            node = int(before[row_of[source], node])
            path.append(node)
        road = [(float(graph.lon[i]), float(graph.lat[i])) for i in reversed(path) if i >= 0]
        ways.append([a, *road, b])
    return ways
