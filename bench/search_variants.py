"""Variants of `search.toml` on Solomon instances, one process, to choose between them.

    python bench/search_variants.py --time-limit 30 default ils-full R201 RC103
    python bench/search_variants.py --time-limit 30 default bandit R201 R203 &
    python bench/search_variants.py --time-limit 30 default walk R201 R203    # the other core

Each variant is a set of searches run by `planner.route.portfolio.solve` on one worker, just as
`bench/solomon.py --processes 1` runs the shipped `search.toml`, so a variant that wins here is
one the equal-CPU comparison would reward. The stop is the time limit (no solution limit). Run
two variants at once, one per core, to compare them under the same load. CSV on stdout:
`variant,instance,vehicles,distance,gap_pct`; the mean and worst gap per variant on stderr.
"""

from __future__ import annotations

import argparse
import csv
import functools
import os
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

import vrplib

from planner.route import portfolio
from planner.route.settings import Settings
from planner.route.strategy import Strategy, strategies
from planner.route.vrptw import SCALE, routing_data

REPO = Path(__file__).resolve().parent.parent
SISR_FULL = (
    "ruin_strategies { sisr { max_removed_sequence_size: 20 avg_num_removed_visits: 15 "
    "bypass_factor: 0.01 } }"
)
NEIGHBOURS_AT = "recreate_strategy {"
NEIGHBOURS_NEAR = (
    "route_selection_neighbors_ratio: 0.1 route_selection_max_neighbors: 30\n"
    "    recreate_strategy {"
)
"""SISR cuts its strings from routes near a seed visit; OR-Tools' default looks at all routes."""
BANDIT = "\nuse_multi_armed_bandit_concatenate_operators: true\n"


def _shipped() -> dict[str, Strategy]:
    return {strategy.name: strategy for strategy in strategies()}


def _full_with(old: str, new: str) -> tuple[Strategy, ...]:
    """The shipped pair, with `old` in "ils-full"'s parameters replaced by `new`."""
    shipped = _shipped()
    full = shipped["ils-full"]
    if old not in full.parameters:
        raise SystemExit(f"search.toml changed: {old!r} is no longer in ils-full")
    changed = Strategy(name=full.name, parameters=full.parameters.replace(old, new))
    return (shipped["ils-lean"], changed)


def _extra_ruin(ruin: str) -> tuple[Strategy, ...]:
    """A second ruin beside ils-full's SISR, one of the two drawn at random each step."""
    return _full_with(
        SISR_FULL, f"{SISR_FULL}\n    {ruin}\n    ruin_composition_strategy: RUN_ONE_RANDOMLY"
    )


VARIANTS: dict[str, Callable[[], tuple[Strategy, ...]]] = {
    "default": lambda: tuple(_shipped().values()),
    "ils-full": lambda: (_shipped()["ils-full"],),
    "bandit": lambda: tuple(
        Strategy(name=s.name, parameters=s.parameters + BANDIT) for s in _shipped().values()
    ),
    "walk": lambda: _extra_ruin("ruin_strategies { random_walk { num_removed_visits: 20 } }"),
    "close-routes": lambda: _extra_ruin(
        "ruin_strategies { spatially_close_routes { num_ruined_routes: 3 } }"
    ),
    "near-strings": lambda: tuple(
        Strategy(name=s.name, parameters=s.parameters.replace(NEIGHBOURS_AT, NEIGHBOURS_NEAR))
        for s in _shipped().values()
    ),
    "near-strings-full": lambda: _full_with(NEIGHBOURS_AT, NEIGHBOURS_NEAR),
}


def main() -> int:
    args = _arguments()
    folder = Path(args.data) / "solomon"
    with (folder / "bks.csv").open(encoding="utf-8") as file:
        best_known = {row["instance"]: float(row["distance"]) for row in csv.DictReader(file)}
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(("variant", "instance", "vehicles", "distance", "gap_pct"))
    gaps: dict[str, list[float]] = {name: [] for name in args.variants}
    for variant in args.variants:
        portfolio.strategies = functools.cache(VARIANTS[variant])  # type: ignore[assignment]
        for name in args.instances:
            vehicles, distance = _route(folder / f"{name}.vrp", args.time_limit)
            gap = 100 * (distance - best_known[name]) / best_known[name]
            gaps[variant].append(gap)
            out.writerow((variant, name, vehicles, f"{distance:.1f}", f"{gap:.2f}"))
            sys.stdout.flush()
    for variant, found in gaps.items():
        print(
            f"{variant}: mean gap {statistics.mean(found):.2f}%, worst {max(found):.2f}%",
            file=sys.stderr,
        )
    return 0


def _route(path: Path, time_limit: float) -> tuple[int, float]:
    """Vehicles used and total distance of one search run on one worker to the time limit."""
    data = routing_data(vrplib.read_instance(str(path)))
    solution = portfolio.solve(data, Settings(time_limit=time_limit, solutions=None, workers=1))
    if solution.dropped:
        raise SystemExit(f"{path.stem}: {len(solution.dropped)} customers not visited")
    road = sum(
        data.drive(tour.vehicle, [stop.call for stop in tour.stops]) for tour in solution.tours
    )
    return len(solution.tours), road / SCALE


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="+", help="variants, then instance names")
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds per instance")
    default = os.environ.get("SONGNUAN_BENCH", str(REPO.parent / "shared" / "bench"))
    parser.add_argument("--data", default=default, help="folder holding solomon/")
    args = parser.parse_args()
    args.variants = [name for name in args.names if name in VARIANTS]
    args.instances = [name for name in args.names if name not in VARIANTS]
    if not args.variants or not args.instances:
        parser.error(f"name at least one variant ({', '.join(VARIANTS)}) and one instance")
    return args


if __name__ == "__main__":
    raise SystemExit(main())
