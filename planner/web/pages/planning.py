"""计划: start a plan in a worker process, watch its progress, cancel it; the runs of a campaign.

The run page polls its progress fragment once a second (htmx); the page may be closed and opened
again, since the run's state lives in its folder, not in the page. When the run ends, the
fragment asks the browser to reload the page, which then shows the results.
"""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from planner.pipeline import DEFAULT_TIME_LIMIT
from planner.web.pages.calendars import team_addresses
from planner.web.pages.results import results_context
from planner.web.rendering import campaign_of, checked_form, redirect, render, runner
from planner.web.runs import latest_plan, list_runs, progress_lines, run_folder
from planner.web.workspace import NotFound

MAX_TIME_LIMIT = 600.0


async def plan_page(request: Request) -> Response:
    """The runs of the campaign and the form that starts a plan."""
    campaign = campaign_of(request)
    return render(request, "plan.html", campaign=campaign, runs=list_runs(campaign),
                  time_limit=int(DEFAULT_TIME_LIMIT), section="plan")


async def start_plan(request: Request) -> Response:
    """Start planning in a worker; the browser goes to the run's page at once."""
    form = await checked_form(request)
    campaign = campaign_of(request)
    previous = latest_plan(campaign)
    inputs = {
        "time_limit": time_limit(form.get("time_limit")),
        "previous": str(campaign.runs / previous.id / "out") if previous else "",
        "subscriptions": team_addresses(request, campaign),
    }
    run = runner(request).start(campaign, "plan", inputs, based_on=previous.id if previous else "")
    return redirect(f"/c/{campaign.name}/runs/{run.id}")


def time_limit(value: object) -> float:
    """Seconds of route search from the form, within 1 and MAX_TIME_LIMIT."""
    try:
        seconds = float(str(value or DEFAULT_TIME_LIMIT))
    except ValueError:
        raise HTTPException(400, "计算时间请填写秒数。") from None
    return min(max(seconds, 1.0), MAX_TIME_LIMIT)


async def run_page(request: Request) -> Response:
    """A run: its progress while it runs, its results when done, its problems when it failed."""
    campaign = campaign_of(request)
    folder = _folder(request)
    run = runner(request).status(folder)
    context = results_context(request, campaign, folder, run) if run.status == "done" else {}
    return render(request, "run.html", campaign=campaign, run=run, section="plan",
                  progress=progress_lines(folder), **context)


async def run_status(request: Request) -> Response:
    """The progress fragment; when the run has ended, a reload of the whole page."""
    folder = _folder(request)
    run = runner(request).status(folder)
    response = render(request, "progress.html", campaign=campaign_of(request), run=run,
                      progress=progress_lines(folder))
    if run.status != "running":
        response.headers["HX-Refresh"] = "true"
    return response


async def cancel(request: Request) -> Response:
    """Cancel a running run."""
    await checked_form(request)
    runner(request).cancel(_folder(request))
    return redirect(f"/c/{campaign_of(request).name}/runs/{request.path_params['run']}")


def _folder(request: Request) -> Path:
    """The folder of the run named in the URL; 404 when there is none."""
    try:
        return run_folder(campaign_of(request), request.path_params["run"])
    except NotFound:
        raise HTTPException(404, "没有这次计划。") from None


ROUTES = [
    Route("/c/{campaign}/plan", plan_page, methods=["GET"]),
    Route("/c/{campaign}/plan", start_plan, methods=["POST"]),
    Route("/c/{campaign}/runs/{run}", run_page, methods=["GET"]),
    Route("/c/{campaign}/runs/{run}/status", run_status, methods=["GET"]),
    Route("/c/{campaign}/runs/{run}/cancel", cancel, methods=["POST"]),
]
