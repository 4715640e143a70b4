"""What the hostile-input tests share: the tiny scenario to spoil, the CLI, CSV helpers."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from planner.cli import main

TINY = Path(__file__).parents[1] / "data" / "tiny"


def run(*arguments: str | Path) -> Result:
    """The songnuan command with these arguments, in-process."""
    return CliRunner().invoke(main, [str(argument) for argument in arguments])


def edit(path: Path, change: Callable[[str], str]) -> None:
    """Rewrite a text file through `change`."""
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def rows_of(path: Path) -> list[list[str]]:
    """The rows of a CSV file written by songnuan or the tests (UTF-8, with or without BOM)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    """Write rows as a UTF-8 CSV file."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
