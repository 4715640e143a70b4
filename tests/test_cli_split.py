"""`songnuan plan --split`: the user may choose how a large campaign is cut into parts."""

from __future__ import annotations

from pathlib import Path

from test_cli import run


def test_split_choices_are_offered_and_checked(tmp_path: Path) -> None:
    """--help lists the choices; a misspelt value is refused before anything is read."""
    assert "[auto|none|district|area]" in run("plan", "--help").output
    result = run("plan", str(tmp_path), "--split", "day")
    assert result.exit_code == 2
    assert "'day' is not one of" in result.output
