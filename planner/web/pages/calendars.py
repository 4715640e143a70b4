"""日历订阅: a subscription address and QR code per team or leader calendar, and the feeds.

`/cal/<token>.ics` answers with the calendar of the campaign's latest plan or re-plan, so a
phone that subscribed once follows every re-plan. It is the one page that needs no login: a
phone's calendar cannot log in, and the unguessable token is the address's secret.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from planner.export.plan_json import FILENAME as PLAN_FILE
from planner.load.yaml_source import read_yaml
from planner.web.rendering import campaign_of, checked_form, redirect, render, workspace
from planner.web.runs import OUT, latest_plan
from planner.web.subscriptions import (
    campaign_subscriptions,
    live,
    qr_svg,
    revoke,
    subscribe,
)
from planner.web.workspace import Campaign, NotFound

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def address(request: Request, token: str) -> str:
    """The webcal address of a token, on the host the browser reached the app by."""
    return f"webcal://{request.url.netloc}/cal/{token}.ics"


def feeds(campaign: Campaign) -> list[dict[str, Any]]:
    """The calendars of the latest plan (file, name) as plan.json lists them."""
    run = latest_plan(campaign)
    if run is None:
        return []
    plan = json.loads((campaign.runs / run.id / OUT / PLAN_FILE).read_text(encoding="utf-8"))
    return [{"file": c["file"], "name": c["name"]} for c in plan.get("calendars", [])]


def shown_subscriptions(request: Request, campaign: Campaign) -> list[dict[str, str]]:
    """The campaign's live subscriptions with their address and QR code."""
    return [
        {"label": s.label, "token": s.token, "address": address(request, s.token),
         "qr": qr_svg(address(request, s.token))}
        for s in campaign_subscriptions(workspace(request), campaign.name)
    ]


def team_addresses(request: Request, campaign: Campaign) -> dict[str, str]:
    """Team id → its subscription address, for the 走访安排 sheet of the next plan."""
    return {s.team_id: address(request, s.token)
            for s in campaign_subscriptions(workspace(request), campaign.name) if s.team_id}


async def calendars_page(request: Request) -> Response:
    """The calendars that can be subscribed to, and the live subscriptions."""
    campaign = campaign_of(request)
    loopback = request.url.hostname in ("127.0.0.1", "localhost", "::1")
    return render(request, "calendars.html", campaign=campaign, feeds=feeds(campaign),
                  subscriptions=shown_subscriptions(request, campaign), loopback=loopback,
                  section="calendars")


async def new_subscription(request: Request) -> Response:
    """A new address for one calendar of the latest plan."""
    form = await checked_form(request)
    campaign = campaign_of(request)
    found = feeds(campaign)
    number = str(form.get("feed", ""))
    if not number.isdigit() or int(number) >= len(found):
        raise HTTPException(400, "请选择一个日历。")
    feed = found[int(number)]
    subscribe(workspace(request), campaign.name, feed["file"], feed["name"],
              _team_of(campaign, feed["name"]))
    return redirect(f"/c/{campaign.name}/calendars")


async def revoke_subscription(request: Request) -> Response:
    """Revoke one address of this campaign."""
    form = await checked_form(request)
    campaign = campaign_of(request)
    revoke(workspace(request), campaign.name, str(form.get("token", "")))
    return redirect(f"/c/{campaign.name}/calendars")


async def feed(request: Request) -> Response:
    """The subscribed calendar of the campaign's latest plan; 404 for a revoked token."""
    found = live(workspace(request), request.path_params["token"])
    if found is None:
        raise HTTPException(404, "订阅地址无效或已停用。")
    try:
        campaign = workspace(request).campaign(found.campaign)
    except NotFound:
        raise HTTPException(404, "订阅地址无效或已停用。") from None
    run = latest_plan(campaign)
    path = campaign.runs / run.id / OUT / found.file if run else None
    if path is None or not path.is_file():
        raise HTTPException(404, "这个日历在最新计划中没有了。")
    return Response(path.read_bytes(), media_type=CALENDAR_TYPE)


def _team_of(campaign: Campaign, name: str) -> str:
    """The id of the team whose calendar is named `name` ("<team> · <campaign>"), else ""."""
    for team in read_yaml(campaign.folder).get("teams") or []:
        if name.startswith(f"{team.get('name')} · "):
            return str(team.get("id", ""))
    return ""


ROUTES = [
    Route("/c/{campaign}/calendars", calendars_page, methods=["GET"]),
    Route("/c/{campaign}/calendars/subscribe", new_subscription, methods=["POST"]),
    Route("/c/{campaign}/calendars/revoke", revoke_subscription, methods=["POST"]),
    Route("/cal/{token}.ics", feed, methods=["GET"]),
]
