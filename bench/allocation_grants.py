"""The grants of two checkouts' allocations on the bundled scenarios, side by side.

    python bench/allocation_grants.py --planner /tmp/main     # main's planner against this one

Each bundled scenario is allocated as it is and with every line and the total cut to 90%, 70%,
50% and 30% (so that money runs short), by this checkout's `planner` and by the one in
`--planner DIR`, each in its own process. Per scenario and cut it prints, as CSV, what the
allocation's objectives see — the households funded at each priority level and the lowest
district's coverage (‰) — and whether the funded households are the same, counted per class of
alike households (line, standard, priority, district) and one by one. A cut whose must-fund
households exceed the money is `infeasible` in both.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ("county-union-2027", "bureau-2026", "city-leaders-2026", "school-2027", "town-2027")
CUTS = (1.0, 0.9, 0.7, 0.5, 0.3)
HEADER = (
    "scenario",
    "cut",
    "funded",
    "same_levels",
    "lowest_share_before",
    "lowest_share_after",
    "same_classes",
    "same_households",
    "households_differing",
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--planner", required=False, help="the checkout to compare with")
    parser.add_argument("--run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        print(json.dumps(_allocations()))
        return 0
    before, after = _in_process(args.planner), _in_process(None)
    writer = csv.writer(sys.stdout)
    writer.writerow(HEADER)
    for key, old in before.items():
        new = after[key]
        name, cut = key.rsplit("@", 1)
        if isinstance(old, str) or isinstance(new, str):
            writer.writerow([name, cut, "infeasible", *[""] * (len(HEADER) - 3)])
            continue
        differing = len(set(old["grants"]) ^ set(new["grants"]))
        writer.writerow(
            [
                name,
                cut,
                len(new["grants"]),
                old["levels"] == new["levels"],
                old["low"],
                new["low"],
                old["classes"] == new["classes"],
                differing == 0,
                differing,
            ]
        )
    return 0


def _in_process(planner: str | None) -> dict[str, Any]:
    env = dict(os.environ)
    if planner:
        env["PYTHONPATH"] = os.pathsep.join([planner, env.get("PYTHONPATH", "")])
    command = [sys.executable, __file__, "--run"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout))


def _allocations() -> dict[str, Any]:
    """Per scenario and cut: funded ids, funded per level and class, lowest district share."""
    from planner.allocate import allocate
    from planner.load.scenario_folder import load_scenario
    from planner.plugins import make_plugin_manager
    from planner.problems import InfeasibleError
    from planner.rules import apply_rules

    found: dict[str, Any] = {}
    for name in SCENARIOS:
        base = load_scenario(ROOT / "scenarios" / name)
        pm = make_plugin_manager(base.campaign.plugins, ())
        for cut in CUTS:
            lines = tuple(
                line.model_copy(update={"amount": int(line.amount * cut)})
                for line in base.budget.lines
            )
            budget = base.budget.model_copy(
                update={"lines": lines, "total": int(base.budget.total * cut)}
            )
            cases = apply_rules(base.model_copy(update={"budget": budget}), pm)
            try:
                allocation = allocate(cases)
            except InfeasibleError as error:
                found[f"{name}@{cut}"] = str(error)
                continue
            found[f"{name}@{cut}"] = _figures(cases, {g.household_id for g in allocation.grants})
    return found


def _figures(cases: Any, funded: set[str]) -> dict[str, Any]:
    budget = cases.scenario.budget
    payable = [
        (case, budget.line_for(case.category).id)
        for case in cases.cases
        if case.eligible and case.standard and budget.line_for(case.category)
    ]
    levels = Counter(case.priority for case, _ in payable if case.household_id in funded)
    classes = Counter(
        f"{line}|{case.standard}|{case.priority}|{case.district}"
        for case, line in payable
        if case.household_id in funded
    )
    districts: dict[str, list[int]] = {}
    for case, _ in payable:
        figures = districts.setdefault(case.district, [0, 0])
        figures[0] += 1
        figures[1] += case.household_id in funded
    low = min((1000 * f // n for n, f in districts.values()), default=1000)
    return {
        "grants": sorted(funded),
        "levels": sorted(levels.items()),
        "classes": sorted(classes.items()),
        "low": low,
    }


if __name__ == "__main__":
    raise SystemExit(main())
