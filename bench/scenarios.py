"""The bundled scenarios planned by two source trees side by side: objective, drops, road, time.

`python bench/scenarios.py --tree A --tree B [--arg ...]` plans every scenario (or those named
with `--scenario`) with each tree in turn, alternating, so both see the same machine load; each
plan runs in a fresh interpreter with that tree first on `sys.path`. Options after `--arg` go to
`plan_scenario` (or its `Settings`, for a tree that has them) as `name=value`, e.g.
`--arg time_limit=20`, or for one tree only `--arg 1:solutions=500`. Prints one row per
scenario and tree, and the ratios of each later tree to the first.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE = r"""
import json, resource, sys, time
from pathlib import Path
from planner.load import load_scenario
from planner.pipeline import plan_scenario
from planner.plugins import make_plugin_manager
scenario = load_scenario(Path(sys.argv[1]))
options = json.loads(sys.argv[2])
pm = make_plugin_manager(scenario.campaign.plugins, ())
def cpu():
    who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, who))
began, used = time.monotonic(), cpu()
try:
    from planner.route import Settings
except ImportError:  # a tree from before the routing stage took one Settings
    plan = plan_scenario(scenario, pm, **options)
else:
    plan = plan_scenario(scenario, pm, Settings(**options))
print(json.dumps({
    "seconds": round(time.monotonic() - began, 2),
    "cpu": round(cpu() - used, 2),
    "objective": plan.objective,
    "visits": sum(len(r.visits) for r in plan.routes),
    "dropped": len(plan.dropped),
    "road": sum(r.travel_minutes for r in plan.routes),
    "status": str(plan.solver_status),
}))
"""


def run(tree: Path, scenario: Path, options: dict[str, object]) -> dict[str, object]:
    """One plan of `scenario` by the planner in `tree`, in its own interpreter."""
    env = {"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", ONE, str(scenario), json.dumps(options)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=tree,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", action="append", type=Path, required=True)
    parser.add_argument("--scenario", action="append")
    parser.add_argument(
        "--arg",
        action="append",
        default=[],
        help="name=value for plan_scenario, per tree: i:name=value",
    )
    args = parser.parse_args()
    names = args.scenario or sorted(p.name for p in (ROOT / "scenarios").iterdir() if p.is_dir())
    per_tree: list[dict[str, object]] = [{} for _ in args.tree]
    for arg in args.arg:
        which, _, pair = arg.partition(":") if ":" in arg.split("=")[0] else ("*", "", arg)
        name, _, value = pair.partition("=")
        for i in range(len(args.tree)):
            if which in ("*", str(i)):
                per_tree[i][name] = json.loads(value)
    print("scenario\ttree\tseconds\tcpu\tobjective\tvisits\tdropped\troad\tstatus")
    for name in names:
        rows = []
        for i, tree in enumerate(args.tree):
            row = run(tree.resolve(), ROOT / "scenarios" / name, per_tree[i])
            rows.append(row)
            print(
                f"{name}\t{i}\t{row['seconds']}\t{row['cpu']}\t{row['objective']}\t{row['visits']}\t"
                f"{row['dropped']}\t{row['road']}\t{row['status']}",
                flush=True,
            )
        base = rows[0]
        for i, row in enumerate(rows[1:], start=1):
            print(
                f"{name}\tratio {i}/0\t{row['seconds'] / max(base['seconds'], 0.01):.2f}\t"
                f"{row['cpu'] / max(base['cpu'], 0.01):.2f}\t"
                f"{row['objective'] / max(base['objective'], 1):.4f}\t\t\t"
                f"{row['road'] / max(base['road'], 1):.4f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
