"""预算, 规则, 小组和日期, 路程: the forms that edit scenario.yaml, each saved all or nothing.

Every form writes through `change_scenario`: the changed scenario is loaded (and the plugins'
options checked) before it replaces the old one, so a mistake is listed with its
`scenario.yaml:line:key` and the campaign stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ruamel.yaml.comments import CommentedMap
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from planner.load import load_scenario
from planner.load.yaml_source import read_yaml
from planner.plugins import each_plugin, make_plugin_manager
from planner.problems import PluginError, ScenarioError
from planner.rules import registered_categories
from planner.scenario import Scenario
from planner.travel.settings import DEFAULT_DETOUR, DEFAULT_SNAP_METRES, DEFAULT_SPEED_KMH
from planner.web.option_forms import form_options, option_fields
from planner.web.rendering import campaign_of, checked_form, redirect, render
from planner.web.scenario_edit import change_scenario
from planner.web.workspace import Campaign

EMPTY_ROWS = 2
OSM_FILE = "map.osm.pbf"
"""The name an uploaded OpenStreetMap extract is kept under in the scenario folder."""
COORDINATE_SYSTEMS = ("WGS-84", "GCJ-02", "BD-09")
TEAM_KEYS = ("id", "name", "leader", "tier", "staff", "depot", "district", "hours", "lunch",
             "max_visits_per_day", "min_days", "min_visits")
NUMBER_KEYS = frozenset({"staff", "max_visits_per_day", "min_days", "min_visits"})
LEAST_KEYS = ("min_days", "min_visits")
"""`fair_loads:`, the least work of every team, edited above the teams."""


def _loaded(campaign: Campaign) -> tuple[Scenario | None, list[str]]:
    """The campaign's scenario as it loads now, or its problems."""
    try:
        return load_scenario(campaign.folder), []
    except ScenarioError as error:
        return None, [str(problem) for problem in error.problems]


async def _page(request: Request, template: str, section: str, status: int = 200,
                **context: Any) -> Response:
    """A settings page with the campaign, its scenario.yaml and its loaded scenario."""
    campaign = campaign_of(request)
    scenario, problems = _loaded(campaign)
    context.setdefault("problems", problems)
    doc = read_yaml(campaign.folder)
    return render(request, template, status=status, campaign=campaign, doc=doc,
                  scenario=scenario, section=section, saved="saved" in request.query_params,
                  **context)


async def _save(request: Request, template: str, section: str,
                edit: Callable[[CommentedMap], None],
                files: dict[str, bytes] | None = None) -> Response:
    """Apply `edit` (and write `files`) unless that brings problems; else show them."""
    campaign = campaign_of(request)
    try:
        change_scenario(campaign.folder, edit, files)
    except ScenarioError as error:
        shown = [str(problem) for problem in error.problems]
        return await _page(request, template, section, status=422, problems=shown, failed=True)
    return redirect(f"/c/{campaign.name}/{section}?saved=1")


async def budget_page(request: Request) -> Response:
    """Total, lines and standards, with every category the plugins know."""
    campaign = campaign_of(request)
    return await _page(request, "budget.html", "budget", categories=_categories(campaign),
                       empty_rows=range(EMPTY_ROWS))


async def save_budget(request: Request) -> Response:
    """Write the budget section from the form."""
    form = await checked_form(request)
    categories = _categories(campaign_of(request))

    def edit(doc: CommentedMap) -> None:
        budget = doc.setdefault("budget", CommentedMap())
        budget["total"] = _number(form.get("total"))
        budget["lines"] = _lines(form)
        standards = CommentedMap()
        for name in categories:
            amount = str(form.get(f"standard:{name}", "")).strip()
            if amount:
                standards[name] = _number(amount)
        budget["standards"] = standards

    return await _save(request, "budget.html", "budget", edit)


def _lines(form: FormData) -> list[CommentedMap]:
    """The budget lines of the form, rows left empty dropped."""
    lines = []
    for ids, name, amount, cats in zip(form.getlist("line_id"), form.getlist("line_name"),
                                       form.getlist("line_amount"), form.getlist("line_cats"),
                                       strict=False):
        if not str(ids).strip():
            continue
        line = CommentedMap(id=str(ids).strip(), name=str(name).strip(),
                            amount=_number(amount))
        chosen = [c.strip() for c in str(cats).replace("，", ",").split(",") if c.strip()]
        if chosen:
            line["categories"] = chosen
        lines.append(line)
    return lines


