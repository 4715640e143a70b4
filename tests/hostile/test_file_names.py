"""Calendar file names: one safe mapping from ids, collision-free, Windows-valid and stable."""

from __future__ import annotations

from pathlib import Path

from hostile_files import edit, run
from ical.calendar_stream import IcsCalendarStream
from pathvalidate import is_valid_filename

from planner.export.file_names import file_stems, is_safe_stem


def test_good_names_are_kept() -> None:
    """Ids that are fine file names keep them, so existing calendars keep their files."""
    stems = file_stems(["county-1", "王副县长", "union_1"])
    assert stems == {"county-1": "county-1", "王副县长": "王副县长", "union_1": "union_1"}


def test_names_that_map_alike_get_apart() -> None:
    """Space vs `_`, case, and characters a file name cannot hold never share a file."""
    names = ["A B", "A_B", "a_b", "A/B", "A:B", "A*B", "A?B", "A\x00B"]
    stems = file_stems(names)
    assert len({stem.casefold() for stem in stems.values()}) == len(names)
    assert all(is_valid_filename(stem + ".ics", platform="universal") for stem in stems.values())


def test_reserved_and_odd_names_are_valid_everywhere() -> None:
    """Windows device names, dots, traversal, control characters, very long names: valid."""
    names = [
        "CON",
        "aux",
        "NUL.txt",
        "COM1",
        "..",
        ".",
        ".hidden",
        "x. ",
        "",
        "a\x1b[31mb",
        "长" * 300,
    ]
    stems = file_stems(names)
    for stem in stems.values():
        assert is_valid_filename(stem + ".ics", platform="universal"), stem
        assert is_safe_stem(stem) and not stem.startswith(".") and "/" not in stem
        assert stem.split(".")[0].upper() not in {"CON", "AUX", "NUL", "COM1"}


def test_stable_whatever_the_order() -> None:
    """The same names give the same stems from run to run, in any order."""
    names = ["A B", "A_B", "Zhang", "zhang", "CON"]
    assert file_stems(names) == file_stems(reversed(names))


def test_leaders_differing_by_space_get_their_own_calendars(tiny: Path, tmp_path: Path) -> None:
    """Two leaders `A B` and `A_B`, a team `CON`: three calendars where there were two, each
    a valid file name, each holding its own leader's events, and each parsing strictly."""
    edit(
        tiny / "scenario.yaml",
        lambda t: (
            t.replace("leader: 王副县长", 'leader: "A B"')
            .replace("leader: 李主席", 'leader: "A_B"')
            .replace("id: county-1", "id: CON")
        ),
    )
    out = tmp_path / "out"
    result = run("plan", tiny, "--out", out, "--time-limit", "1")
    assert result.exit_code == 0, result.output
    leaders = sorted(path.name for path in (out / "calendars" / "leaders").iterdir())
    assert len(leaders) == 2 and "A_B.ics" in leaders
    teams = sorted(path.name for path in (out / "calendars").glob("*.ics"))
    assert len(teams) == 2 and "CON.ics" not in teams
    for path in (out / "calendars").rglob("*.ics"):
        IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8"))
    names = {
        path.name: path.read_text(encoding="utf-8")
        for path in (out / "calendars/leaders").iterdir()
    }
    assert "A_B · " in names["A_B.ics"] and "A B · " not in names["A_B.ics"]
