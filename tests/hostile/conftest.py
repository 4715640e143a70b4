"""The fixture of the hostile-input tests: a copy of the tiny scenario to spoil."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hostile_files import TINY


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A fresh copy of the tiny scenario, to spoil one way per test."""
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    return folder
