"""The web application: routes of every page, middleware, and the error pages.

Order of the middleware, outermost first: upload limit (refuse a large body before anything
reads it), sessions (signed cookie), login (LAN mode only). Error pages say what happened in
Chinese and never carry the exception's text, which might quote a cell of the archive.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from planner.web.auth import LoginRequired, session_key
from planner.web.limits import DEFAULT_MAX_UPLOAD, UploadLimit
from planner.web.pages import routes
from planner.web.rendering import HERE, render, templates
from planner.web.runs import Runner
from planner.web.workspace import Workspace

log = logging.getLogger("songnuan.web")
SESSION_HOURS = 12
CHINESE_STATUS = {404: "没有这个页面。", 405: "不支持这种请求。", 400: "请求有误。"}
"""The app's words for the framework's own errors (its English reason phrases)."""


def create_app(
    root: Path,
    *,
    lan: bool = False,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    on_start: Callable[[], None] | None = None,
) -> Starlette:
    """The app over the workspace at `root`; `lan` asks every visitor to log in.

    `on_start` is called once the app is ready for requests (`serve` opens the browser then).
    """
    workspace = Workspace(root)
    runner = Runner()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if on_start is not None:
            on_start()
        yield
        runner.stop_all()

    middleware = [
        Middleware(UploadLimit, limit=max_upload),
        Middleware(
            SessionMiddleware,
            secret_key=session_key(workspace),
            session_cookie="songnuan_session",
            max_age=SESSION_HOURS * 3600,
            same_site="strict",
            https_only=False,
        ),
    ]
    if lan:
        middleware.append(Middleware(LoginRequired))
    app = Starlette(
        routes=[*routes(), Mount("/static", StaticFiles(directory=HERE / "static"), name="static")],
        middleware=middleware,
        exception_handlers={HTTPException: _http_error, Exception: _internal_error},
        lifespan=lifespan,
    )
    app.state.workspace = workspace
    app.state.runner = runner
    app.state.lan = lan
    app.state.max_upload = max_upload
    return app


async def _http_error(request: Request, error: Exception) -> Response:
    """404, 403 …: the page's own Chinese message (the app's words, never input text)."""
    assert isinstance(error, HTTPException)
    own = isinstance(error.detail, str) and not error.detail.isascii()
    message = error.detail if own else CHINESE_STATUS.get(error.status_code, "请求无法处理。")
    return render(request, "error.html", status=error.status_code, message=message)


async def _internal_error(request: Request, error: Exception) -> Response:
    """500: a plain apology; the log names the exception's type, never its text."""
    log.error("internal error on %s %s: %s", request.method, request.url.path,
              type(error).__name__)
    context = {"request": request, "csrf": "", "lan": False, "logged_in": False,
               "message": "内部错误，请重试或联系管理员。"}
    return templates.TemplateResponse(request, "error.html", context, status_code=500)
