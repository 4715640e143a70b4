"""The tiny scenario planned once, whose plan.json every re-planning test starts from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from planner.cli import main

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"


@pytest.fixture(scope="session")
def first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """plan.json of a first `songnuan plan` of the tiny scenario (never overwritten)."""
    out = tmp_path_factory.mktemp("first") / "out"
    args = ["plan", str(TINY), "--out", str(out), "--time-limit", "2"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out / "plan.json"


def plan_json(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def slots(path: Path) -> dict[str, tuple[str, str, str]]:
    """Each visited household's team, date and arrival in a plan.json."""
    return {
        visit["household_id"]: (route["team_id"], route["date"], visit["arrival"])
        for route in plan_json(path)["routes"]
        for visit in route["visits"]
    }


def busiest_day(path: Path) -> tuple[str, str]:
    """The team and date of the route with the most visits (the first such on a tie)."""
    route = max(plan_json(path)["routes"], key=lambda r: len(r["visits"]))
    return route["team_id"], route["date"]
