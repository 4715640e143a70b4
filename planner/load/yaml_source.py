"""scenario.yaml read round-trip, so that every problem can name the line of its key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from planner.problems import Problem, ScenarioError

SCENARIO_FILE = "scenario.yaml"

YamlPath = tuple[str | int, ...]
"""A key path into scenario.yaml, as pydantic reports locations: ("teams", 0, "depot")."""


def read_yaml(folder: Path) -> CommentedMap:
    """scenario.yaml as a round-trip mapping (which knows the line of every key)."""
    if not folder.is_dir():
        raise ScenarioError([Problem(str(folder), None, None, "not a folder")])
    path = folder / SCENARIO_FILE
    if not path.is_file():
        message = "missing: a scenario folder needs scenario.yaml (see docs/scenario.md)"
        raise ScenarioError([Problem(SCENARIO_FILE, None, None, message)])
    yaml = YAML(typ="rt")
    yaml.Constructor = _DatesAsText
    try:
        doc = yaml.load(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ScenarioError([_file_problem("not UTF-8 text: save it as UTF-8")]) from None
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        message = f"not valid YAML: {exc.problem}"
        raise ScenarioError([Problem(SCENARIO_FILE, line, None, message)]) from None
    except YAMLError as exc:
        raise ScenarioError([_file_problem(f"not valid YAML: {exc}")]) from None
    if not isinstance(doc, CommentedMap):
        message = "expected a mapping with campaign, budget and teams (see docs/scenario.md)"
        raise ScenarioError([_file_problem(message)])
    return doc


class _DatesAsText(RoundTripConstructor):
    """Round-trip loading that leaves dates as text.

    ruamel raises a bare ValueError, without a line, on a date like 2027-02-30; as text the
    date is parsed by `planner.load.day_dates` and a wrong one is reported at its line like any
    other value.
    """


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", _DatesAsText.construct_yaml_str)


def _file_problem(message: str) -> Problem:
    """A problem with scenario.yaml as a whole."""
    return Problem(SCENARIO_FILE, None, None, message)


def plain(node: Any) -> Any:
    """Round-trip YAML data as plain dicts, lists and scalars, for pydantic to validate."""
    if isinstance(node, dict):
        return {plain(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    for kind in (bool, int, float, str):
        if isinstance(node, kind):
            return kind(node)
    return node


def line_of(doc: CommentedMap, path: YamlPath) -> int | None:
    """The line of the deepest key of `path` that the file has (a missing key: its parent's)."""
    line = None
    node: Any = doc
    for key in path:
        if isinstance(node, CommentedMap) and key in node:
            line = node.lc.key(key)[0] + 1
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line = node.lc.item(key)[0] + 1
        else:
            break
        node = node[key]
    return line


def dotted(path: YamlPath) -> str:
    """A key path the way a reader finds it in the file: teams[0].days[2].lunch."""
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else f".{key}" if text else str(key)
    return text
