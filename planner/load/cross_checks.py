"""References between the parts of a scenario: places named, depots reachable, windows worked.

Checks that need another part (a household's place needs places.csv) run only when that part was
read cleanly, so that one broken file does not bury the real problems under hundreds of echoes.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from planner.load.messages import unknown_place
from planner.load.report import Report
from planner.load.table_rows import Read
from planner.load.teams import Teams
from planner.load.windows import check_windows
from planner.scenario import Household, Place, Road, Team


def cross_check(
    report: Report,
    teams: Teams,
    places: Read[Place] | None,
    roads: Read[Road] | None,
    households: Read[Household] | None,
) -> None:
    """References between parts, each checked when the parts it needs are usable.

    References need only the place ids, which a places table with a good header has even
    when some coordinates are wrong; windows need every team, connectivity every road.
    """
    if households:
        days = [day for _, team in teams.items for day in team.days] if teams.ok else None
        check_windows(report, households, days)
    if not (places and places.table.headers):
        return
    file = places.table.file
    ids = {row.cells["id"] for row in places.table.rows} - {""}
    depots_ok = _check_depots(report, teams, ids, file)
    if households:
        check_places(report, households, ("place",), ids, file, private=True)
    if roads is None or not check_places(report, roads, ("a", "b"), ids, file):
        return
    if roads.ok and places.ok and teams.ok and depots_ok:
        teams_read = [team for _, team in teams.items]
        _check_connected(report, teams_read, places, roads, households)


def check_places(
    report: Report,
    read: Read[Household] | Read[Road],
    fields: Sequence[str],
    ids: set[str],
    file: str,
    *,
    private: bool = False,
) -> bool:
    """Each place a household or a road names is a place of the places table.

    `private`: the table is the households archive, whose cells a message shows masked.
    """
    ok = True
    for number, item in read.items:
        for field in fields:
            place = getattr(item, field)
            if place not in ids:
                message = unknown_place(place, ids, file, private=private)
                report.at_cell(read.table, number, field, message)
                ok = False
    return ok


def _check_depots(report: Report, teams: Teams, ids: set[str], file: str) -> bool:
    """Each team's depot is a place of the places table."""
    for i, team in teams.items:
        if team.depot not in ids:
            report.at_key(("teams", i, "depot"), unknown_place(team.depot, ids, file))
    return all(team.depot in ids for _, team in teams.items)


def _check_connected(
    report: Report,
    teams: Sequence[Team],
    places: Read[Place],
    roads: Read[Road],
    households: Read[Household] | None,
) -> None:
    """Every depot and every household place is reachable by road from the first depot.

    Roads are two-way, so reaching everything from one depot means every depot reaches
    every place. A cut-off place is reported once, in the places table, not per household.
    """
    graph = nx.Graph()
    graph.add_nodes_from(place.id for place in places.models)
    graph.add_edges_from((road.a, road.b) for road in roads.models)
    home = teams[0].depot
    reach = nx.node_connected_component(graph, home)
    advice = f"；请在 {roads.table.file} 里补上道路"
    for i, team in enumerate(teams):
        if team.depot not in reach:
            message = f"出发点 {team.depot} 没有道路连到出发点 {home}"
            report.at_key(("teams", i, "depot"), message + advice)
    cut_off: dict[str, list[int]] = {}
    for number, household in households.items if households else ():
        if household.place in graph and household.place not in reach:
            cut_off.setdefault(household.place, []).append(number)
    row_of = {place.id: number for number, place in reversed(places.items)}
    for place, rows in cut_off.items():
        users = f"{len(rows)} 户，第一户在家庭表第 {rows[0]} 行"
        message = f"地点 {place}（{users}）没有道路连到出发点 {home}"
        report.at_cell(places.table, row_of[place], "id", message + advice)
