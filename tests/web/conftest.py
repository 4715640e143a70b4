"""Fixtures of the web tests: an empty workspace, and a client of the app over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from planner.web.app import create_app


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """An empty workspace folder."""
    return tmp_path / "workspace"


@pytest.fixture
def client(workspace: Path) -> Iterator[TestClient]:
    """A client of the app on 127.0.0.1 (no login), its workers stopped afterwards."""
    with TestClient(create_app(workspace), base_url="http://127.0.0.1:8000") as test_client:
        yield test_client
