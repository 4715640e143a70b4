"""Solomon and Gehring–Homberger VRPTW through songnuan's routing stage, optionally beside PyVRP.

    python bench/solomon.py --time-limit 30 C101 R101     # named instances
    python bench/solomon.py --all --compare pyvrp --processes 1 --side-by-side
    python bench/solomon.py --all --homberger --time-limit 60 --compare pyvrp --processes 2

Each instance becomes the routing stage's own `RoutingData` (`planner.route.vrptw`) and is
routed by the same search a campaign is (`planner.route.portfolio.solve`), so the figures
measure what offices get. Distances are floor(10 × Euclidean), like the best-known distances in
`bks.csv`; the objective is the total distance.

The stop is the time limit, for both solvers (`--solutions` makes songnuan stop on its work
instead, as campaigns do, with the time limit as a safety net). Equal CPU: `--processes N`
gives songnuan's portfolio N processes and PyVRP N seeds (0 … N−1) in N processes, the best
of them kept; with one process the portfolio runs its searches one after the other, each on
its share of the time. `--compare pyvrp` runs PyVRP after songnuan, so the two never share
the cores, or, with `--side-by-side`, at the same time, so both meet the same load from
whatever else runs on the machine (2N processes).

CSV rows go to stdout, the summary (mean and worst gap, mean ratio to PyVRP) to stderr. The
instances live outside the repository: `<repo>/../shared/bench`, or `--data` / $SONGNUAN_BENCH.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import os
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import vrplib

from planner.route.data import RoutingData
from planner.route.portfolio import solve
from planner.route.settings import Settings
from planner.route.vrptw import SCALE, routing_data

REPO = Path(__file__).resolve().parent.parent
HEADER = ("instance", "solver", "time_limit_s", "vehicles", "distance", "bks_distance", "gap_pct")


@dataclass(frozen=True)
class Result:
    """One solver's answer on one instance; `distance` in the file's units (one decimal)."""

    vehicles: int
    distance: float | None
    """`None` when the solver found no plan that makes every visit."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    folder = Path(args.data) / ("homberger" if args.homberger else "solomon")
    best_known = _best_known(folder / "bks.csv")
    names = sorted(best_known, key=_natural) if args.all else args.instances
    if not names:
        sys.exit("name instances or pass --all")
    compare = args.compare == "pyvrp"
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(HEADER + (("ratio_to_pyvrp",) if compare else ()))
    gaps: dict[str, list[float]] = {"songnuan": [], "pyvrp": []}
    ratios: list[float] = []
    for name in names:
        instance = vrplib.read_instance(str(folder / f"{name}.vrp"))
        data = routing_data(instance)
        bks = best_known[name]
        settings = Settings(
            time_limit=args.time_limit, solutions=args.solutions, workers=args.processes
        )
        ours, theirs = _both(data, instance, settings, args)
        ratio = _ratio(ours, theirs)
        if ratio is not None:
            ratios.append(ratio)
        for solver, result in (("songnuan", ours), ("pyvrp", theirs)):
            if result is None:
                continue
            gaps[solver].append(_gap(result, bks))
            extra = (_format(ratio if solver == "songnuan" else None),) if compare else ()
            out.writerow(_row(name, solver, args.time_limit, result, bks) + extra)
        sys.stdout.flush()
    for solver, solver_gaps in gaps.items():
        _summary(solver, solver_gaps, ratios if solver == "songnuan" else [])
    return 0


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instances", nargs="*", help="instance names, e.g. C101 R211")
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds per instance")
    parser.add_argument(
        "--solutions",
        type=int,
        help="stop each search after this many solutions (the time limit is then a safety net); "
        "default: at the time limit, as PyVRP does",
    )
    parser.add_argument("--all", action="store_true", help="every instance of the set")
    parser.add_argument("--homberger", action="store_true", help="Gehring–Homberger 200")
    parser.add_argument("--compare", choices=("pyvrp",), help="also run PyVRP on each")
    parser.add_argument(
        "--processes",
        type=int,
        default=os.cpu_count() or 1,
        help="processes for each solver: songnuan's searches, PyVRP's seeds (default: cores)",
    )
    parser.add_argument(
        "--side-by-side",
        action="store_true",
        help="run PyVRP at the same time as songnuan rather than after it",
    )
    default = os.environ.get("SONGNUAN_BENCH", str(REPO.parent / "shared" / "bench"))
    parser.add_argument("--data", default=default, help="folder holding solomon/, homberger/")
    return parser.parse_args(argv)


def _best_known(path: Path) -> dict[str, float]:
    with path.open(encoding="utf-8") as file:
        return {row["instance"]: float(row["distance"]) for row in csv.DictReader(file)}


def _natural(name: str) -> tuple[str, int]:
    """C1_2_10 after C1_2_9: the set's prefix, then its number."""
    prefix, _, number = name.rpartition("_")
    return (prefix, int(number)) if number.isdigit() else (name, 0)


def _songnuan(data: RoutingData, settings: Settings) -> Result:
    solution = solve(data, settings)
    if solution.dropped:
        return Result(vehicles=len(solution.tours), distance=None)
    road = sum(
        data.drive(tour.vehicle, [stop.call for stop in tour.stops]) for tour in solution.tours
    )
    return Result(vehicles=len(solution.tours), distance=road / SCALE)


