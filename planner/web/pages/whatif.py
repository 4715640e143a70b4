"""假设分析: the variants as a form; the comparison table and chart on the run's page."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from planner.load.yaml_source import read_yaml
from planner.web.pages.planning import time_limit
from planner.web.rendering import campaign_of, checked_form, redirect, render, runner
from planner.whatif.run import DEFAULT_TIME_LIMIT
from planner.whatif.vary import VaryError, parse_vary

ROWS = 3


def paths(doc: dict[str, object]) -> list[tuple[str, str]]:
    """The figures a what-if can vary in this scenario: (path, what it is in Chinese)."""
    budget = doc.get("budget") or {}
    assert isinstance(budget, dict)
    found = [("budget.total", "总预算")]
    found += [(f"budget.lines.{line.get('id')}.amount", f"预算科目“{line.get('name')}”金额")
              for line in budget.get("lines") or []]
    found += [(f"standards.{name}", f"“{name}”标准") for name in budget.get("standards") or {}]
    return [*found, ("visits.service_minutes", "每户走访分钟数")]


async def whatif_page(request: Request, status: int = 200, **context: object) -> Response:
    """The variants form."""
    campaign = campaign_of(request)
    return render(request, "whatif.html", status=status, campaign=campaign,
                  paths=paths(read_yaml(campaign.folder)), rows=range(ROWS),
                  time_limit=int(DEFAULT_TIME_LIMIT), section="whatif", **context)


async def start_whatif(request: Request) -> Response:
    """Check the variants, then plan them all in a worker."""
    form = await checked_form(request)
    varies = [f"{path}={str(values).strip()}" for path, values in
              zip(form.getlist("path"), form.getlist("values"), strict=False)
              if str(values).strip()]
    try:
        if not varies:
            raise VaryError("请至少填写一项要变化的数值")
        for text in varies:
            parse_vary(str(text))
    except VaryError as error:
        return await whatif_page(request, status=422, error=str(error))
    campaign = campaign_of(request)
    inputs = {"vary": varies, "time_limit": time_limit(form.get("time_limit")), "workers": 1}
    run = runner(request).start(campaign, "whatif", inputs)
    return redirect(f"/c/{campaign.name}/runs/{run.id}")


ROUTES = [
    Route("/c/{campaign}/whatif", whatif_page, methods=["GET"]),
    Route("/c/{campaign}/whatif", start_whatif, methods=["POST"]),
]
