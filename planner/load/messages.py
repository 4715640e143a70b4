"""Problem messages in the words of the files, with the value most likely meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from planner.load.yaml_keys import YAML_WORDS
from planner.safe_text import masked


def pydantic_message(error: Any) -> str:
    """A pydantic error in the words of the file (pydantic's messages never quote the input)."""
    key = str(error["loc"][-1]) if error["loc"] else ""
    if error["type"] == "missing":
        return "missing: this key is required"
    if error["type"] == "extra_forbidden":
        return unknown_key(key, YAML_WORDS)
    if error["type"] in ("tuple_type", "list_type"):
        return "expected a list, e.g. [a, b]"
    message = str(error["msg"]).removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


def unknown_key(key: str, known: Iterable[str]) -> str:
    """An unknown key, with the known key it most likely means."""
    options = sorted(known)
    hint = _did_you_mean(key, options)
    if not hint:
        few = len(options) <= 8
        hint = f"; expected one of {', '.join(options)}" if few else "; see docs/scenario.md"
    return f"unknown key {key}{hint}"


def unknown_place(place: str, ids: Iterable[str], file: str, *, private: bool = False) -> str:
    """A place id the places table lacks, with the id it most likely means.

    With `private` (a cell of the households table, which may hold an ID number where two
    columns were swapped) the cell is shown masked; the suggestion comes from `file`.
    """
    hint = _did_you_mean(place, sorted(ids))
    shown = masked(place) if private else place
    return f"place {shown} is not in {file}; add it there or correct the id{hint}"


def _did_you_mean(word: str, options: Sequence[str]) -> str:
    """The closest option as "; did you mean X?", or "" when none is close."""
    close = difflib.get_close_matches(word, options, n=1)
    return f"; did you mean {close[0]}?" if close else ""
