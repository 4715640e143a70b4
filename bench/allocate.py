"""Rules and allocation at scale: the county example's households replicated to 10k/50k/100k.

    python bench/allocate.py                              # 10,000, 50,000, 100,000; both cases
    python bench/allocate.py --sizes 100000 --short model
    python bench/allocate.py --planner /tmp/main-checkout # another checkout's planner, to compare

Each size is the county example (`scenarios/county-union-2027`) with its households copied
with new ids (`-k` after the id) until there are that many, so every copy has the same facts,
place and district as its original. The budget is scaled with the size, in one of two cases:

- `all`: money short on every line — each line gets 70% of what its eligible households
  would cost, and the total 95% of the lines together, so the lines and the total all bind;
- `model`: only the 劳模 line short — the lines are the example's, scaled with the size
  (the 劳模 line pays about 73% of its households, the other line has money left).

Every (size, case) runs in its own process, which prints one CSV row: seconds spent in the
rules stage and in the allocation, wall clock and CPU (the CPU seconds are what the machine's
load does not inflate; CP-SAT runs one worker), the allocation's solver status, households
funded, and the process's peak resident memory (`ru_maxrss`, which counts CP-SAT's C++ memory
too) — the whole process, including the copied scenario. `--planner DIR` puts DIR first on
the workers' `sys.path`, so the same bench measures another checkout's `planner` (e.g. main's),
side by side in one run. A failed allocation is a row with its error in `status`.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "scenarios" / "county-union-2027"
SIZES = (10_000, 50_000, 100_000)
CASES = ("all", "model")
LINE_SHARE = 0.70
TOTAL_SHARE = 0.95
HEADER = (
    "planner",
    "households",
    "short",
    "rules_s",
    "allocate_s",
    "rules_cpu_s",
    "allocate_cpu_s",
    "status",
    "funded",
    "peak_mib",
)


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    if args.run:
        print(json.dumps(_measure(*json.loads(args.run))))
        return 0
    writer = csv.writer(sys.stdout)
    writer.writerow(HEADER)
    for size in args.sizes:
        for short in args.short:
            for planner in args.planner or ["."]:
                row = _in_own_process(planner, size, short)
                writer.writerow([row[name] for name in HEADER])
                sys.stdout.flush()
    return 0


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--short", choices=CASES, nargs="+", default=CASES)
    parser.add_argument(
        "--planner", action="append", help="checkout whose planner to measure (repeatable)"
    )
    parser.add_argument("--run", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _in_own_process(planner: str, size: int, short: str) -> dict[str, Any]:
    env = dict(os.environ)
    if planner != ".":
        env["PYTHONPATH"] = os.pathsep.join([planner, env.get("PYTHONPATH", "")])
    command = [sys.executable, __file__, "--run", json.dumps([planner, size, short])]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{planner} {size} {short}: the worker failed")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _measure(planner: str, size: int, short: str) -> dict[str, Any]:
    """Rules and allocation of one replicated scenario, in this process."""
    from planner.allocate import allocate
    from planner.plugins import make_plugin_manager
    from planner.problems import InfeasibleError
    from planner.rules import apply_rules

    scenario = replicated(size, short)
    pm = make_plugin_manager(scenario.campaign.plugins, ())
    started, started_cpu = time.perf_counter(), time.process_time()
    cases = apply_rules(scenario, pm)
    ruled, ruled_cpu = time.perf_counter(), time.process_time()
    try:
        allocation = allocate(cases)
        status, funded = allocation.solver_status, len(allocation.grants)
    except InfeasibleError as error:
        status, funded = f"failed: {error}", 0
    allocated, allocated_cpu = time.perf_counter(), time.process_time()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "planner": planner,
        "households": size,
        "short": short,
        "rules_s": round(ruled - started, 2),
        "allocate_s": round(allocated - ruled, 2),
        "rules_cpu_s": round(ruled_cpu - started_cpu, 2),
        "allocate_cpu_s": round(allocated_cpu - ruled_cpu, 2),
        "status": status,
        "funded": funded,
        "peak_mib": round(peak),
    }


def replicated(size: int, short: str) -> Any:
    """The county example with `size` households and a budget short as `short` says."""
    from planner.load.scenario_folder import load_scenario
    from planner.plugins import make_plugin_manager
    from planner.rules import apply_rules

    example = load_scenario(EXAMPLE)
    originals = example.households
    households = tuple(
        originals[i % len(originals)].model_copy(
            update={"id": f"{originals[i % len(originals)].id}-{i // len(originals)}", "row": i + 2}
        )
        for i in range(size)
    )
    factor = size / len(originals)
    budget = example.budget
    if short == "model":
        lines = [
            line.model_copy(update={"amount": round(line.amount * factor)}) for line in budget.lines
        ]
        total = round(budget.total * factor)
    else:
        demand = _demand(apply_rules(example, make_plugin_manager(example.campaign.plugins, ())))
        lines = [
            line.model_copy(update={"amount": round(demand[line.id] * factor * LINE_SHARE)})
            for line in budget.lines
        ]
        total = round(sum(line.amount for line in lines) * TOTAL_SHARE)
    scaled = budget.model_copy(update={"lines": tuple(lines), "total": total})
    return example.model_copy(update={"households": households, "budget": scaled})


def _demand(cases: Any) -> dict[str, int]:
    """Yuan that each line's eligible households would cost, at their standards."""
    budget = cases.scenario.budget
    demand = {line.id: 0 for line in budget.lines}
    for case in cases.cases:
        line = budget.line_for(case.category)
        if case.eligible and line is not None:
            demand[line.id] += case.standard
    return demand


if __name__ == "__main__":
    raise SystemExit(main())
