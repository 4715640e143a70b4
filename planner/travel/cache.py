"""The travel matrix kept in the scenario folder (`travel-cache/`), keyed by its inputs.

A matrix from an OpenStreetMap extract takes seconds, one from a map service costs requests and
may change from day to day; kept beside the scenario, a re-plan is offline, fast and gives the
same minutes. The file name is a digest of everything the minutes depend on (source, settings,
the places and their coordinates, the extract's bytes), so a changed input never reads a stale
matrix, and the folder may be deleted at any time. Writing is atomic; a folder that cannot be
written only loses the speed-up.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.travel.settings import TravelMatrix

CACHE_FOLDER = "travel-cache"


def cache_key(parts: Any) -> str:
    """A short digest of JSON-ready `parts`."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks (extracts run to hundreds of MB)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cached(folder: Path, source: str, key: str) -> TravelMatrix | None:
    """The matrix stored under `key`, or None when there is none (or it is unreadable)."""
    path = folder / CACHE_FOLDER / f"{source}-{key}.json"
    try:
        return TravelMatrix.model_validate_json(path.read_bytes())
    except (OSError, ValidationError):
        return None


def store(folder: Path, key: str, matrix: TravelMatrix) -> None:
    """Keep `matrix` under `key`, written aside and moved into place."""
    target = folder / CACHE_FOLDER
    try:
        target.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=target, suffix=".tmp", delete=False) as handle:
            handle.write(matrix.model_dump_json())
        os.replace(handle.name, target / f"{matrix.source}-{key}.json")
    except OSError:
        return