async def rules_page(request: Request) -> Response:
    """Each plugin's options as a form generated from its options model."""
    campaign = campaign_of(request)
    return await _page(request, "rules.html", "rules", forms=_rule_forms(campaign))


async def save_rules(request: Request) -> Response:
    """Write `rules:` from the forms, leaving out options equal to their defaults."""
    form = await checked_form(request)
    values = {key: str(value) for key, value in form.items() if isinstance(value, str)}
    models = _rule_models(campaign_of(request))

    def edit(doc: CommentedMap) -> None:
        rules = doc.setdefault("rules", CommentedMap())
        for plugin, model in models.items():
            prefix = f"{plugin}."
            mine = {k[len(prefix):]: v for k, v in values.items() if k.startswith(prefix)}
            options = form_options(model, mine)
            if options:
                rules[plugin] = CommentedMap(options)
            else:
                rules.pop(plugin, None)
        if not rules:
            doc.pop("rules", None)

    return await _save(request, "rules.html", "rules", edit)


def _rule_models(campaign: Campaign) -> dict[str, Any]:
    """Each enabled plugin's options model."""
    try:
        pm = make_plugin_manager(campaign.plugins)
    except PluginError:
        return {}
    return {
        plugin: model
        for plugin, hook in each_plugin(pm, "songnuan_rule_options")
        for model in hook()
        if isinstance(model, type)
    }


def _rule_forms(campaign: Campaign) -> list[tuple[str, str, list[Any]]]:
    """(plugin, the model's documentation, its fields) for each enabled plugin."""
    rules = read_yaml(campaign.folder).get("rules") or {}
    forms = []
    for plugin, model in _rule_models(campaign).items():
        current = rules.get(plugin) or {}
        forms.append((plugin, (model.__doc__ or "").strip(), option_fields(model, dict(current))))
    return forms


async def teams_page(request: Request) -> Response:
    """Teams with their leader, tier, staff, depot, hours, lunch and days, days shown resolved."""
    return await _page(request, "teams.html", "teams", keys=TEAM_KEYS,
                       empty_rows=range(EMPTY_ROWS))


async def save_teams(request: Request) -> Response:
    """Write `teams:` from the rows of the form; a row without an id is dropped."""
    form = await checked_form(request)
    old = {str(t.get("id")): t for t in read_yaml(campaign_of(request).folder).get("teams") or []}

    def edit(doc: CommentedMap) -> None:
        least = CommentedMap()
        for key in LEAST_KEYS:
            value = str(form.get(f"fair_loads:{key}", "")).strip()
            if value and value != "0":
                least[key] = _number(value)
        if least:
            doc["fair_loads"] = least
        else:
            doc.pop("fair_loads", None)
        doc["teams"] = [_team(form, row, old) for row in _rows(form) if form.getlist("id")[row]]

    return await _save(request, "teams.html", "teams", edit)


def _rows(form: FormData) -> range:
    """The row numbers of a table form."""
    return range(len(form.getlist("id")))


def _cell(form: FormData, key: str, row: int) -> str:
    """Row `row` of column `key`, stripped; empty when the form sent fewer of that column."""
    values = form.getlist(key)
    return str(values[row]).strip() if row < len(values) else ""


def _team(form: FormData, row: int, old: dict[str, Any]) -> CommentedMap:
    """One team from row `row` of the form, keeping the special days it had (with own hours)
    and the keys the form does not show (`max_minutes_per_day`, `working_days_only`)."""
    before = old.get(_cell(form, "id", row)) or {}
    team = CommentedMap(
        (key, value) for key, value in before.items() if key not in (*TEAM_KEYS, "days")
    )
    for key in TEAM_KEYS:
        value = _cell(form, key, row)
        if value:
            team[key] = _number(value) if key in NUMBER_KEYS else value
    written = [line.strip() for line in _cell(form, "days", row).splitlines()]
    kept = [d for d in before.get("days", []) if isinstance(d, dict)]
    team["days"] = [d for d in written if d] + kept
    return team


