"""活动: the workspace's campaigns, a new one from a plugin's starter, a copy of last year's."""

from __future__ import annotations

import datetime as dt
import shutil
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from planner.intake.starter import NoCategories, write_starter
from planner.load import load_scenario
from planner.load.yaml_source import SCENARIO_FILE, read_yaml
from planner.plugins import available_plugins, make_plugin_manager
from planner.problems import PluginError, ScenarioError
from planner.rules import check_options
from planner.web.rendering import campaign_of, checked_form, redirect, render, workspace
from planner.web.runs import list_runs
from planner.web.scenario_edit import dump_yaml
from planner.web.workspace import NotFound

MAX_TEXT = 100


async def campaign_list(request: Request, **context: Any) -> Response:
    """Every campaign, with the forms for a new one and for a copy."""
    return render(
        request,
        "campaigns.html",
        campaigns=workspace(request).campaigns(),
        plugins=sorted(available_plugins()),
        year=dt.date.today().year + 1,
        **context,
    )


async def new_campaign(request: Request) -> Response:
    """A new campaign folder with the chosen plugin's starter scenario."""
    form = await checked_form(request)
    plugin, year = str(form.get("plugin", "")), _year(form.get("year"))
    name = _text(form.get("name")) or f"{year}年春节送温暖活动"
    if plugin not in available_plugins() or year is None:
        return await campaign_list(request, error="请选择组织类型并填写年份（2000–2100）。")
    folder = workspace(request).new_folder(year)
    folder.rmdir()  # init writes a folder that does not exist yet
    try:
        write_starter(folder, [plugin], year)
    except NoCategories:
        shutil.rmtree(folder, ignore_errors=True)
        message = f"“{plugin}”只细化其他插件的规则，不能单独新建活动；"
        message += "请选择登记了困难户类别的插件。"
        return await campaign_list(request, error=message)
    doc = read_yaml(folder)
    doc["campaign"]["name"] = name
    if organisation := _text(form.get("org")):
        doc["campaign"]["organisation"] = organisation
    (folder / SCENARIO_FILE).write_text(dump_yaml(doc), encoding="utf-8")
    return redirect(f"/c/{folder.name}")


async def copy_campaign(request: Request) -> Response:
    """A copy of an earlier campaign (its scenario, not its runs) for a new year."""
    form = await checked_form(request)
    year = _year(form.get("year"))
    try:
        source = workspace(request).campaign(str(form.get("source", "")))
    except NotFound:
        source = None
    if source is None or year is None:
        return await campaign_list(request, error="请选择要复制的活动并填写新的年份。")
    folder = workspace(request).copy(source, year)

    doc = read_yaml(folder)
    campaign = doc.get("campaign")
    if isinstance(campaign, dict):
        campaign["year"] = year
        campaign["name"] = str(campaign.get("name", "")).replace(str(source.year), str(year))
    # Written even when last year's dates do not fit the new year: the overview lists them.
    (folder / SCENARIO_FILE).write_text(dump_yaml(doc), encoding="utf-8")
    return redirect(f"/c/{folder.name}")


async def overview(request: Request) -> Response:
    """One campaign: whether it loads, its figures, the steps of the path, its runs."""
    campaign = campaign_of(request)
    problems: list[str] = []
    scenario = None
    try:
        scenario = load_scenario(campaign.folder)
        found = check_options(scenario, make_plugin_manager(scenario.campaign.plugins))
        problems = [str(problem) for problem in found]
    except ScenarioError as error:
        problems = [str(problem) for problem in error.problems]
    except PluginError as error:
        problems = [str(error)]
    return render(request, "campaign.html", campaign=campaign, scenario=scenario,
                  problems=problems, runs=list_runs(campaign)[:5], section="overview")


def _year(value: object) -> int | None:
    """A campaign year from a form field, or None."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else None


def _text(value: object) -> str:
    """A short line of text from a form field, without control characters."""
    text = "".join(ch for ch in str(value or "") if ch.isprintable()).strip()
    if len(text) > MAX_TEXT:
        raise HTTPException(400, f"文字太长：最多 {MAX_TEXT} 个字符。")
    return text


ROUTES = [
    Route("/", campaign_list, methods=["GET"]),
    Route("/campaigns/new", new_campaign, methods=["POST"]),
    Route("/campaigns/copy", copy_campaign, methods=["POST"]),
    Route("/c/{campaign}", overview, methods=["GET"]),
]
