"""Multi-district campaigns at scale through songnuan's routing stage, optionally beside PyVRP.

    python bench/scale.py                                  # 500×20, 2,000×50, 5,000×100, 60 s
    python bench/scale.py --sizes 5000x100 --time-limit 60
    python bench/scale.py --size 20000x300 --time-limit 60 180   # a province: one row a limit
    python bench/scale.py --compare pyvrp --time-limit 30  # 200×10, 500×10, 2,000×40, no rules
    python bench/scale.py --sizes 5000x100 --cluster tcp://HOST:8786   # the parts on Dask

Each campaign is generated as data (`campaigns.py`: 5 days, lunch breaks, leader tiers,
districts, a car pool, windows), its driving minutes found over its roads as `plan` does before
the rules (`attach_travel`), and routed by `planner.route.route` as `plan` routes it:
`build`, then `bundle.solve` (alike households of a village as one stop; cut by district and
area, both cores), the time limit holding for all of it.
Per campaign and time limit it prints, as CSV:

- `travel_s`: seconds to find the driving minutes over the roads (before the routing stage);
- `data_s`: seconds to build the routing data (`build`: who can visit whom, the car pool),
  timed on its own before the stage (which builds it again);
- `first_plan_s`: seconds from the allocation to the first complete plan (routing data, pool,
  parts, every part's first solution and the leftover pass's), measured as a separate run that
  stops each search at its first solution;
- `stage_s`: seconds of the whole routing stage at the time limit (`route`: data, search and
  the plan), to show that the limit holds;
- `objective`, `dropped` of the plan at the time limit; `must_dropped`: must-visits some team
  could make (by every rule of the campaign) that the plan leaves out, the car pool's included;
  `must_unreachable`: must-visits the generator made that no team can make at all (too far
  from every depot allowed to go for its hours), which never reach the search;
- `peak_mib`: the most memory of the routing process and all its workers together, sampled
  every 0.1 s as their proportional set size (psutil's `pss`: a page forked workers share
  with the parent counts once, where resident sizes would count it in each); `bound_mib`: an
  upper bound from `getrusage`'s ru_maxrss, the routing process's plus twice its largest
  worker's (two run at once). Every run is its own process, so runs do not inflate each other.
- `cpu_s`: CPU seconds of the run, workers included.
- `status`: how the search ended (`planner/route/solution.py`): `settled` or `work_limit` when
  every part stopped on its work (the same plan on any machine), `time_limit` when the safety
  net cut a part short; `parts`: how many parts the campaign is routed in (`partition`).

`--cluster ADDRESS` routes the parts on the Dask scheduler at that address (`plan --cluster`);
`peak_mib`, `bound_mib` and `cpu_s` then count this machine's processes only, not the workers'.

`--plain` generates the campaigns without what PyVRP cannot express (breaks, tiers, districts,
the pool, windows repeating daily); `--compare pyvrp` does so and routes each with PyVRP 0.14
too, for the same time, one after the other, and prints the objective ratio (songnuan ÷ PyVRP;
lower is better).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

import psutil
from campaigns import Size, campaign

from planner.route import route
from planner.route.bundle import bundle
from planner.route.explain import NO_CAR
from planner.route.model import build
from planner.route.partition import partition
from planner.route.settings import Settings
from planner.travel.matrix import attach_travel

SIZES = ("500x20", "2000x50", "5000x100")
COMPARE_SIZES = ("200x10", "500x10", "2000x40")
HEADER = (
    "visits",
    "teams",
    "team_days",
    "time_limit_s",
    "travel_s",
    "data_s",
    "first_plan_s",
    "stage_s",
    "cpu_s",
    "objective",
    "dropped",
    "must_dropped",
    "must_unreachable",
    "peak_mib",
    "bound_mib",
    "status",
    "parts",
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
        common = ["--one", text, "--seed", str(args.seed)]
        common += [] if args.solutions is None else ["--solutions", str(args.solutions)]
        common += ["--plain"] if compare or args.plain else []
        common += [] if args.cluster is None else ["--cluster", args.cluster]
        first = _child([*common, "--time-limit", str(max(args.time_limit)), "--run", "first"])
        for limit in args.time_limit:
            best = _child([*common, "--time-limit", str(limit), "--run", "limit"])
            if first is None or best is None:
                out.writerow([visits, teams, "", f"{limit:g}", "no plan (see stderr)"])
                continue
            row = [
                visits,
                teams,
                best["team_days"],
                f"{limit:g}",
                f"{best['travel_s']:.1f}",
                f"{best['data_s']:.1f}",
                f"{first['seconds']:.1f}",
                f"{best['seconds']:.1f}",
                f"{best['cpu_s']:.0f}",
                best["objective"],
                best["dropped"],
                best["must_dropped"],
                best["must_unreachable"],
                f"{best['peak_mib']:.0f}",
                f"{best['bound_mib']:.0f}",
                best["status"],
                best["parts"],
            ]
            if compare:
                theirs = _child([*common, "--time-limit", str(limit), "--run", "pyvrp"])
                assert theirs is not None
                row += [theirs["objective"], f"{best['objective'] / theirs['objective']:.4f}"]
            out.writerow(row)
            sys.stdout.flush()
    return 0


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", "--size", nargs="*", metavar="VISITSxTEAMS")
    parser.add_argument(
        "--time-limit", type=float, nargs="+", default=[60.0], help="one row per limit"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--solutions",
        type=int,
        help="stop each search after this many solutions (the time limit is then a safety net)",
    )
    parser.add_argument("--compare", choices=["pyvrp"])
    parser.add_argument("--cluster", metavar="ADDRESS", help="route the parts on Dask there")
    parser.add_argument("--one", dest="size", help=argparse.SUPPRESS)
    parser.add_argument(
        "--plain", action="store_true", help="campaigns without rules, as --compare routes them"
    )
    parser.add_argument("--run", choices=["first", "limit", "pyvrp"], help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _child(arguments: list[str]) -> dict[str, Any] | None:
    """One measurement in a fresh process, so that its memory peak is its own; `None` when it
    found no plan (its error goes to stderr)."""
    done = subprocess.run(
        [sys.executable, __file__, *arguments], stdout=subprocess.PIPE, text=True, check=False
    )
    if done.returncode:
        return None
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def _run(args: argparse.Namespace) -> dict[str, Any]:
    """In the child: generate the campaign, route it as asked, and measure."""
    visits, teams = (int(part) for part in args.size.split("x"))
    limit = args.time_limit[0]
    allocation = campaign(Size(visits, teams, args.seed), rules=not args.plain)
    found = time.monotonic()
    scenario = attach_travel(allocation.cases.scenario)
    cases = allocation.cases.model_copy(update={"scenario": scenario})
    allocation = allocation.model_copy(update={"cases": cases})
    started = time.monotonic()
    data = build(allocation)
    built = time.monotonic()
    if args.run == "pyvrp":
        from pyvrp_campaign import pyvrp_objective

        return {"objective": pyvrp_objective(data, limit, args.seed)}
    solutions = 1 if args.run == "first" else args.solutions
    with _Peak() as peak:
        began = time.monotonic()
        settings = Settings(time_limit=limit, solutions=solutions, cluster=args.cluster)
        plan = route(allocation, settings)
    seconds = time.monotonic() - began
    unreachable = {v.household_id: v.must for v in data.unservable if v.reason.code != NO_CAR}
    dropped = [visit.must for visit in plan.dropped if visit.household_id not in unreachable]
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": seconds,
        "travel_s": started - found,
        "data_s": built - started,
        "cpu_s": own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime,
        "team_days": len(data.vehicles),
        "objective": plan.objective,
        "dropped": len(plan.dropped),
        "must_dropped": sum(dropped),
        "must_unreachable": sum(unreachable.values()),
        "peak_mib": peak.mib,
        "bound_mib": (own.ru_maxrss + 2 * workers.ru_maxrss) / 1024,
        "status": str(plan.solver_status),
        "parts": len(partition(bundle(data).data)),
    }


class _Peak:
    """The most resident memory of this process and its descendants together, while inside."""

    def __init__(self) -> None:
        self.mib = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> _Peak:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while True:
            total = 0
            for process in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += process.memory_full_info().pss
            self.mib = max(self.mib, total / 2**20)
            if self._done.wait(0.1):
                return


if __name__ == "__main__":
    sys.exit(main())
