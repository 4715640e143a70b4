"""File names from ids: the one way a text of the input becomes part of a path songnuan writes.

Team ids and leader names come from scenario.yaml, which many hands edit. A calendar's file name
must be valid on Windows, macOS and Linux (no `\\ / : * ? " < > |`, no control characters, no
reserved device name such as `CON` or `AUX`, no trailing dot or space), must never climb out of
its folder (`..`), and two names must never share a file, not even on the case-insensitive file
systems of Windows and macOS. It must also be stable from run to run, so that a phone's
subscribed calendar keeps its file and updates in place.

So a name that is already a good file name is used as it is; any other name gets a short suffix
hashed from the name itself (`A B` → `A_B_fea4c5ce`, beside a leader really called `A_B`), and
names that would still share a file (`Zhang` and `zhang`) all get one. The suffix depends only
on the names, never on their order.
pathvalidate does the per-platform rules (reserved names, forbidden characters, length).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from pathvalidate import is_valid_filename, sanitize_filename

MAX_STEM = 60
"""Characters of a name kept in its file name; the hash suffix keeps longer names apart."""

_SUFFIX = 8
"""Hex digits of the hash suffix (more only if two suffixed names still collide)."""

_SPACES = re.compile(r"\s+")


def file_stems(names: Iterable[str]) -> dict[str, str]:
    """Each name → its file stem (without extension): safe, collision-free and stable.

    No two stems are equal, not even ignoring case. A name that needs no change keeps it
    unless another differs from it only in case, so calendars (`county-1.ics`, `王副县长.ics`)
    keep their files from run to run.
    """
    unique = sorted(set(names))
    bases = {name: _base(name) for name in unique}
    lengths = {name: 0 if bases[name] == name else _SUFFIX for name in unique}
    while True:
        stems = {name: _with_suffix(bases[name], name, lengths[name]) for name in unique}
        clashes = _clashing(stems)
        if not clashes:
            return stems
        for name in clashes:
            lengths[name] = min(max(lengths[name] * 2, _SUFFIX), 64)


def is_safe_stem(stem: str) -> bool:
    """Whether `stem` is a file stem `file_stems` could have made: what plan.json may name.

    A plan.json read back names the calendars published before; only names of this form may
    become paths, whatever the file says.
    """
    return (
        0 < len(stem) <= MAX_STEM + 1 + 64
        and not stem.startswith(".")
        and not _SPACES.search(stem)
        and unicodedata.is_normalized("NFC", stem)
        and is_valid_filename(stem + ".ics", platform="universal")
    )


def _base(name: str) -> str:
    """The name as a file stem: NFC, spaces as `_`, forbidden characters as `_`, no dot first."""
    text = _SPACES.sub("_", unicodedata.normalize("NFC", name))
    text = sanitize_filename(text, platform="universal", replacement_text="_")
    text = text[:MAX_STEM].rstrip(". ")
    if text.startswith("."):
        text = "_" + text[1:]
    if not text:
        return "_"
    # Truncation or stripping may leave a reserved name (`CON`); sanitising again fixes it.
    return str(sanitize_filename(text, platform="universal", replacement_text="_"))


def _with_suffix(base: str, name: str, length: int) -> str:
    """`base`, or `base_<hash of name>` when the name needs telling apart."""
    if not length:
        return base
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:length]
    return f"{base}_{digest}"


def _clashing(stems: dict[str, str]) -> list[str]:
    """The names whose stems equal another's, ignoring case as Windows and macOS do."""
    groups: dict[str, list[str]] = {}
    for name, stem in stems.items():
        groups.setdefault(stem.casefold(), []).append(name)
    return [name for group in groups.values() if len(group) > 1 for name in group]
