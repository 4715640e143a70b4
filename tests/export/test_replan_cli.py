"""`songnuan plan` again: calendars pick up where the last run's plan.json left them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from planner.cli import main

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"


def plan(out: Path, *more: str) -> Result:
    """Run `songnuan plan` on the tiny scenario into `out`."""
    args = ["plan", str(TINY), "--out", str(out), "--time-limit", "1", *more]
    return CliRunner().invoke(main, args)


def events(out: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """The events plan.json says were published, by calendar file and UID."""
    data = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    return {(c["file"], e["uid"]): e for c in data["calendars"] for e in c["events"]}


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A first run; its plan.json is kept aside, since later runs replace the folder."""
    out = tmp_path_factory.mktemp("replan") / "out"
    assert plan(out).exit_code == 0
    kept = out.parent / "first-plan.json"
    kept.write_bytes((out / "plan.json").read_bytes())
    return out


def test_force_continues_from_the_replaced_plan(first: Path) -> None:
    """With --force, an event keeps its SEQUENCE if unchanged, else gets +1; new ones start at 0."""
    before = events(first)
    assert plan(first, "--force").exit_code == 0
    after = events(first)
    for key, event in before.items():
        if after[key]["fingerprint"] == event["fingerprint"]:
            assert after[key]["sequence"] == event["sequence"] == 0
        else:
            assert after[key]["sequence"] == 1
    added = [after[key] for key in after.keys() - before.keys()]
    assert all(e["sequence"] == 0 and e["status"] == "CONFIRMED" for e in added)


def test_previous_names_the_plan_to_continue_from(first: Path, tmp_path: Path) -> None:
    """--previous reads another plan.json: its SEQUENCE numbers carry over into a new folder."""
    data = json.loads((first.parent / "first-plan.json").read_text(encoding="utf-8"))
    for calendar in data["calendars"]:
        for event in calendar["events"]:
            event["sequence"] = 5
    previous = tmp_path / "mailed-plan.json"
    previous.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert plan(out, "--previous", str(previous)).exit_code == 0
    sequences = {event["sequence"] for event in events(out).values()}
    assert sequences and sequences <= {5, 6}


def test_unreadable_previous_plan_stops_the_run(tmp_path: Path) -> None:
    """A previous plan.json that cannot be read is exit status 2 and nothing is written."""
    broken = tmp_path / "plan.json"
    broken.write_text("{", encoding="utf-8")
    result = plan(tmp_path / "out", "--previous", str(broken))
    assert result.exit_code == 2
    assert "cannot read the calendars published before" in result.output
    assert not (tmp_path / "out").exists()
