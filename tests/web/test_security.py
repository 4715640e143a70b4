"""Safe on an office network: CSRF on every form, login in LAN mode, upload limits, quiet logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient
from webtools import add_campaign, csrf_of, post

from planner.web.app import create_app
from planner.web.auth import Passwords
from planner.web.workspace import Workspace


def _post_routes(client: TestClient) -> list[str]:
    """Every POST path of the app, with the test campaign and a run name filled in."""
    paths = []
    for route in client.app.routes:  # type: ignore[attr-defined]
        if isinstance(route, Route) and "POST" in (route.methods or ()):
            paths.append(route.path.replace("{campaign}", "2027-town").replace("{run}", "r1"))
    return paths


def test_every_form_without_its_csrf_token_is_refused(client: TestClient, workspace: Path) -> None:
    """Each POST of the app answers 403 without the session's token, and changes nothing."""
    folder = add_campaign(workspace)
    before = (folder / "scenario.yaml").read_bytes()
    client.get("/")
    paths = _post_routes(client)
    assert len(paths) >= 12
    for path in paths:
        answer = client.post(path, data={"total": "1"}, follow_redirects=False)
        assert answer.status_code == 403, path
        assert "校验码" in answer.text
        wrong = client.post(path, data={"csrf": "forged"}, follow_redirects=False)
        assert wrong.status_code == 403, path
    assert (folder / "scenario.yaml").read_bytes() == before


def test_lan_mode_refuses_every_page_without_login(workspace: Path) -> None:
    """On the LAN a visitor without a session is sent to 登录, and a form is refused (401)."""
    add_campaign(workspace)
    Passwords(Workspace(workspace)).set("correct horse")
    with TestClient(create_app(workspace, lan=True)) as client:
        page = client.get("/c/2027-town", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login"
        token = csrf_of(client.get("/login").text)
        refused = client.post("/c/2027-town/budget", data={"csrf": token, "total": "1"})
        assert refused.status_code == 401
        wrong = client.post("/login", data={"csrf": token, "password": "wrong password"})
        assert wrong.status_code == 401 and "密码不正确" in wrong.text
        feed = client.get("/cal/unknown-token.ics", follow_redirects=False)
        assert feed.status_code == 404  # calendar addresses need no login: their token is the key
        right = client.post("/login", data={"csrf": token, "password": "correct horse"})
        assert right.status_code == 200 and "2027年春节前走访慰问困难群众" in right.text
        page = client.get("/c/2027-town")
        assert page.status_code == 200
        client.post("/logout", data={"csrf": csrf_of(page.text)})
        assert client.get("/c/2027-town", follow_redirects=False).status_code == 303


def test_the_password_is_stored_hashed(workspace: Path) -> None:
    """The password file holds an Argon2id hash, not the password, readable by its owner only."""
    store = Passwords(Workspace(workspace))
    store.set("correct horse")
    text = store.path.read_text(encoding="ascii")
    assert text.startswith("$argon2id$") and "correct horse" not in text
    assert store.path.stat().st_mode & 0o077 == 0
    assert store.verify("correct horse") and not store.verify("correct horsE")
    with pytest.raises(ValueError):
        store.set("short")


def test_an_upload_over_the_limit_is_refused_with_a_clear_message(workspace: Path) -> None:
    """A body past the limit is 413 with the limit in MB, and the campaign is unchanged."""
    folder = add_campaign(workspace)
    before = (folder / "households.csv").read_bytes()
    with TestClient(create_app(workspace, max_upload=1024 * 1024)) as client:
        token = csrf_of(client.get("/c/2027-town/archive").text)
        files = {"households": ("big.csv", b"x" * (2 * 1024 * 1024))}
        answer = client.post("/c/2027-town/archive", data={"csrf": token}, files=files)
    assert answer.status_code == 413
    assert "最多 1 MB" in answer.text and "未作任何改动" in answer.text
    assert (folder / "households.csv").read_bytes() == before


def test_a_personal_value_never_reaches_the_server_log(
    client: TestClient, workspace: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An upload whose ID number and income are wrong leaves neither value in the log or page."""
    add_campaign(workspace)
    secret_id, secret_income = "52990019800101999X", "12345678"
    table = (
        "编号,姓名,身份证号,所在单位,所在地点,类别,家庭月收入\n"
        f"T001,张三,{secret_id}Q,白塘村,v01,五保户,{secret_income}元整\n"
    )
    caplog.set_level(logging.DEBUG)
    answer = post(
        client,
        "/c/2027-town/archive",
        {},
        {"households": ("h.csv", table.encode("utf-8"))},
        page="/c/2027-town/archive",
    )
    assert answer.status_code == 422
    for value in (secret_id, secret_income, "张三"):
        assert value not in caplog.text
        assert value not in answer.text
