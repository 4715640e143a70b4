"""调整计划: from a finished plan, tick visits done, mark team-days off, add households.

The re-plan is a run of its own, based on the run it started from: its done.csv and added
households are kept in its folder with the rest of its inputs.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path, PurePath
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from planner.export.plan_json import FILENAME as PLAN_FILE
from planner.web.intake_bridge import TABLE_SUFFIXES
from planner.web.pages.calendars import team_addresses
from planner.web.pages.planning import time_limit
from planner.web.pages.results import team_days_of
from planner.web.rendering import campaign_of, checked_form, redirect, render, runner
from planner.web.runs import OUT, read_run, run_folder
from planner.web.workspace import Campaign, NotFound

DONE_FILE = "done.csv"


def _base(request: Request) -> tuple[Campaign, Path, dict[str, Any]]:
    """The campaign, the run re-planned from, and that run's plan.json."""
    campaign = campaign_of(request)
    try:
        folder = run_folder(campaign, request.path_params["run"])
    except NotFound:
        raise HTTPException(404, "没有这次计划。") from None
    run = read_run(folder)
    if run.status != "done" or run.kind == "whatif":
        raise HTTPException(400, "只能从已完成的计划开始调整。")
    return campaign, folder, json.loads((folder / OUT / PLAN_FILE).read_text(encoding="utf-8"))


async def replan_page(request: Request) -> Response:
    """Every visit of the plan to tick as done, every team-day to mark unavailable."""
    campaign, folder, plan = _base(request)
    return render(request, "replan.html", campaign=campaign, base=read_run(folder),
                  team_days=team_days_of(plan), section="plan")


async def start_replan(request: Request) -> Response:
    """Start the re-plan in a worker with the ticked visits, the days off and the additions."""
    form = await checked_form(request)
    campaign, folder, _ = _base(request)
    files: dict[str, bytes] = {}
    inputs: dict[str, object] = {
        "previous": str(folder / OUT),
        "unavailable": [str(v) for v in form.getlist("unavailable")],
        "today": str(form.get("today", "")).strip(),
        "time_limit": time_limit(form.get("time_limit")),
        "subscriptions": team_addresses(request, campaign),
    }
    done = [str(v) for v in form.getlist("done")]
    if done:
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows([["编号"], *([d] for d in done)])
        files[DONE_FILE] = text.getvalue().encode("utf-8-sig")
        inputs["done"] = DONE_FILE
    added = form.get("added")
    if isinstance(added, UploadFile) and added.filename:
        suffix = PurePath(added.filename).suffix.lower()
        if suffix not in TABLE_SUFFIXES:
            raise HTTPException(400, "新增困难户只接受 .csv 或 .xlsx 文件。")
        files[f"added{suffix}"] = await added.read()
        inputs["added"] = f"added{suffix}"
    base = request.path_params["run"]
    run = runner(request).start(campaign, "replan", inputs, based_on=base, files=files)
    return redirect(f"/c/{campaign.name}/runs/{run.id}")


ROUTES = [
    Route("/c/{campaign}/runs/{run}/replan", replan_page, methods=["GET"]),
    Route("/c/{campaign}/runs/{run}/replan", start_replan, methods=["POST"]),
]
