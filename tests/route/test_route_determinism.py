"""Same input, same plan: `plan`, `replan` and `explain` write the same bytes on an idle and on
a busy machine, and the routing stage gives the same plan on one core or two.

The search stops on its work (a number of solutions), not on the clock, so neither the load nor
the number of cores may change a single byte of what the office and the leaders receive.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner, Result
from route.test_route_plan import random_campaign
from route.tiny import TinyCampaign

from planner.cli import main

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"


def _spin() -> None:
    """A busy process: burns a core until it is stopped."""
    while True:
        pass


@contextmanager
def busy_machine() -> Iterator[None]:
    """Two busy processes per core while the block runs, stopped after it."""
    spinners = [
        multiprocessing.get_context("spawn").Process(target=_spin, daemon=True)
        for _ in range(2 * (os.cpu_count() or 1))
    ]
    for spinner in spinners:
        spinner.start()
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.terminate()
        for spinner in spinners:
            spinner.join()


def run(*arguments: str) -> Result:
    result = CliRunner().invoke(main, list(arguments))
    assert result.exit_code in (0, 3), result.output
    return result


def contents(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path inside it."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_plan_and_replan_write_the_same_files_on_a_busy_machine(tmp_path: Path) -> None:
    """The tiny scenario planned and re-planned idle and again beside busy processes: every
    file (plan.json, calendars, sheets, report) is byte for byte the same, and no run says the
    time limit stopped it."""
    run("plan", str(TINY), "--out", str(tmp_path / "idle"))
    previous = str(tmp_path / "idle" / "plan.json")
    replan = ["replan", str(TINY), "--previous", previous, "--today", "2027-01-20"]
    run(*replan, "--out", str(tmp_path / "idle-replan"))
    with busy_machine():
        run("plan", str(TINY), "--out", str(tmp_path / "busy"))
        run(*replan, "--out", str(tmp_path / "busy-replan"))
    assert contents(tmp_path / "busy") == contents(tmp_path / "idle")
    assert contents(tmp_path / "busy-replan") == contents(tmp_path / "idle-replan")
    for run_folder in ("idle", "idle-replan"):
        plan = json.loads((tmp_path / run_folder / "plan.json").read_text(encoding="utf-8"))
        assert plan["solver_status"]["routing"] in ("settled", "work_limit")


def test_explain_answers_the_same_on_a_busy_machine() -> None:
    """`explain` without --plan plans the scenario itself; beside busy processes it gives the
    same answer."""
    idle = run("explain", str(TINY), "h01").output
    with busy_machine():
        busy = run("explain", str(TINY), "h01").output
    assert busy == idle


def test_one_worker_and_two_give_the_same_plan() -> None:
    """Random small campaigns routed with one worker (the searches one after another) and with
    two (side by side in two processes): the same plan. The safety net is set far out, so that
    on a machine busy with other work too it is the searches' work that ends them."""
    for seed in range(3):
        campaign = TinyCampaign()
        random_campaign(campaign, random.Random(seed))
        two = campaign.plan(workers=2, time_limit=600)
        assert two.solver_status != "time_limit"
        assert two == campaign.plan(workers=1, time_limit=600)
