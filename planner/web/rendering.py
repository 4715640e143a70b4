"""What every page shares: the templates, the parsed and checked form, the campaign of a URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates

from planner.web.auth import check_csrf, csrf_token, logged_in
from planner.web.runs import Runner
from planner.web.workspace import Campaign, NotFound, Workspace

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")

MAX_FIELDS = 5000
"""Form fields at most: a re-plan form ticks one box per visit (a campaign of 2,000 visits)."""


def workspace(request: Request) -> Workspace:
    """The app's workspace."""
    found: Workspace = request.app.state.workspace
    return found


def runner(request: Request) -> Runner:
    """The app's worker processes."""
    found: Runner = request.app.state.runner
    return found


def campaign_of(request: Request) -> Campaign:
    """The campaign named in the URL; 404 when there is none."""
    try:
        return workspace(request).campaign(request.path_params["campaign"])
    except NotFound:
        raise HTTPException(404, "没有这个活动。") from None


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    """A page from its template, with the CSRF token and login state every page needs."""
    context.update(
        request=request,
        csrf=csrf_token(request),
        lan=request.app.state.lan,
        logged_in=logged_in(request),
    )
    return templates.TemplateResponse(request, name, context, status_code=status)


async def checked_form(request: Request) -> FormData:
    """The posted form, parsed within the limits, once its CSRF token has been checked."""
    form = await request.form(max_fields=MAX_FIELDS, max_files=20)
    check_csrf(request, form)
    return form


def redirect(url: str) -> Response:
    """After a successful form: see the page again (303, so a reload does not post twice)."""
    return RedirectResponse(url, status_code=303)
