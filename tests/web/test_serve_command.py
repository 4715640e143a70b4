"""`songnuan serve`: loopback without a password, the LAN only after one is set at the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner

from planner.cli import main
from planner.web.auth import Passwords
from planner.web.workspace import Workspace


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What `uvicorn.run` was asked to serve, instead of serving it."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(
        uvicorn, "run", lambda app, **options: calls.append({"app": app, **options})
    )
    return calls


def test_serve_listens_on_loopback_without_a_password(
    tmp_path: Path, served: list[dict[str, Any]]
) -> None:
    """By default the app listens on 127.0.0.1:8000 and asks for no password."""
    result = CliRunner().invoke(main, ["serve", "--workspace", str(tmp_path), "--no-browser"])
    assert result.exit_code == 0, result.output
    assert served[0]["host"] == "127.0.0.1" and served[0]["port"] == 8000
    assert served[0]["app"].state.lan is False
    assert not Passwords(Workspace(tmp_path)).is_set()


def test_serving_the_lan_asks_for_a_password_at_first_start(
    tmp_path: Path, served: list[dict[str, Any]]
) -> None:
    """--host 0.0.0.0 prompts for a password twice, refuses a short one, stores it hashed."""
    answers = "short\nshort\nlong enough\nlong enough\n"
    result = CliRunner().invoke(
        main,
        ["serve", "--workspace", str(tmp_path), "--host", "0.0.0.0", "--no-browser"],
        input=answers,
    )
    assert result.exit_code == 0, result.output
    assert "至少 8 个字符" in result.output
    assert Passwords(Workspace(tmp_path)).verify("long enough")
    assert served[0]["app"].state.lan is True
    again = CliRunner().invoke(
        main, ["serve", "--workspace", str(tmp_path), "--host", "0.0.0.0", "--no-browser"]
    )
    assert again.exit_code == 0 and "新密码" not in again.output
