"""Control characters and markup from the input reach no calendar and no terminal."""

from __future__ import annotations

from pathlib import Path

from hostile_files import edit, rows_of, run, write_rows
from ical.calendar_stream import IcsCalendarStream

NASTY = "[/bold][red]县领导组\x1b[31m\x0b\x00\u202e"


def test_markup_and_escapes_in_names_are_shown_as_text(tiny: Path, tmp_path: Path) -> None:
    """A team named with rich markup, ANSI escape, vertical tab and NUL, a household named
    with escapes: the run succeeds (no MarkupError after OUT was written), the terminal gets
    the text without control characters, and every calendar parses with the strict reader."""
    edit(
        tiny / "scenario.yaml",
        lambda t: t.replace("name: 县领导组", 'name: "' + _yaml(NASTY) + '"'),
    )
    rows = rows_of(tiny / "households.csv")
    rows[1][1] = "赵\x1b]0;pwned\x07建国\x0c"
    write_rows(tiny / "households.csv", rows)
    out = tmp_path / "out"
    result = run("plan", tiny, "--out", out, "--time-limit", "1")
    assert result.exit_code == 0, result.output
    assert "[/bold][red]县领导组" in result.output
    assert not [c for c in result.output if c in "\x1b\x0b\x00\x07\x0c\u202e"]
    for path in (out / "calendars").rglob("*.ics"):
        text = path.read_text(encoding="utf-8")
        assert not [c for c in text if c in "\x1b\x0b\x00\x07\x0c\u202e"]
        IcsCalendarStream.calendar_from_ics(text)
    names = [row[2] for row in rows_of(out / "csv" / "发放名单.csv")]
    assert "赵]0;pwned建国" in names


def _yaml(text: str) -> str:
    """Text as a double-quoted YAML string's content, with escapes for control characters."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)