async def travel_page(request: Request) -> Response:
    """Where the minutes come from, the coordinate system, and the 轻车简从 caps."""
    return await _page(request, "travel.html", "travel", systems=COORDINATE_SYSTEMS,
                       defaults={"detour": DEFAULT_DETOUR, "speed_kmh": DEFAULT_SPEED_KMH,
                                 "snap_metres": DEFAULT_SNAP_METRES})


async def save_travel(request: Request) -> Response:
    """Write `travel:` — the source of minutes, the coordinate system, the 轻车简从 caps — and
    the service minutes; an uploaded OpenStreetMap extract is kept as `OSM_FILE`."""
    form = await checked_form(request)
    extract = form.get("osm_file")
    files: dict[str, bytes] = {}
    if isinstance(extract, UploadFile) and extract.filename:
        if not extract.filename.lower().endswith(".osm.pbf"):
            return await _page(request, "travel.html", "travel", status=422,
                               problems=["只接受 OpenStreetMap 的 .osm.pbf 文件"], failed=True)
        files[OSM_FILE] = await extract.read()
    kept = (campaign_of(request).folder / OSM_FILE).is_file()
    minutes = _minutes(form, has_extract=bool(files) or kept)

    def edit(doc: CommentedMap) -> None:
        travel = doc.setdefault("travel", CommentedMap())
        travel["minutes"] = minutes
        if str(form.get("coordinates", "")) in COORDINATE_SYSTEMS:
            travel["coordinates"] = str(form.get("coordinates"))
        for key in ("max_team_size", "vehicles_per_day"):
            value = str(form.get(key, "")).strip()
            if value:
                travel[key] = _number(value)
            else:
                travel.pop(key, None)
        if not travel:
            doc.pop("travel", None)
        service = str(form.get("service_minutes", "")).strip()
        if service:
            doc.setdefault("visits", CommentedMap())["service_minutes"] = _number(service)

    return await _save(request, "travel.html", "travel", edit, files)


def _minutes(form: FormData, *, has_extract: bool) -> object:
    """`travel.minutes` in the short forms docs/scenario.md shows, from the form."""
    source = str(form.get("source", "roads"))
    if source == "estimate":
        detour, speed = _decimal(form.get("detour")), _decimal(form.get("speed_kmh"))
        if (detour, speed) == (DEFAULT_DETOUR, DEFAULT_SPEED_KMH):
            return "estimate"
        return CommentedMap(estimate=CommentedMap(detour=detour, speed_kmh=speed))
    if source == "osm":
        chosen = CommentedMap(osm=OSM_FILE if has_extract else "")
        snap = _number(form.get("snap_metres"))
        if snap != DEFAULT_SNAP_METRES:
            chosen["snap_metres"] = snap
        return chosen
    return source if source in ("roads", "plugin") else "roads"


def _decimal(value: object) -> object:
    """A number with decimals from a form field, else the text (for the loader to judge)."""
    text = str(value or "").strip()
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


def _categories(campaign: Campaign) -> list[str]:
    """Categories the plugins serve, then any the budget names besides."""
    try:
        known = registered_categories(make_plugin_manager(campaign.plugins)).values()
    except PluginError:
        known = []  # type: ignore[assignment]
    names = [c.name for c in known if c.targeted]
    standards = (read_yaml(campaign.folder).get("budget") or {}).get("standards") or {}
    return names + [str(n) for n in standards if str(n) not in names]


def _number(value: object) -> object:
    """A whole number from a form field, else the text as typed (for the loader to judge)."""
    text = str(value or "").strip().replace(",", "").replace("，", "")
    return int(text) if text.lstrip("-").isdigit() else text


ROUTES = [
    Route("/c/{campaign}/budget", budget_page, methods=["GET"]),
    Route("/c/{campaign}/budget", save_budget, methods=["POST"]),
    Route("/c/{campaign}/rules", rules_page, methods=["GET"]),
    Route("/c/{campaign}/rules", save_rules, methods=["POST"]),
    Route("/c/{campaign}/teams", teams_page, methods=["GET"]),
    Route("/c/{campaign}/teams", save_teams, methods=["POST"]),
    Route("/c/{campaign}/travel", travel_page, methods=["GET"]),
    Route("/c/{campaign}/travel", save_travel, methods=["POST"]),
]
