"""scenario.yaml read round-trip, so that every problem can name the line of its key.

Reading is bounded (docs/scenario.md): the file's size, how deep it nests, and how many values
it holds once its aliases (`*name`) are expanded, so that a 600-byte alias bomb or a deeply
nested file is a problem naming the limit instead of minutes of work or a crash.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

from planner.problems import Problem, ScenarioError

SCENARIO_FILE = "scenario.yaml"
MAX_YAML_BYTES = 2**20
"""scenario.yaml may be at most 1 MB (the largest shipped one is 5 KB)."""
MAX_YAML_DEPTH = 20
"""How deep scenario.yaml may nest (a team's day override nests 5 deep)."""
MAX_YAML_VALUES = 100_000
"""Values scenario.yaml may hold with its aliases expanded."""
MAX_YAML_NUMBER = 10**12
"""The largest number scenario.yaml may hold (a trillion yuan; seeds have their own bound)."""

YamlPath = tuple[str | int, ...]
"""A key path into scenario.yaml, as pydantic reports locations: ("teams", 0, "depot")."""


def read_yaml(folder: Path) -> CommentedMap:
    """scenario.yaml as a round-trip mapping (which knows the line of every key)."""
    if not folder.is_dir():
        raise ScenarioError([Problem(str(folder), None, None, "不是文件夹")])
    path = folder / SCENARIO_FILE
    if not path.is_file():
        message = "缺少 scenario.yaml：方案文件夹里必须有它（见 docs/scenario.md）"
        raise ScenarioError([Problem(SCENARIO_FILE, None, None, message)])
    if path.stat().st_size > MAX_YAML_BYTES:
        limit = f"文件太大：scenario.yaml 最大 {MAX_YAML_BYTES // 2**20} MB"
        raise ScenarioError([_file_problem(limit)])
    yaml = YAML(typ="rt")
    yaml.Constructor = _DatesAsText
    yaml.Composer = _BoundedComposer
    yaml.max_depth = MAX_YAML_DEPTH
    try:
        doc = yaml.load(path.read_text(encoding="utf-8-sig"))
    except _TooManyValues:
        limit = f"展开别名后超过 {MAX_YAML_VALUES:,} 个值：scenario.yaml 最多 "
        limit += f"{MAX_YAML_VALUES:,} 个值"
        raise ScenarioError([_file_problem(limit)]) from None
    except RecursionError:
        limit = f"嵌套超过 {MAX_YAML_DEPTH} 层：scenario.yaml 最多嵌套 {MAX_YAML_DEPTH} 层"
        raise ScenarioError([_file_problem(limit)]) from None
    except UnicodeDecodeError:
        raise ScenarioError([_file_problem("不是 UTF-8 编码的文字：请另存为 UTF-8")]) from None
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        message = f"不是有效的 YAML：{exc.problem}"
        if isinstance(exc, MaxDepthExceededError):
            message = f"嵌套超过 {MAX_YAML_DEPTH} 层：scenario.yaml 最多嵌套 {MAX_YAML_DEPTH} 层"
        raise ScenarioError([Problem(SCENARIO_FILE, line, None, message)]) from None
    except YAMLError as exc:
        raise ScenarioError([_file_problem(f"不是有效的 YAML：{exc}")]) from None
    if not isinstance(doc, CommentedMap):
        message = "应为包含 campaign、budget 和 teams 的设置（见 docs/scenario.md）"
        raise ScenarioError([_file_problem(message)])
    return doc


class _TooManyValues(Exception):
    """The document holds more values than `MAX_YAML_VALUES` once aliases are expanded."""


class _BoundedComposer(Composer):
    """Composing that counts each document's values as `plain` will expand them."""

    def compose_document(self) -> Any:
        node = super().compose_document()
        if _expanded_size(node) > MAX_YAML_VALUES:
            raise _TooManyValues
        return node


def _expanded_size(root: Node) -> int:
    """The values under `root` with every alias expanded, counted once per node (no recursion).

    An alias shares its node, so the sizes are memoised per node: the count is exact and cheap
    even where the expansion itself would be astronomically large.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_done or not children:
            sizes[id(node)] = min(1 + sum(sizes[id(c)] for c in children), MAX_YAML_VALUES + 1)
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def _children(node: Node) -> list[Node]:
    """The nodes directly inside a mapping (keys and values) or a sequence."""
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


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


def numbers_too_large(doc: CommentedMap) -> list[YamlPath]:
    """The key paths of numbers beyond `MAX_YAML_NUMBER` (or not finite), in file order.

    The solvers take 64-bit integers at most, and sums of amounts must fit too: a number past
    the bound is a typo, reported at its line instead of crashing a solver.
    """
    found: list[YamlPath] = []
    stack: list[tuple[YamlPath, Any]] = [((), doc)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            items = [(_key(key), value) for key, value in node.items()]
            stack.extend(((*path, key), value) for key, value in reversed(items))
        elif isinstance(node, list):
            stack.extend(((*path, i), value) for i, value in reversed(list(enumerate(node))))
        elif _is_number(node) and not abs(node) <= MAX_YAML_NUMBER:  # also true for NaN
            found.append(path)
    return found


def _key(key: object) -> str | int:
    """A mapping key as a path element (years are int keys: calendar.years.2027)."""
    return key if isinstance(key, str | int) and not isinstance(key, bool) else str(key)


def _is_number(node: object) -> bool:
    """Whether a YAML value is a number (true and false are not)."""
    return isinstance(node, int | float) and not isinstance(node, bool)


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
