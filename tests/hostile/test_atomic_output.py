"""Output atomic in fact: signals, kills, leftovers, permissions, and an unwritable OUT."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_files import run

from planner.atomic_folder import TEMP_PREFIX, clean_leftovers, write_folder

WRITER = """
import sys, time
from pathlib import Path
from planner.atomic_folder import write_folder

out, ready, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])

def fill(folder):
    for n in range(20):
        (folder / f"part{n}.txt").write_text("x" * 1000)
    (folder / "complete").write_text("yes")
    ready.touch()
    time.sleep(float(sys.argv[4]))

for _ in range(rounds):
    write_folder(out, fill, force=True)
"""


def start(tmp_path: Path, rounds: int, pause: float) -> tuple[subprocess.Popen[bytes], Path, Path]:
    """A process writing `tmp_path/out` `rounds` times, pausing inside each fill."""
    out, ready = tmp_path / "out", tmp_path / "ready"
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(out), str(ready), str(rounds), str(pause)]
    )
    return process, out, ready


def wait_for(path: Path) -> None:
    """Until `path` exists (the child is inside its fill)."""
    deadline = time.monotonic() + 60
    while not path.exists():
        assert time.monotonic() < deadline, "the writer never started"
        time.sleep(0.01)


def leftovers(folder: Path) -> list[str]:
    """Temporary folders beside OUT."""
    return sorted(path.name for path in folder.glob(TEMP_PREFIX + "*"))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_terminated_run_removes_its_staging_folder(tmp_path: Path, signum: int) -> None:
    """SIGTERM (or SIGHUP) while the output is being written: the staging folder, which holds
    bank cards, is gone, and no OUT appears."""
    process, out, ready = start(tmp_path, rounds=1, pause=30)
    wait_for(ready)
    assert leftovers(tmp_path)
    process.send_signal(signum)
    assert process.wait(timeout=30) == 128 + signum
    assert leftovers(tmp_path) == [] and not out.exists()


def test_a_killed_run_leaves_old_or_new_out_and_the_next_run_cleans_up(tmp_path: Path) -> None:
    """SIGKILL at many moments of replacing OUT: OUT is always complete (old or new, never
    none, never half), and the next run removes what the killed one left."""
    first, out, ready = start(tmp_path, rounds=1, pause=0.0)
    assert first.wait(timeout=60) == 0 and (out / "complete").is_file()
    ready.unlink()
    for attempt in range(12):
        process, out, ready = start(tmp_path, rounds=200, pause=0.0)
        wait_for(ready)
        time.sleep(0.002 * attempt)
        process.kill()
        process.wait(timeout=30)
        ready.unlink()
        assert out.is_dir(), f"no OUT after a kill (attempt {attempt})"
        assert (out / "complete").read_text() == "yes"
        assert len(list(out.iterdir())) == 21
        clean_leftovers(tmp_path)
        assert leftovers(tmp_path) == []


def test_leftovers_of_running_processes_are_kept(tmp_path: Path) -> None:
    """Only folders of processes that no longer run are removed; an old OUT that a kill left
    aside is put back when OUT is missing."""
    dead = 2**22 + 12345  # above the default pid_max: no such process
    (tmp_path / f"{TEMP_PREFIX}{dead}-abc").mkdir()
    (tmp_path / f"{TEMP_PREFIX}{dead}-abc" / "发放名单.csv").write_text("bank cards")
    aside = tmp_path / f"{TEMP_PREFIX}{dead}-old-xyz" / "out"
    aside.mkdir(parents=True)
    (aside / "plan.json").write_text("{}")
    live = tmp_path / f"{TEMP_PREFIX}{os.getppid()}-def"
    live.mkdir()
    clean_leftovers(tmp_path)
    assert leftovers(tmp_path) == [live.name]
    assert (tmp_path / "out" / "plan.json").read_text() == "{}"


def mode(path: Path) -> int:
    """The permission bits of a path."""
    return stat.S_IMODE(path.stat().st_mode)


def test_staging_and_sensitive_files_are_owner_only(tmp_path: Path) -> None:
    """While it is filled, staging is 0700; afterwards the sensitive files stay 0600, the
    rest gets what the umask gives."""
    seen: dict[str, int] = {}

    def fill(folder: Path) -> None:
        seen["staging"] = mode(folder)
        (folder / "csv").mkdir()
        (folder / "csv" / "发放名单.csv").write_text("cards")
        (folder / "notice.html").write_text("public")

    umask = os.umask(0o022)
    try:
        write_folder(tmp_path / "out", fill, private=("csv/发放名单.csv",))
    finally:
        os.umask(umask)
    assert seen["staging"] == 0o700
    assert mode(tmp_path / "out" / "csv" / "发放名单.csv") == 0o600
    assert mode(tmp_path / "out" / "notice.html") == 0o644
    assert mode(tmp_path / "out") == 0o755


def test_plan_output_keeps_bank_cards_owner_only(tiny: Path, tmp_path: Path) -> None:
    """`plan`: allocation.xlsx and csv/发放名单.csv are readable by their owner only."""
    out = tmp_path / "out"
    result = run("plan", tiny, "--out", out, "--time-limit", "1")
    assert result.exit_code == 0, result.output
    assert mode(out / "allocation.xlsx") == mode(out / "csv" / "发放名单.csv") == 0o600
    assert mode(out / "plan.json") & 0o044


def test_an_unwritable_out_parent_is_exit_2_before_planning(tiny: Path, tmp_path: Path) -> None:
    """OUT under a file, or under /proc: exit 2 at once, before any planning."""
    (tmp_path / "file.txt").write_text("")
    for out in (tmp_path / "file.txt" / "out", Path("/proc/songnuan/out")):
        result = run("plan", tiny, "--out", out, "--time-limit", "1")
        assert result.exit_code == 2, result.output
        assert "cannot write" in result.output and "households" not in result.output
