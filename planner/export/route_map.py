"""The report's route map: places at their coordinates, roads, and each team-day's tour (SVG).

Drawn from the places table alone (north up, same scale on both axes), so it works offline and
for any coordinates an office has, map tiles or not. Tours follow the roads a driver takes
(the fastest way of each leg over the road network, as the routing stage counted it), in
visiting order, depot to depot, in the team's colour; hovering names the team, day and stops.
"""

from __future__ import annotations

from itertools import pairwise

from planner.export.formats import month_day
from planner.export.lookup import PlanIndex
from planner.export.svg import svg, tag, text, title
from planner.scenario import Place
from planner.travel.ways import follows_roads, leg_lines

WIDTH, HEIGHT, PAD = 1000.0, 700.0, 40.0
LABELLED_KINDS = frozenset({"县城", "乡镇", "街道"})
"""Kinds of place whose names are written on the map; others are named on hover only."""
STRAIGHT = {"stroke_dasharray": "6 4"}
"""Legs drawn as straight lines (estimated or a plugin's minutes) are dashed: no road is known."""


def route_map_svg(index: PlanIndex, colours: dict[str, str]) -> str:
    """Roads, tours, places and depot labels, fitted into the picture."""
    places = index.scenario.places
    if not places:
        return "<p>场景中没有地点坐标。</p>"
    west, east = min(p.x for p in places), max(p.x for p in places)
    south, north = min(p.y for p in places), max(p.y for p in places)
    scale = min(
        (WIDTH - 2 * PAD) / ((east - west) or 1), (HEIGHT - 2 * PAD) / ((north - south) or 1)
    )
    height = (north - south) * scale + 2 * PAD

    def at(x: float, y: float) -> tuple[float, float]:
        return PAD + (x - west) * scale, height - PAD - (y - south) * scale

    def point(place: Place) -> tuple[float, float]:
        return at(place.x, place.y)

    parts = [tag("rect", x=0, y=0, width=WIDTH, height=height, fill="#fbfbf8")]
    for road in index.scenario.roads:
        if road.a in index.places and road.b in index.places:
            (x1, y1), (x2, y2) = point(index.places[road.a]), point(index.places[road.b])
            parts.append(tag("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke="#d5d5d0", stroke_width=1))
    visited: dict[str, str] = {}
    tours = [
        (route, [route.depot, *(visit.place for visit in route.visits), route.depot])
        for route in sorted(index.plan.routes, key=lambda r: (r.team_id, r.start))
    ]
    ways = leg_lines(index.scenario, (leg for _, stops in tours for leg in pairwise(stops)))
    for route, stops in tours:
        legs = list(pairwise(stops))
        known = [ways[legs[0]][0], *(xy for leg in legs for xy in ways[leg][1:])] if legs else []
        colour = colours[route.team_id]
        for stop in stops[1:-1]:
            visited.setdefault(stop, colour)
        tooltip = f"{index.teams[route.team_id].name} {month_day(route.date)}："
        tooltip += "→".join(index.place_name(stop) for stop in stops)
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(*xy) for xy in known))
        parts.append(
            tag(
                "polyline",
                title(tooltip),
                points=line,
                fill="none",
                stroke=colour,
                stroke_width=2.5,
                stroke_opacity=0.8,
                stroke_linejoin="round",
                **({} if follows_roads(index.scenario) else STRAIGHT),
            )
        )
    depots = {team.depot for team in index.scenario.teams}
    for place in places:
        parts.append(_place(place, point(place), visited.get(place.id), place.id in depots))
    # Names last, with a white halo, so no tour or dot covers them.
    for place in places:
        if place.id in depots or place.kind in LABELLED_KINDS:
            parts.append(_label(place, point(place), bold=place.id in depots))
    return svg(WIDTH, height, "走访路线图", parts)


def _place(place: Place, at: tuple[float, float], colour: str | None, depot: bool) -> str:
    """A place: a square for a depot, a coloured dot when visited, grey otherwise."""
    x, y = at
    hover = title(f"{place.name}（{place.district}）" if place.district else place.name)
    if depot:
        return tag("rect", hover, x=x - 6, y=y - 6, width=12, height=12, fill="#222")
    if colour:
        return tag("circle", hover, cx=x, cy=y, r=4.5, fill=colour, stroke="#fff", stroke_width=1)
    return tag("circle", hover, cx=x, cy=y, r=2.5, fill="#aaa")


def _label(place: Place, at: tuple[float, float], *, bold: bool) -> str:
    """A place's name beside it, readable over lines."""
    x, y = at
    return text(
        place.name,
        x=x + 8,
        y=y - 6,
        font_size=13 if bold else 12,
        font_weight="bold" if bold else "normal",
        fill="#222",
        stroke="#fff",
        stroke_width=3,
        paint_order="stroke",
    )
