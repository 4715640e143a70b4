"""`songnuan plan` end to end, as a clerk runs it, for two or more source trees side by side.

    python bench/plan_command.py --tree /tmp/main --tree . [--scenario county-union-2027] [--runs 3]

Each run is `python -m planner plan SCENARIO --out TMP --force` in a fresh interpreter started
in the tree's own folder (so that tree's `planner` is imported), the trees alternating run by
run so that both see the same machine load. Prints, as tab-separated rows, each run's wall
seconds, CPU seconds (the command and its workers, from `wait4`), peak memory of the command's
own process, and the objective and routing status from the plan.json it wrote; then each tree's
median wall seconds and its ratio to the first tree's. The scenario is the first tree's
`scenarios/` folder's unless a path is given.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(tree: Path, scenario: Path) -> dict[str, object]:
    """One `plan` by the planner in `tree`: seconds, CPU, peak memory, objective, status."""
    with tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "PYTHONPATH": str(tree)}
        began = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-m", "planner", "plan", str(scenario), "--out", out, "--force"],
            cwd=tree,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.monotonic() - began
        if os.waitstatus_to_exitcode(status) != 0:
            said = child.stderr.read().decode() if child.stderr else ""
            raise SystemExit(f"{tree}: plan failed: {said}")
        plan = json.loads((Path(out) / "plan.json").read_text(encoding="utf-8"))
    return {
        "wall_s": round(seconds, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mib": round(usage.ru_maxrss / 1024),
        "objective": plan["objective"],
        "routing": plan["solver_status"]["routing"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", type=Path, required=True)
    parser.add_argument("--scenario", default="county-union-2027")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    trees = [tree.resolve() for tree in args.tree]
    scenario = Path(args.scenario)
    if not scenario.is_absolute() and len(scenario.parts) == 1:
        scenario = trees[0] / "scenarios" / scenario
    walls: dict[int, list[float]] = {i: [] for i in range(len(trees))}
    print("run\ttree\twall_s\tcpu_s\tpeak_mib\tobjective\trouting")
    for n in range(args.runs):
        for i, tree in enumerate(trees):
            row = run(tree, scenario.resolve())
            walls[i].append(float(str(row["wall_s"])))
            print(f"{n}\t{i}\t" + "\t".join(str(value) for value in row.values()), flush=True)
    first = statistics.median(walls[0])
    for i, tree in enumerate(trees):
        median = statistics.median(walls[i])
        print(f"# tree {i} ({tree}): median wall {median:.2f} s, {median / first:.3f}× tree 0")


if __name__ == "__main__":
    main()
