"""Multi-district campaigns at scale through songnuan's routing stage, optionally beside PyVRP.

    python bench/scale.py                                  # 500×20, 2,000×50, 5,000×100, 60 s
    python bench/scale.py --sizes 5000x100 --time-limit 60
    python bench/scale.py --compare pyvrp --time-limit 30  # 200×10, 500×10, 2,000×40, no rules

Each campaign is generated as data (`campaigns.py`: 5 days, lunch breaks, leader tiers,
districts, a car pool, windows) and routed by `planner.route.route`'s own path: `build`, then
`bundle.solve` (alike households of a village as one stop; cut by district and area,
both cores). Per campaign it prints, as CSV:

- `first_plan_s`: seconds from the allocation to the first complete plan (routing data, pool,
  parts, every part's first solution and the leftover pass's), measured as a separate run that
  stops each search at its first solution;
- `objective`, `dropped`, `must_dropped` of the plan at the time limit (must-visits include
  those no team can make at all, which never reach the search);
- `peak_mib`: the resident memory of the routing process plus twice that of its largest worker
  (two run at once), from `getrusage`'s ru_maxrss, which counts OR-Tools' C++ memory where
  tracemalloc would not. Every run is its own process, so runs do not inflate each other.

`--compare pyvrp` generates the campaigns without what PyVRP cannot express (breaks, tiers,
districts, the pool, windows repeating daily) and routes each with PyVRP 0.14 too, for the same
time, one after the other, and prints the objective ratio (songnuan ÷ PyVRP; lower is better).
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

from campaigns import Size, campaign

from planner.route.bundle import solve
from planner.route.model import build
from planner.route.settings import Settings

SIZES = ("500x20", "2000x50", "5000x100")
COMPARE_SIZES = ("200x10", "500x10", "2000x40")
HEADER = (
    "visits",
    "teams",
    "team_days",
    "time_limit_s",
    "first_plan_s",
    "objective",
    "dropped",
    "must_dropped",
    "peak_mib",
)


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    if args.run:
        print(json.dumps(_run(args)))
        return 0
    compare = args.compare == "pyvrp"
    sizes = args.sizes or (COMPARE_SIZES if compare else SIZES)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(HEADER + (("pyvrp_objective", "ratio_to_pyvrp") if compare else ()))
    for text in sizes:
        visits, teams = (int(part) for part in text.split("x"))
        common = ["--size", text, "--time-limit", str(args.time_limit), "--seed", str(args.seed)]
        common += [] if args.solutions is None else ["--solutions", str(args.solutions)]
        common += ["--plain"] if compare else []
        first = _child([*common, "--run", "first"])
        best = _child([*common, "--run", "limit"])
        row = [
            visits,
            teams,
            best["team_days"],
            f"{args.time_limit:g}",
            f"{first['seconds']:.1f}",
            best["objective"],
            best["dropped"],
            best["must_dropped"],
            f"{best['peak_mib']:.0f}",
        ]
        if compare:
            theirs = _child([*common, "--run", "pyvrp"])["objective"]
            row += [theirs, f"{best['objective'] / theirs:.4f}"]
        out.writerow(row)
        sys.stdout.flush()
    return 0


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="*", metavar="VISITSxTEAMS")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--solutions",
        type=int,
        help="stop each search after this many solutions (the time limit is then a safety net)",
    )
    parser.add_argument("--compare", choices=["pyvrp"])
    parser.add_argument("--size", help=argparse.SUPPRESS)
    parser.add_argument("--plain", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--run", choices=["first", "limit", "pyvrp"], help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _child(arguments: list[str]) -> dict[str, Any]:
    """One measurement in a fresh process, so that its memory peak is its own."""
    done = subprocess.run(
        [sys.executable, __file__, *arguments], capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def _run(args: argparse.Namespace) -> dict[str, Any]:
    """In the child: generate the campaign, route it as asked, and measure."""
    visits, teams = (int(part) for part in args.size.split("x"))
    allocation = campaign(Size(visits, teams, args.seed), rules=not args.plain)
    started = time.monotonic()
    data = build(allocation)
    if args.run == "pyvrp":
        from pyvrp_campaign import pyvrp_objective

        return {"objective": pyvrp_objective(data, args.time_limit, args.seed)}
    first = args.run == "first"
    solutions = 1 if first else args.solutions
    solution = solve(data, Settings(time_limit=args.time_limit, solutions=solutions))
    seconds = time.monotonic() - started
    dropped = [data.calls[k].must for k in solution.dropped]
    dropped += [visit.must for visit in data.unservable]
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "seconds": seconds,
        "team_days": len(data.vehicles),
        "objective": solution.objective,
        "dropped": len(dropped),
        "must_dropped": sum(dropped),
        "peak_mib": (own + 2 * workers) / 1024,
    }


if __name__ == "__main__":
    sys.exit(main())
