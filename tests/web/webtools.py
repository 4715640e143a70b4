"""Helpers of the web tests: campaigns from bundled scenarios, CSRF tokens, posting, waiting."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
TOWN = ROOT / "scenarios" / "town-2027"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(page: str) -> str:
    """The CSRF token a page's forms carry."""
    found = CSRF.search(page)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def add_campaign(workspace: Path, name: str = "2027-town", source: Path = TOWN) -> Path:
    """Put a copy of a bundled scenario into the workspace as a campaign, as the CLI made it."""
    folder = workspace / name
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("generate.py", "README.md"))
    return folder


def wait_for(client: TestClient, url: str, timeout: float = 240) -> str:
    """Poll a run's page until it has ended; return the page."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = client.get(url).text
        if 'class="status-running"' not in page:
            return page
        time.sleep(0.5)
    raise AssertionError(f"{url} still running after {timeout} s")


def post(
    client: TestClient,
    url: str,
    data: dict[str, object] | None = None,
    files: object = None,
    page: str = "/",
) -> object:
    """POST a form with the CSRF token of `page`, as the browser sends it."""
    token = csrf_of(client.get(page).text)
    return client.post(
        url, data={"csrf": token, **(data or {})}, files=files, follow_redirects=False
    )
