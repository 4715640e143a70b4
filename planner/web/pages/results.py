"""结果 and 下载: a finished run's figures, grants, team-days, visits not made, explain, files.

Everything shown comes from the run's own plan.json (or, for a what-if, its tables) and the
scenario snapshot it was planned from, so an earlier run reads the same as on the day it ran.
Files are addressed by their number in the run's sorted file list, never by a name, so no
leader's or household's name goes into a URL.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from planner.explain import ExplainError, explain
from planner.export.plan_json import FILENAME as PLAN_FILE
from planner.load import load_scenario
from planner.pipeline import DEFAULT_TIME_LIMIT
from planner.plugins import make_plugin_manager
from planner.web.pages.calendars import shown_subscriptions
from planner.web.rendering import campaign_of, checked_form, render
from planner.web.runs import OUT, SCENARIO, Run, latest_plan, run_folder
from planner.web.worker import WHATIF_TABLES
from planner.web.workspace import Campaign, NotFound

SHOWN_IN_BROWSER = (".html", ".png")
"""Files the browser opens (the report, the notice, the chart); the rest are downloaded."""

SENSITIVE = ("allocation.xlsx", "csv/发放名单.csv")
"""Files holding bank card numbers: the 发放名单 is marked as sensitive wherever offered."""

DESCRIPTIONS = {
    "allocation.xlsx": "工作簿：发放名单、签领表、预算汇总、统计表、走访安排",
    "notice.xlsx": "公示名单（姓名已遮盖）", "notice.html": "公示名单网页版",
    "report.html": "计划报告：数字、预算使用、日程、路线图",
    "plan.json": "完整计划（供其他系统读取）",
    "changes.csv": "调整明细：改期、新增、取消的走访", "whatif.xlsx": "假设分析对比表",
    "whatif.png": "假设分析图",
}


def out_files(folder: Path) -> list[str]:
    """The run's output files, as paths relative to its out/ folder, sorted."""
    out = folder / OUT
    if not out.is_dir():
        return []
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())


def results_context(request: Request, campaign: Campaign, folder: Path, run: Run) -> dict[str, Any]:
    """What the results part of a finished run's page shows."""
    files = [(number, name, DESCRIPTIONS.get(name, _describe(name)), name in SENSITIVE)
             for number, name in enumerate(out_files(folder))]
    context: dict[str, Any] = {"files": files}
    if run.kind == "whatif":
        context["whatif"] = json.loads((folder / OUT / WHATIF_TABLES).read_text("utf-8"))
        context["chart"] = next((n for n, name, *_ in files if name == "whatif.png"), None)
        return context
    plan = json.loads((folder / OUT / PLAN_FILE).read_text(encoding="utf-8"))
    context["plan"] = plan
    context["team_days"] = team_days_of(plan)
    context["report"] = next((n for n, name, *_ in files if name == "report.html"), None)
    changes = folder / OUT / "changes.csv"
    if changes.is_file():
        context["changes"] = _changes(changes)
    latest = latest_plan(campaign)
    if latest is not None and latest.id == run.id:
        context["subscriptions"] = shown_subscriptions(request, campaign)
    return context


def team_days_of(plan: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each team's routes in date order, by team name."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for route in plan["routes"]:
        found[f"{route['team_name']}（{route['leader']}）"].append(route)
    return {team: sorted(routes, key=lambda r: r["date"]) for team, routes in found.items()}


def _changes(path: Path) -> list[list[str]]:
    """changes.csv as rows (header first)."""
    import csv

    with path.open(encoding="utf-8-sig", newline="") as file:
        return [row for row in csv.reader(file)]


def _describe(name: str) -> str:
    """What a calendar or CSV file is, from where it lies."""
    if name.startswith("calendars/leaders/"):
        return "带队领导的手机日历"
    if name.startswith("calendars/"):
        return "小组的手机日历"
    if name.startswith("csv/"):
        return "表格的 CSV 副本"
    return ""


def _run(request: Request) -> tuple[Campaign, Path]:
    """The campaign and run folder of the URL; 404 when there is none."""
    campaign = campaign_of(request)
    try:
        return campaign, run_folder(campaign, request.path_params["run"])
    except NotFound:
        raise HTTPException(404, "没有这次计划。") from None


async def download(request: Request) -> Response:
    """One output file, by its number in the run's file list."""
    _, folder = _run(request)
    files = out_files(folder)
    number = request.path_params["number"]
    if not 0 <= number < len(files):
        raise HTTPException(404, "没有这个文件。")
    name = files[number]
    shown = "inline" if Path(name).suffix in SHOWN_IN_BROWSER else "attachment"
    return FileResponse(folder / OUT / name, filename=Path(name).name,
                        content_disposition_type=shown)


async def download_zip(request: Request) -> Response:
    """Every output file of the run in one zip, as the out/ folder holds them."""
    campaign, folder = _run(request)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in out_files(folder):
            archive.write(folder / OUT / name, name)
    filename = f"{campaign.name}-{folder.name}.zip"
    headers = {"content-disposition": f'attachment; filename="{filename}"'}
    return Response(buffer.getvalue(), media_type="application/zip", headers=headers)


async def explain_household(request: Request) -> Response:
    """The answer of `songnuan explain` for one household, from this run's plan."""
    form = await checked_form(request)
    _, folder = _run(request)
    household = str(form.get("household", "")).strip()
    scenario = load_scenario(folder / SCENARIO)
    try:
        lines = explain(scenario, make_plugin_manager(scenario.campaign.plugins), household,
                        plan_file=folder / OUT / PLAN_FILE, time_limit=DEFAULT_TIME_LIMIT,
                        lang="zh")
    except ExplainError:
        lines = ["没有这个编号的困难户，请核对编号。"]
    return render(request, "explain.html", lines=lines)


ROUTES = [
    Route("/c/{campaign}/runs/{run}/files/{number:int}", download, methods=["GET"]),
    Route("/c/{campaign}/runs/{run}/zip", download_zip, methods=["GET"]),
    Route("/c/{campaign}/runs/{run}/explain", explain_household, methods=["POST"]),
]
