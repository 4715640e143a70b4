"""Problem messages in the words of the files, in Chinese, with the value most likely meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from planner.load.yaml_keys import YAML_WORDS
from planner.safe_text import masked

_PYDANTIC_WORDS = {
    "int_type": "应为整数，如 3",
    "int_parsing": "应为整数，如 3",
    "int_from_float": "应为整数（不带小数），如 3",
    "float_type": "应为数字，如 1.5",
    "float_parsing": "应为数字，如 1.5",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "string_type": "应为文字",
    "dict_type": "应为“键: 值”的一组设置",
    "model_type": "应为“键: 值”的一组设置",
    "date_type": "应为日期，如 2027-01-31",
    "date_parsing": "应为日期，如 2027-01-31",
    "date_from_datetime_parsing": "应为日期，如 2027-01-31",
    "time_type": "应为时间，如 09:30",
    "time_parsing": "应为时间，如 09:30",
    "finite_number": "应为有限的数字",
}
"""Pydantic's error types as Chinese words (pydantic's own texts are English)."""

_PYDANTIC_BOUNDS = {
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "too_short": "至少要有 {min_length} 项",
    "too_long": "最多只能有 {max_length} 项",
    "string_too_short": "至少要有 {min_length} 个字",
    "string_too_long": "最多只能有 {max_length} 个字",
    "literal_error": "应为以下之一：{expected}",
}
"""Pydantic's bounded error types, filled from the error's context (limits, never the input)."""


def pydantic_message(error: Any) -> str:
    """A pydantic error in the words of the file (pydantic's messages never quote the input)."""
    key = str(error["loc"][-1]) if error["loc"] else ""
    kind = error["type"]
    if kind == "missing":
        return "缺少此项：这一项必须填写"
    if kind == "extra_forbidden":
        return unknown_key(key, YAML_WORDS)
    if kind in ("tuple_type", "list_type"):
        return "应为列表，如 [a, b]"
    if kind in _PYDANTIC_WORDS:
        return _PYDANTIC_WORDS[kind]
    if kind in _PYDANTIC_BOUNDS:
        words = _PYDANTIC_BOUNDS[kind].format(**error.get("ctx", {}))
        return words.replace(" or ", " 或 ")
    message = str(error["msg"]).removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


def unknown_key(key: str, known: Iterable[str]) -> str:
    """An unknown key, with the known key it most likely means."""
    options = sorted(known)
    hint = _did_you_mean(key, options)
    if not hint:
        few = len(options) <= 8
        hint = f"；可用的有：{'、'.join(options)}" if few else "；见 docs/scenario.md"
    return f"不认识的项 {key}{hint}"


def unknown_place(place: str, ids: Iterable[str], file: str, *, private: bool = False) -> str:
    """A place id the places table lacks, with the id it most likely means.

    With `private` (a cell of the households table, which may hold an ID number where two
    columns were swapped) the cell is shown masked; the suggestion comes from `file`.
    """
    hint = _did_you_mean(place, sorted(ids))
    shown = masked(place) if private else place
    return f"地点 {shown} 不在 {file} 里：请在那里添上，或改正地点编号{hint}"


def _did_you_mean(word: str, options: Sequence[str]) -> str:
    """The closest option as "；是不是 X？", or "" when none is close."""
    close = difflib.get_close_matches(word, options, n=1)
    return f"；是不是 {close[0]}？" if close else ""