def _both(
    data: RoutingData, instance: dict[str, Any], settings: Settings, args: argparse.Namespace
) -> tuple[Result, Result | None]:
    """songnuan's result, and PyVRP's when compared: after songnuan's, or beside it."""
    if args.compare != "pyvrp":
        return _songnuan(data, settings), None
    if not args.side_by_side:
        ours = _songnuan(data, settings)
        return ours, _pyvrp_best(data, instance, args.time_limit, args.processes)
    seeds = _start_pyvrp(data, instance, args.time_limit, args.processes)
    ours = _songnuan(data, settings)
    return ours, _best(seeds)


def _pyvrp_best(
    data: RoutingData, instance: dict[str, Any], time_limit: float, processes: int
) -> Result:
    """The best of `processes` PyVRP seeds run at the same time, one process each."""
    return _best(_start_pyvrp(data, instance, time_limit, processes))


def _start_pyvrp(
    data: RoutingData, instance: dict[str, Any], time_limit: float, processes: int
) -> list[tuple[multiprocessing.Process, Connection]]:
    """PyVRP with seeds 0 … processes−1, each in a forked process that has its work at once
    (a pool would hand it over from a thread of this process, which OR-Tools may starve)."""
    context = multiprocessing.get_context("fork")
    started = []
    for seed in range(processes):
        mine, theirs = context.Pipe(duplex=False)
        process = context.Process(
            target=_pyvrp_into, args=(theirs, data, instance, time_limit, seed)
        )
        process.start()
        started.append((process, mine))
    return started


def _pyvrp_into(
    into: Connection, data: RoutingData, instance: dict[str, Any], time_limit: float, seed: int
) -> None:
    into.send(_pyvrp(data, instance, time_limit, seed))


def _best(started: list[tuple[multiprocessing.Process, Connection]]) -> Result:
    """The shortest full plan of the PyVRP processes (an infeasible one only if all are)."""
    results = []
    for process, connection in started:
        results.append(connection.recv())
        process.join()
    feasible = [result for result in results if result.distance is not None]
    return min(feasible, key=lambda result: result.distance or 0.0) if feasible else results[0]


def _pyvrp(data: RoutingData, instance: dict[str, Any], time_limit: float, seed: int) -> Result:
    """PyVRP 0.14 on the very matrix, windows and service times songnuan solved."""
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime

    model = Model()
    locations = [model.add_location(int(x), int(y)) for x, y in instance["node_coord"]]
    vehicle = data.vehicles[0]
    depot = model.add_depot(locations[0], tw_early=vehicle.start, tw_late=vehicle.end)
    model.add_vehicle_type(
        num_available=len(data.vehicles),
        capacity=vehicle.capacity or 0,
        start_depot=depot,
        end_depot=depot,
        tw_early=vehicle.start,
        tw_late=vehicle.end,
    )
    for call in data.calls:
        early, late = call.window or (vehicle.start, vehicle.end)
        model.add_client(
            locations[call.place],
            delivery=call.demand,
            service_duration=call.service,
            tw_early=early,
            tw_late=late,
        )
    for a, frm in enumerate(locations):
        for b, to in enumerate(locations):
            model.add_edge(frm, to, distance=data.travel[a][b], duration=data.travel[a][b])
    result = model.solve(stop=MaxRuntime(time_limit), seed=seed, display=False)
    best = result.best
    distance = best.distance() / SCALE if best.is_feasible() else None
    return Result(vehicles=best.num_routes(), distance=distance)


def _gap(result: Result, bks: float) -> float:
    """Percent above the best-known distance; infinite when no full plan was found."""
    if result.distance is None:
        return float("inf")
    return 100 * (result.distance - bks) / bks


def _ratio(ours: Result, theirs: Result | None) -> float | None:
    if theirs is None or ours.distance is None or theirs.distance is None:
        return None
    return ours.distance / theirs.distance


def _row(name: str, solver: str, time_limit: float, result: Result, bks: float) -> tuple[str, ...]:
    feasible = result.distance is not None
    return (
        name,
        solver,
        f"{time_limit:g}",
        str(result.vehicles),
        f"{result.distance:.1f}" if feasible else "infeasible",
        f"{bks:.1f}",
        f"{_gap(result, bks):.2f}" if feasible else "",
    )


def _format(ratio: float | None) -> str:
    return "" if ratio is None else f"{ratio:.4f}"


def _summary(solver: str, gaps: Sequence[float], ratios: Sequence[float]) -> None:
    """One stderr line per solver that ran: plans found, mean and worst gap, ratio to PyVRP."""
    if not gaps:
        return
    solved = [gap for gap in gaps if gap != float("inf")]
    line = f"{solver}: feasible on {len(solved)} of {len(gaps)}"
    if solved:
        line += f", mean gap {statistics.mean(solved):.2f}%, worst {max(solved):.2f}%"
    if ratios:
        line += f"; ratio to PyVRP mean {statistics.mean(ratios):.4f}, worst {max(ratios):.4f}"
    print(line, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
