"""登录 (LAN mode): the password set at the first start opens a session."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from planner.web.auth import Passwords
from planner.web.rendering import checked_form, redirect, render, workspace

FAILED_LOGIN_DELAY = 1.0
"""Seconds a wrong password waits, so guessing over the network is slow."""


async def login_page(request: Request) -> Response:
    """The login form."""
    return render(request, "login.html")


async def login(request: Request) -> Response:
    """Check the password; on success the session is logged in."""
    form = await checked_form(request)
    password = str(form.get("password", ""))
    if Passwords(workspace(request)).verify(password):
        request.session["user"] = True
        return redirect("/")
    await asyncio.sleep(FAILED_LOGIN_DELAY)
    return render(request, "login.html", status=401, error="密码不正确。")


async def logout(request: Request) -> Response:
    """End the session."""
    await checked_form(request)
    request.session.clear()
    return redirect("/login")


ROUTES = [
    Route("/login", login_page, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
]
