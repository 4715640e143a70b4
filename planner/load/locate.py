"""Every place and household put on the map: coordinates converted, households located.

Coordinates in the tables are in the system scenario.yaml names (`travel.coordinates`) and are
converted to WGS-84 here, once, so that distances, OpenStreetMap snapping and the report's map
all work in one system. A household is located by its place id, else by its own 经度/纬度
(it becomes a place of its own, `hh-<id>`), else by its address's town and village among the
places; what cannot be located is a problem at its row, listed for the clerk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.intake.addresses import AddressBook, PlaceName
from planner.load.report import Report
from planner.load.table_rows import Read
from planner.scenario import Household, Place, Travel
from planner.tables import Row
from planner.travel.coordinates import coordinate_problem, metres_between, to_wgs84

ROADS_NEED_PLACES = (
    "按 经度/纬度 定位的家庭需要 travel.minutes 设为 osm 或 estimate；"
    "用 roads 时请填 所在地点"
)
OWN_PLACE_PREFIX = "hh-"
"""Place ids made for households located by their own coordinates: `hh-<household id>`."""


def convert_places(
    report: Report, places: Read[Place] | None, travel: Travel
) -> Read[Place] | None:
    """Places with WGS-84 coordinates; out-of-range ones reported at their 经度 cell."""
    if places is None:
        return None
    items, ok = [], places.ok
    for number, place in places.items:
        problem = coordinate_problem(place.x, place.y, travel.coordinates)
        if problem:
            report.at_cell(places.table, number, "x", problem)
            ok = False
            continue
        x, y = to_wgs84(place.x, place.y, travel.coordinates)
        items.append((number, place.model_copy(update={"x": x, "y": y})))
    return Read(places.table, tuple(items), ok)


def locate_households(
    report: Report,
    households: Read[Household] | None,
    places: Read[Place] | None,
    travel: Travel,
) -> tuple[Read[Household] | None, Read[Place] | None]:
    """Households with a place each, and the places with those made for own coordinates."""
    if households is None or places is None or not places.table.headers:
        return households, places
    names = AddressBook(
        PlaceName(row.cells.get("id", ""), row.cells.get("name", ""), row.cells.get("district", ""))
        for row in places.table.rows
    )
    items, own, ok = [], [], households.ok
    for number, household in households.items:
        located = _locate(report, households, number, household, names, places, travel)
        if located is None:
            ok = False
            continue
        household, place = located
        items.append((number, household))
        if place is not None:
            own.append((number, place))
    rows = tuple(Row(number, {"id": place.id}, {}) for number, place in own)
    table = replace(places.table, rows=places.table.rows + rows)
    return Read(households.table, tuple(items), ok), Read(
        table, places.items + tuple(own), places.ok
    )


def _locate(
    report: Report,
    households: Read[Household],
    number: int,
    household: Household,
    names: AddressBook,
    places: Read[Place],
    travel: Travel,
) -> tuple[Household, Place | None] | None:
    """The household with its place (and the place made for it); None when reported."""
    table = households.table
    if household.place:
        return household, None
    if household.x is not None or household.y is not None:
        return _own_place(report, households, number, household, places, travel)
    if not household.address:
        message = "没有地点：请填 所在地点，或 经度 和 纬度，或写明镇和村的 地址"
        report.at_cell(table, number, "place", message)
        return None
    match = names.match(household.address)
    if match.outcome == "matched":
        return household.model_copy(update={"place": match.place}), None
    report.at_cell(
        table, number, "address", _unmatched(match.outcome, match.candidates, places.table.file)
    )
    return None


def _unmatched(outcome: str, candidates: tuple[str, ...], file: str) -> str:
    """Why an address names no place, without quoting the address (it is personal data)."""
    if outcome == "ambiguous":
        return f"地址能对上 {file} 里的几个地点（{'、'.join(candidates)}）：请填 所在地点"
    if outcome == "no_village":
        return "地址中没有镇/乡或村/社区：请填 所在地点，或 经度 和 纬度"
    return f"地址中的镇和村不在 {file} 里：请在那里添上这个村，或填 所在地点"


def _own_place(
    report: Report,
    households: Read[Household],
    number: int,
    household: Household,
    places: Read[Place],
    travel: Travel,
) -> tuple[Household, Place] | None:
    """A place of its own for a household with coordinates, in the district of the nearest."""
    table = households.table
    if household.x is None or household.y is None:
        report.at_cell(
            table, number, "x" if household.x is None else "y", "经度 和 纬度 要一起填"
        )
        return None
    problem = coordinate_problem(household.x, household.y, travel.coordinates)
    if travel.minutes.source == "roads":
        problem = ROADS_NEED_PLACES
    if problem:
        report.at_cell(table, number, "x", problem)
        return None
    x, y = to_wgs84(household.x, household.y, travel.coordinates)
    nearest = min(places.models, key=lambda p: metres_between((p.x, p.y), (x, y)), default=None)
    place = Place(
        id=OWN_PLACE_PREFIX + household.id,
        name=f"{household.id}住址",
        district=nearest.district if nearest else "",
        kind="住户",
        x=x,
        y=y,
    )
    return household.model_copy(update={"place": place.id}), place


def locate_added(
    report: Report, added: Read[Household], places: Sequence[Place]
) -> Read[Household]:
    """Households added to a loaded scenario (replan `--add`), placed by id or by address.

    Own coordinates would need a new place in a scenario already planned, so an added household
    needs its 所在地点 or an address of one of the scenario's villages.
    """
    book = AddressBook(PlaceName(p.id, p.name, p.district) for p in places)
    items, ok = [], added.ok
    for number, household in added.items:
        if not household.place and household.address:
            match = book.match(household.address)
            if match.outcome == "matched":
                household = household.model_copy(update={"place": match.place})
            else:
                message = _unmatched(match.outcome, match.candidates, "方案的地点表")
                report.at_cell(added.table, number, "address", message)
                ok = False
                continue
        elif not household.place:
            report.at_cell(
                added.table, number, "place", "没有地点：请填 所在地点，或写明镇和村的 地址"
            )
            ok = False
            continue
        items.append((number, household))
    return Read(added.table, tuple(items), ok)
