"""The problems of one load run, each placed at its `file:row:column`.

All problems of a run are collected and raised together: fixing one mistake per run would cost
an office a day.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap

from planner.load.messages import pydantic_message
from planner.load.yaml_source import SCENARIO_FILE, YamlPath, dotted, line_of, plain
from planner.problems import Problem
from planner.tables import Table

M = TypeVar("M", bound=BaseModel)


class Report:
    """The problems found so far, and the parsed scenario.yaml whose lines they name."""

    def __init__(self, doc: CommentedMap) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def at_key(self, path: YamlPath, message: str) -> None:
        """Report a problem at a key path of scenario.yaml, on the line of that key."""
        line = line_of(self.doc, path)
        self.problems.append(Problem(SCENARIO_FILE, line, dotted(path), message))

    def at_cell(self, table: Table, row: int, field: str, message: str) -> None:
        """Report a problem at a cell of a table, named by the header the file uses."""
        self.problems.append(Problem(table.file, row, table.column(field), message))

    def section(self, name: str, required: bool) -> Any:
        """A top-level section as plain data; None (reported if required) when absent."""
        if self.doc.get(name) is None:
            if required:
                self.at_key((name,), f"缺少 {name} 部分（见 docs/scenario.md）")
            return None
        return plain(self.doc[name])

    def validate(self, model: type[M], name: str, required: bool) -> M | None:
        """A top-level section as `model`."""
        data = self.section(name, required)
        return None if data is None else self.model(model, data, (name,))

    def model(self, model: type[M], data: object, path: YamlPath) -> M | None:
        """`data` validated as `model`; pydantic's complaints placed at their YAML lines."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                self.at_key(path + tuple(error["loc"]), pydantic_message(error))
            return None
