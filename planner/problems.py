"""Errors a user can act on: bad scenario files and misbehaving plugins.

Input problems are collected, not raised one by one, so that office staff see every mistake of a
file in one run instead of fixing them one at a time. Each problem names the file, the row and
the column, the way a spreadsheet user finds a cell. Messages never quote personal data (ID and
bank card numbers, incomes): they name the field and say what is expected instead.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, at `file:row:column`.

    `row` is the line of a YAML file or the spreadsheet row of a table (the header is row 1, so
    the first data row is row 2, as Excel and WPS number it); `None` where the problem concerns
    the whole file.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.column:
            where += f":{self.column}"
        return f"{where}: {self.message}"


class ScenarioError(Exception):
    """The scenario cannot be planned; `problems` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class PluginError(Exception):
    """A plugin raised or returned something unusable; names the plugin and the hook."""

    def __init__(self, plugin: str, hook: str, message: str) -> None:
        self.plugin = plugin
        self.hook = hook
        super().__init__(f"plugin {plugin!r}, hook {hook}: {message}")


class InfeasibleError(Exception):
    """The scenario is well-formed but its hard demands contradict each other.

    For instance, the households that must be funded cost more than their budget line holds.
    The message names the lines and the cases involved, so the planner knows what to change.
    """
