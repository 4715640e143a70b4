"""档案: upload the households table (and the places and roads), checked before it is kept."""

from __future__ import annotations

from pathlib import PurePath

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from planner.load import load_scenario
from planner.problems import ScenarioError
from planner.web.intake_bridge import Upload, accept_archives
from planner.web.rendering import campaign_of, checked_form, render

TABLES = {"households": "困难户档案", "places": "地点表", "roads": "道路表"}


async def archive_page(request: Request, status: int = 200, **context: object) -> Response:
    """The upload forms, and what the scenario's tables hold now."""
    campaign = campaign_of(request)
    try:
        scenario = load_scenario(campaign.folder)
    except ScenarioError:
        scenario = None
    return render(request, "archive.html", status=status, campaign=campaign, scenario=scenario,
                  tables=TABLES, section="archive", **context)


async def upload(request: Request) -> Response:
    """Keep the uploaded tables if they have no problems; else list them, changing nothing."""
    form = await checked_form(request)
    uploads: dict[str, list[Upload]] = {}
    for table in TABLES:
        files = [f for f in form.getlist(table) if isinstance(f, UploadFile) and f.filename]
        if files:
            uploads[table] = [Upload(PurePath(f.filename or "").suffix.lower(), await f.read())
                              for f in files]
    if not uploads:
        raise HTTPException(400, "请选择要上传的文件。")
    names = "、".join(TABLES[table] for table in uploads)
    try:
        left = accept_archives(campaign_of(request).folder, uploads)
    except ScenarioError as error:
        problems = [str(problem) for problem in error.problems]
        return await archive_page(request, status=422, problems=problems, failed=names)
    return await archive_page(request, done=f"{names}已更新。", problems=[str(p) for p in left])


ROUTES = [
    Route("/c/{campaign}/archive", archive_page, methods=["GET"]),
    Route("/c/{campaign}/archive", upload, methods=["POST"]),
]
