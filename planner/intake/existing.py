"""What a scenario folder already holds that an import must respect: ids, history, places.

Re-importing the same lists must give the same table, and a household keeps its 编号 from one
import to the next (history.csv and plan.json refer to it). So the existing table's people are
found again by ID number (or name, unit and address), and a new household gets the lowest
number that no existing row and no history entry has used: an id is never given to someone
else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from planner.intake.addresses import PlaceName
from planner.intake.duplicates import person_of
from planner.load.household_tables import HISTORY_COLUMNS, HOUSEHOLD_COLUMNS
from planner.load.network_tables import PLACE_COLUMNS
from planner.tables import Table, read_table

HOUSEHOLDS_FILE = "households.csv"
PLACES_FILE = "places.csv"
HISTORY_FILE = "history.csv"
_NUMBERED = re.compile(r"^([A-Z]+)(\d+)$")


@dataclass(frozen=True)
class Existing:
    """The folder's households by person, the ids used anywhere, and its places."""

    ids_by_person: dict[tuple[str, ...], str]
    place_by_id: dict[str, str]
    """所在地点 of each existing household, kept where the archives give none."""
    used_ids: frozenset[str]
    places: tuple[PlaceName, ...]
    places_table: Table | None


def read_existing(folder: Path) -> Existing:
    """The folder's households, history and places, as far as they can be read."""
    people: dict[tuple[str, ...], str] = {}
    placed: dict[str, str] = {}
    used: set[str] = set()
    households = folder / HOUSEHOLDS_FILE
    if households.is_file():
        for row in read_table(households, HOUSEHOLD_COLUMNS).rows:
            cells = row.cells
            if cells.get("id"):
                used.add(cells["id"])
                people.setdefault(person_of(cells), cells["id"])
                placed.setdefault(cells["id"], cells.get("place", ""))
    history = folder / HISTORY_FILE
    if history.is_file():
        used |= {r.cells["household_id"] for r in read_table(history, HISTORY_COLUMNS).rows}
    places_path = folder / PLACES_FILE
    table = read_table(places_path, PLACE_COLUMNS) if places_path.is_file() else None
    places = tuple(
        PlaceName(r.cells.get("id", ""), r.cells.get("name", ""), r.cells.get("district", ""))
        for r in (table.rows if table else ())
    )
    return Existing(people, placed, frozenset(used - {""}), places, table)


def new_ids(prefix: str, count: int, used: Iterable[str]) -> list[str]:
    """`count` ids `<prefix>0001`… that none of `used` has, lowest first."""
    taken = {int(m[2]) for m in map(_NUMBERED.match, used) if m and m[1] == prefix}
    found: list[str] = []
    number = 1
    while len(found) < count:
        if number not in taken:
            found.append(f"{prefix}{number:04d}")
        number += 1
    return found
