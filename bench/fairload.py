"""Fair loads between teams, two source trees side by side: per tier the spread of road time
and of visits (max/min, Gini), the total road minutes and the visits made.

`python bench/fairload.py --tree A --tree B` plans county-union-2027, bureau-2026 and the
synthetic car-pool campaign of `bench/campaigns.py` (`--size visits,teams`) with each tree in
turn, each in a fresh interpreter with that tree first on `sys.path`, alternating, so both see
the same machine load. Default settings (the search stops on its work, so the figures do not
depend on the machine).
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
from planner.fairness import gini
from planner.route import Settings, route
what, size, bench = sys.argv[1], sys.argv[2], sys.argv[3]
began = time.monotonic()
if what == "bench":
    sys.path.insert(1, bench)
    from campaigns import Size, campaign
    visits, teams = map(int, size.split(","))
    allocation = campaign(Size(visits=visits, teams=teams))
    plan = route(allocation, Settings())
    scenario = allocation.cases.scenario
else:
    from planner.load import load_scenario
    from planner.pipeline import plan_scenario
    from planner.plugins import make_plugin_manager
    scenario = load_scenario(Path(what))
    plan = plan_scenario(scenario, make_plugin_manager(scenario.campaign.plugins, ()), Settings())
tiers = {}
for team in scenario.teams:
    routes = [r for r in plan.routes if r.team_id == team.id]
    tiers.setdefault(team.tier, []).append(
        (sum(r.travel_minutes for r in routes), sum(len(r.visits) for r in routes), len(routes)))
out = {"seconds": round(time.monotonic() - began, 1), "cpu": round(sum(
           u.ru_utime + u.ru_stime
           for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))), 1),
       "status": str(plan.solver_status), "objective": plan.objective,
       "road": sum(r.travel_minutes for r in plan.routes),
       "visits": len(plan.visits), "dropped": len(plan.dropped), "tiers": {}}
for tier, loads in tiers.items():
    if len(loads) < 2:
        continue
    road = [l[0] for l in loads]; made = [l[1] for l in loads]
    out["tiers"][tier] = {
        "teams": len(loads), "idle": sum(1 for l in loads if l[2] == 0),
        "road_h": f"{min(road)/60:.1f}-{max(road)/60:.1f}", "road_gini": gini(road),
        "visits": f"{min(made)}-{max(made)}", "visits_gini": gini(made)}
print(json.dumps(out, ensure_ascii=False))
"""


def run(tree: Path, what: str, size: str) -> dict[str, object]:
    """One plan by the planner in `tree`, in its own interpreter started in `tree` (`python -c`
    puts its working folder first on `sys.path`, before PYTHONPATH)."""
    env = {"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", ONE, what, size, str(ROOT / "bench")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=tree,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", action="append", type=Path, required=True)
    parser.add_argument("--size", default="300,12")
    parser.add_argument("--only", action="append")
    args = parser.parse_args()
    cases = [
        str(ROOT / "scenarios" / "county-union-2027"),
        str(ROOT / "scenarios" / "bureau-2026"),
        "bench",
    ]
    for what in cases:
        if args.only and not any(name in what for name in args.only):
            continue
        for i, tree in enumerate(args.tree):
            row = run(tree.resolve(), what, args.size)
            print(f"{Path(what).name}\ttree {i}\t{json.dumps(row, ensure_ascii=False)}", flush=True)


if __name__ == "__main__":
    main()
