"""Driving minutes among N places from a real OpenStreetMap extract: time and peak memory.

    python bench/osm_matrix.py --places 500 helsinki_pbf test_pbf

Each extract runs in a fresh process (so peak memory is its own): the drivable network is read
with pyrosm (`planner.travel.osm.read_drive_graph`), N seeded random places inside the
extract's bounding box are snapped to it, and the N × N matrix of minutes is built
(`network_minutes`, SciPy's Dijkstra from each distinct snapped node). The extracts are the
real ones pyrosm ships (`pyrosm.get_data(NAME)`; other names would download). CSV on stdout:
`extract,places,nodes,segments,read_s,snap_s,matrix_s,total_s,peak_mib`.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HEADER = "extract,places,nodes,segments,read_s,snap_s,matrix_s,total_s,peak_mib"


def measure(extract: str, places: int) -> str:
    """One extract, measured in this process."""
    import numpy as np
    import pyrosm

    from planner.travel.osm import network_minutes, read_drive_graph, snap
    from planner.travel.settings import ROAD_CLASS_SPEEDS_KMH

    path = Path(pyrosm.get_data(extract))
    start = time.perf_counter()
    graph = read_drive_graph(path, ROAD_CLASS_SPEEDS_KMH)
    read = time.perf_counter()
    rng = np.random.default_rng(0)
    lon = rng.uniform(graph.lon.min(), graph.lon.max(), places)
    lat = rng.uniform(graph.lat.min(), graph.lat.max(), places)
    snapped = snap(graph, list(zip(lon.tolist(), lat.tolist(), strict=True)))
    snapped_at = time.perf_counter()
    minutes = network_minutes(graph, snapped)
    done = time.perf_counter()
    assert len(minutes) == places and all(len(row) == places for row in minutes)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (
        f"{extract},{places},{len(graph.lon)},{len(graph.tails)},{read - start:.2f},"
        f"{snapped_at - read:.3f},{done - snapped_at:.2f},{done - start:.2f},{peak:.0f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extracts", nargs="*", default=["helsinki_pbf", "test_pbf"])
    parser.add_argument("--places", type=int, default=500)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.one:
        print(measure(arguments.extracts[0], arguments.places))
        return 0
    print(HEADER)
    for extract in arguments.extracts:
        command = [sys.executable, __file__, "--one", "--places", str(arguments.places), extract]
        print(subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
