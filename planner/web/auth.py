"""Who may use the app: the password of LAN mode, session cookies, and CSRF on every form.

On 127.0.0.1 only the person at this PC can reach the app, so no login is asked. On the office
network (`--host 0.0.0.0` or an address of the LAN) everyone on it could, so the app refuses to
start until a password has been set at the terminal (stored as an Argon2id hash with argon2-cffi),
and every page but the login page, the static files and the calendar subscriptions (whose
unguessable token is their secret) needs a logged-in session. Sessions are signed cookies
(Starlette's SessionMiddleware, itsdangerous) with a key kept in the workspace. Every form carries
the session's CSRF token, and a POST without it is refused whatever the mode.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from planner.web.workspace import Workspace

PASSWORD_FILE, SECRET_FILE = "password.argon2", "session.key"
MIN_PASSWORD = 8
CSRF_FIELD, CSRF_HEADER = "csrf", "x-csrf-token"
OPEN_PATHS = ("/login", "/static/", "/cal/")
"""Paths a visitor may reach before logging in."""

_hasher = PasswordHasher()


class Passwords:
    """The LAN password of a workspace, stored hashed."""

    def __init__(self, workspace: Workspace) -> None:
        self.path = workspace.state / PASSWORD_FILE

    def is_set(self) -> bool:
        """Whether a password was set at a first start."""
        return self.path.is_file()

    def set(self, password: str) -> None:
        """Store `password` hashed; refuses one shorter than MIN_PASSWORD characters."""
        if len(password) < MIN_PASSWORD:
            raise ValueError(f"密码至少 {MIN_PASSWORD} 个字符")
        _write_private(self.path, _hasher.hash(password).encode("ascii"))

    def verify(self, password: str) -> bool:
        """Whether `password` is the one set."""
        if not self.is_set():
            return False
        try:
            return _hasher.verify(self.path.read_text(encoding="ascii").strip(), password)
        except (VerificationError, InvalidHashError):
            return False


def session_key(workspace: Workspace) -> str:
    """The key that signs session cookies, made once per workspace and kept private."""
    path = workspace.state / SECRET_FILE
    if not path.is_file():
        _write_private(path, secrets.token_urlsafe(48).encode("ascii"))
    return path.read_text(encoding="ascii").strip()


def csrf_token(request: Request) -> str:
    """This session's CSRF token, made on first use; every form puts it in a hidden field."""
    token = request.session.get(CSRF_FIELD)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[CSRF_FIELD] = token
    return token


def check_csrf(request: Request, form: FormData) -> None:
    """Refuse (403) a form whose CSRF token (field or htmx header) is not this session's."""
    expected = request.session.get(CSRF_FIELD)
    given = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
    if not isinstance(expected, str) or not isinstance(given, str):
        raise HTTPException(403, "表单已失效（缺少校验码），请刷新页面后重试。")
    if not secrets.compare_digest(expected, given):
        raise HTTPException(403, "表单已失效（校验码不符），请刷新页面后重试。")


def logged_in(request: Request) -> bool:
    """Whether this session has logged in with the password."""
    return request.session.get("user") is True


class LoginRequired:
    """ASGI middleware of LAN mode: every path but the open ones needs a logged-in session."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(OPEN_PATHS):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        if logged_in(request):
            await self.app(scope, receive, send)
            return
        if request.method == "GET":
            await _redirect(send, "/login")
        else:
            await _refuse(send)


async def _redirect(send: Send, location: str) -> None:
    """A 303 to `location`."""
    headers = [(b"location", location.encode()), (b"content-length", b"0")]
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


async def _refuse(send: Send) -> None:
    """A 401 in Chinese for a form sent without logging in."""
    body = "请先登录。".encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"),
               (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 401, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _write_private(path: Path, content: bytes) -> None:
    """Write a file only its owner can read."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(content)
