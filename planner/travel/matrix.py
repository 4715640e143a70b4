"""The driving minutes of a campaign, from the source scenario.yaml names, found once per plan.

`attach_travel` finds the minutes among the campaign's places (the depots and every household's
place) and returns the scenario with them; routing then reads `travel_between`, whatever the
source. Everything but `roads` is kept in the scenario's `travel-cache/`: roads.csv is itself the
stored input and its shortest paths take milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pluggy

from planner.network import RoadNetwork
from planner.plugins import checked
from planner.problems import PluginError, Problem, ScenarioError
from planner.scenario import Place, Scenario
from planner.travel.cache import cache_key, cached, file_digest, store
from planner.travel.estimate import estimated_minutes
from planner.travel.settings import MinutesSource, TravelMatrix

HOOK = "songnuan_travel_minutes"


def campaign_places(scenario: Scenario) -> tuple[str, ...]:
    """The places a plan can drive between: the depots, then every household's place."""
    depots = [team.depot for team in scenario.teams]
    return tuple(dict.fromkeys([*depots, *(h.place for h in scenario.households)]))


def attach_travel(scenario: Scenario, pm: pluggy.PluginManager | None = None) -> Scenario:
    """The scenario with the minutes among its campaign's places (ScenarioError if unusable)."""
    places = campaign_places(scenario)
    known = scenario.travel_minutes
    if known is not None and known.covers(places):
        return scenario
    matrix = find_minutes(scenario, places, pm)
    return scenario.model_copy(update={"travel_minutes": matrix})


def travel_between(scenario: Scenario, place_ids: Sequence[str]) -> list[list[int]]:
    """Driving minutes between `place_ids` (row i, column j: from place i to place j)."""
    known = scenario.travel_minutes
    if known is None or not known.covers(list(place_ids)):
        known = find_minutes(scenario, tuple(place_ids), None)
    return known.between(list(place_ids))


def find_minutes(
    scenario: Scenario, place_ids: tuple[str, ...], pm: pluggy.PluginManager | None
) -> TravelMatrix:
    """The minutes among `place_ids` from the scenario's source, cached where it is not roads."""
    settings = scenario.travel.minutes
    if settings.source == "roads":
        minutes = RoadNetwork.of(scenario).matrix(place_ids)
        return _matrix(settings, place_ids, minutes)
    by_id = {place.id: place for place in scenario.places}
    places = [by_id[place] for place in place_ids]
    key = cache_key(_inputs(scenario, settings, places, pm))
    found = cached(scenario.folder, settings.source, key)
    if found is not None and found.places == place_ids:
        return found
    if settings.source == "estimate":
        minutes = estimated_minutes(places, settings)
    elif settings.source == "osm":
        minutes = _osm_minutes(scenario, settings, places)
    else:
        minutes = _plugin_minutes(scenario, places, pm)
    matrix = _matrix(settings, place_ids, minutes)
    store(scenario.folder, key, matrix)
    return matrix


def _matrix(
    settings: MinutesSource, place_ids: tuple[str, ...], minutes: list[list[int]]
) -> TravelMatrix:
    return TravelMatrix(
        source=settings.source,
        places=place_ids,
        minutes=tuple(tuple(row) for row in minutes),
        estimate=settings.is_estimate,
    )


def _inputs(
    scenario: Scenario,
    settings: MinutesSource,
    places: Sequence[Place],
    pm: pluggy.PluginManager | None,
) -> list[Any]:
    """Everything the minutes depend on, for the cache key."""
    parts: list[Any] = [settings.model_dump(), [(p.id, p.x, p.y) for p in places]]
    if settings.source == "osm":
        path = scenario.folder / str(settings.osm)
        parts.append(file_digest(path) if path.is_file() else "")
    if settings.source == "plugin":
        hook = getattr(pm.hook, HOOK, None) if pm else None
        parts.append(sorted(impl.plugin_name for impl in hook.get_hookimpls()) if hook else [])
    return parts


def _osm_minutes(
    scenario: Scenario, settings: MinutesSource, places: Sequence[Place]
) -> list[list[int]]:
    """Minutes over the extract; every place too far from a road is a problem.

    The OSM module is imported here, not at the top: it pulls in scipy.spatial, which every
    routing process would otherwise load for nothing.
    """
    from planner.travel.osm import OsmError, drive_graph, network_minutes, snap

    where = ("scenario.yaml", None, "travel.minutes.osm")
    if not (scenario.folder / str(settings.osm)).is_file():
        raise ScenarioError([Problem(*where, f"file {settings.osm} not found in the folder")])
    try:
        graph = drive_graph(scenario.folder, settings)
    except OsmError as exc:
        raise ScenarioError([Problem(*where, str(exc))]) from exc
    snapped = snap(graph, [(place.x, place.y) for place in places])
    problems = [
        Problem(
            scenario.places_file,
            None,
            "经度",
            f"place {place.id} is {metres:,.0f} m from the nearest drivable road of "
            f"{settings.osm} (more than snap_metres: {settings.snap_metres}); check its 经度 "
            "and 纬度 and travel.coordinates, or use an extract that covers it",
        )
        for place, metres in zip(places, snapped.metres, strict=True)
        if metres > settings.snap_metres
    ]
    if problems:
        raise ScenarioError(problems)
    return network_minutes(graph, snapped)


def _plugin_minutes(
    scenario: Scenario, places: Sequence[Place], pm: pluggy.PluginManager | None
) -> list[list[int]]:
    """The first plugin's minutes, checked to be a square matrix of whole minutes."""
    impls = getattr(pm.hook, HOOK).get_hookimpls() if pm else []
    for impl in reversed(impls):
        try:
            value = impl.function(places=tuple(places), scenario=scenario)
        except Exception as exc:
            message = f"raised {type(exc).__name__}: {exc}"
            raise PluginError(impl.plugin_name, HOOK, message) from exc
        if value is not None:
            return _checked_matrix(
                impl.plugin_name, checked(impl.plugin_name, HOOK, value, list), len(places)
            )
    message = "travel.minutes is plugin, but no enabled plugin gives travel minutes"
    raise ScenarioError([Problem("scenario.yaml", None, "travel.minutes", message)])


def _checked_matrix(plugin: str, value: list[Any], size: int) -> list[list[int]]:
    """A plugin's answer, refused unless it is size × size whole non-negative minutes."""
    square = len(value) == size and all(isinstance(r, list) and len(r) == size for r in value)
    whole = square and all(
        isinstance(m, int) and not isinstance(m, bool) and m >= 0 for row in value for m in row
    )
    if not whole:
        raise PluginError(plugin, HOOK, f"expected {size} rows of {size} whole minutes ≥ 0")
    return value
