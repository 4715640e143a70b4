"""档案: import the unit lists (mapping, duplicates, addresses), or upload finished tables.

Importing goes through issue 13's library (`planner.intake`) step by step on its own page: the
column mapping with its proposals as a form to confirm, problems row by row (`file:row:column`,
never a value), duplicates across lists side by side with a button to keep one, and addresses
that matched no place with the places to pick from. Places and roads (and a households table
already in songnuan's columns) are uploaded as they are, checked before they are kept.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from planner.intake.headers import FIELD_CHINESE, IGNORE
from planner.load import load_scenario
from planner.problems import PluginError, ScenarioError
from planner.web.imports import (
    current_plan,
    drop_row,
    import_folder,
    read_state,
    save_state,
    start_import,
    write_households,
)
from planner.web.intake_bridge import Upload, accept_archives
from planner.web.rendering import campaign_of, checked_form, redirect, render, workspace
from planner.web.workspace import Campaign, NotFound

TABLES = {
    "households": "困难户档案（已按 songnuan 列名整理）",
    "places": "地点表",
    "roads": "道路表",
}


async def archive_page(request: Request, status: int = 200, **context: Any) -> Response:
    """The import form, the upload forms, and what the scenario's tables hold now."""
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


async def new_import(request: Request) -> Response:
    """Keep the uploaded unit lists aside and show what importing them would do."""
    form = await checked_form(request)
    files = [f for f in form.getlist("archives") if isinstance(f, UploadFile) and f.filename]
    if not files:
        raise HTTPException(400, "请选择各单位报来的名单。")
    campaign = campaign_of(request)
    uploads = [(f.filename or "", await f.read()) for f in files]
    token = start_import(workspace(request), campaign.name, uploads)
    return redirect(f"/c/{campaign.name}/import/{token}")


def _import(request: Request) -> tuple[Campaign, Path]:
    """The campaign and import folder of the URL; 404 when there is none."""
    campaign = campaign_of(request)
    try:
        return campaign, import_folder(workspace(request), campaign.name,
                                       request.path_params["token"])
    except NotFound:
        raise HTTPException(404, "没有这次导入（可能已经导入完成）。") from None


async def import_page(request: Request, status: int = 200, **context: Any) -> Response:
    """Mapping, problems, duplicates and unmatched addresses of the import as it stands."""
    campaign, folder = _import(request)
    try:
        plan = current_plan(folder, campaign.folder)
    except (ScenarioError, PluginError) as error:
        problems = getattr(error, "problems", None) or [error]
        return await archive_page(request, status=422, problems=[str(p) for p in problems],
                                  failed="名单")
    try:
        places = load_scenario(campaign.folder).places
    except ScenarioError:
        places = ()
    twice = {(d.again.source, d.again.row) for d in plan.duplicates}
    others = [p for p in plan.problems if (p.file, p.row) not in twice]
    return render(request, "import.html", status=status, campaign=campaign, plan=plan,
                  others=others,
                  state=read_state(folder), token=request.path_params["token"],
                  fields=FIELD_CHINESE, ignore=IGNORE, places=places, section="archive",
                  **context)


async def confirm_mapping(request: Request) -> Response:
    """Record the clerk's column choices (header → songnuan column, or leave it out)."""
    form = await checked_form(request)
    campaign, folder = _import(request)
    state = read_state(folder)
    known = set(FIELD_CHINESE.values()) | {IGNORE}
    chosen: dict[str, str] = {}
    for header, target in zip(form.getlist("header"), form.getlist("target"), strict=False):
        if str(target) in known or str(header) not in chosen:
            chosen[str(header)] = str(target)  # a header shown twice: its choice wins
    for header, target in chosen.items():
        if target in known:
            state.confirmed[header] = target
        else:
            state.confirmed.pop(header, None)
    state.add_places = form.get("add_places") == "on"
    for where, place in form.items():
        if where.startswith("place:") and isinstance(place, str):
            if place:
                state.places[where.removeprefix("place:")] = place
            else:
                state.places.pop(where.removeprefix("place:"), None)
    save_state(folder, state)
    return redirect(f"/c/{campaign.name}/import/{request.path_params['token']}")


async def resolve_duplicate(request: Request) -> Response:
    """Keep one of two rows that are the same person: the other row is left out of the import."""
    form = await checked_form(request)
    campaign, folder = _import(request)
    row = str(form.get("row", ""))
    if not row.isdigit():
        raise HTTPException(400, "请求有误。")
    try:
        drop_row(folder, str(form.get("archive", "")), int(row))
    except NotFound:
        raise HTTPException(400, "没有这份名单。") from None
    return redirect(f"/c/{campaign.name}/import/{request.path_params['token']}")


async def write(request: Request) -> Response:
    """Write the households table once nothing stops the import."""
    await checked_form(request)
    campaign, folder = _import(request)
    if not current_plan(folder, campaign.folder).ok:
        return await import_page(request, status=422, error="还有问题未解决，未导入。")
    try:
        left = write_households(folder, campaign.folder)
    except ScenarioError as error:
        return await import_page(request, status=422, error="导入后的档案有问题，未导入：",
                                 written_problems=[str(p) for p in error.problems])
    return await archive_page(request, done="名单已导入困难户档案（households.csv）。",
                              problems=[str(p) for p in left])


ROUTES = [
    Route("/c/{campaign}/archive", archive_page, methods=["GET"]),
    Route("/c/{campaign}/archive", upload, methods=["POST"]),
    Route("/c/{campaign}/import", new_import, methods=["POST"]),
    Route("/c/{campaign}/import/{token}", import_page, methods=["GET"]),
    Route("/c/{campaign}/import/{token}/map", confirm_mapping, methods=["POST"]),
    Route("/c/{campaign}/import/{token}/drop", resolve_duplicate, methods=["POST"]),
    Route("/c/{campaign}/import/{token}/write", write, methods=["POST"]),
]
