"""The import put together: archives → checked households → households.csv and a report.

`plan_import` reads and checks everything and writes nothing; `write_import` writes the tables
and `import-report.txt` of a plan without problems, all or nothing. Between the two a caller (the
CLI, the web application) shows the plan and its problems.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.intake.addresses import AddressBook, AddressMatch, PlaceName, parse_address
from planner.intake.archives import read_archive, split_source
from planner.intake.duplicates import Duplicate, find_duplicates, person_key
from planner.intake.existing import Existing, new_ids, read_existing
from planner.intake.headers import (
    FIELD_CHINESE,
    HeaderMapping,
    headers_of,
    is_known_header,
    map_headers,
    normalise_header,
    unknown_targets,
)
from planner.intake.records import REQUIRED, Record, to_records
from planner.load.yaml_source import SCENARIO_FILE, read_yaml
from planner.plugins import make_plugin_manager
from planner.problems import Problem, ScenarioError
from planner.rule_columns import NeededColumn, needed_columns

MAP_OPTION = "--map"


@dataclass(frozen=True)
class ArchiveRead:
    """One archive as read: its label, header row, mapping and how many households it gave."""

    label: str
    header_row: int
    mapping: HeaderMapping
    households: int
    totals_skipped: int


@dataclass(frozen=True)
class NewPlace:
    """A village that addresses name and places.csv lacks, added without coordinates."""

    id: str
    name: str
    district: str


@dataclass(frozen=True)
class ImportPlan:
    """What an import would write, and every problem that stops it."""

    folder: Path
    archives: tuple[ArchiveRead, ...]
    records: tuple[Record, ...]
    ids: tuple[str, ...]
    places: tuple[str, ...]
    unlocated: tuple[tuple[Record, AddressMatch], ...]
    new_places: tuple[NewPlace, ...]
    kept_ids: int
    missing: tuple[NeededColumn, ...]
    duplicates: tuple[Duplicate, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """Whether the plan can be written."""
        return not self.problems


def plan_import(
    sources: Sequence[str],
    folder: Path,
    confirmed: Mapping[str, str],
    needed: Sequence[NeededColumn],
    *,
    add_places: bool = False,
) -> ImportPlan:
    """Read every archive, map, check, find duplicates and places; write nothing."""
    problems: list[Problem] = [*_map_problems(confirmed)]
    reads: list[ArchiveRead] = []
    records: list[Record] = []
    header_sets: list[tuple[str, ...]] = []
    for source in sources:
        path, sheet = split_source(source)
        archive = read_archive(path, sheet, is_known_header)
        problems += archive.problems
        header_sets.append(archive.headers)
        if archive.problems:
            continue
        mapping = map_headers(archive.headers, confirmed)
        problems += _header_problems(archive.label, archive.header_row, mapping, needed)
        found = to_records(archive, mapping)
        problems += found.problems
        records += found.records
        reads.append(
            ArchiveRead(
                archive.label, archive.header_row, mapping, len(found.records), found.skipped_totals
            )
        )
    problems += _unseen_map_headers(confirmed, header_sets)
    duplicates = find_duplicates(records)
    problems += [Problem(d.again.source, d.again.row, None, d.message()) for d in duplicates]
    existing = read_existing(folder)
    ids, kept = _ids(records, existing)
    places, unlocated, added = _places(records, ids, existing, add_places)
    missing = tuple(
        n for n in needed if not any(n.field in r.mapping.fields.values() for r in reads)
    )
    return ImportPlan(
        folder,
        tuple(reads),
        tuple(records),
        ids,
        places,
        unlocated,
        added,
        kept,
        missing,
        tuple(duplicates),
        tuple(problems),
    )


def _map_problems(confirmed: Mapping[str, str]) -> list[Problem]:
    return [
        Problem(MAP_OPTION, None, target, "不是家庭表的列名（见 docs/scenario.md）")
        for target in unknown_targets(confirmed)
    ]


def _unseen_map_headers(
    confirmed: Mapping[str, str], headers: list[tuple[str, ...]]
) -> list[Problem]:
    seen = headers_of(headers)
    return [
        Problem(MAP_OPTION, None, header, "没有哪份档案有这一列")
        for header in confirmed
        if normalise_header(header) not in seen
    ]


def _header_problems(
    label: str, row: int, mapping: HeaderMapping, needed: Sequence[NeededColumn]
) -> list[Problem]:
    """Required columns missing, columns claimed twice, columns a rule needs."""
    mapped = set(mapping.fields.values())
    proposals = {field: header for header, field in mapping.proposed}
    found = []
    for field, first, second in mapping.twice:
        target = FIELD_CHINESE[field]
        message = f"{first} 和 {second} 都会当作 {target}：请用 {MAP_OPTION} 把其中一个设为 -"
        found.append(Problem(label, row, second, message))
    wanted = [(f, f"缺少列 {FIELD_CHINESE[f]}") for f in REQUIRED if f not in mapped]
    wanted += [(n.field, n.message()) for n in needed if n.field not in mapped]
    for field, message in wanted:
        if field in proposals:
            header = proposals[field]
            message += (
                f"；是不是 {header}？确认请加 {MAP_OPTION} {header}={FIELD_CHINESE[field]}"
            )
        found.append(Problem(label, row, FIELD_CHINESE[field], message))
    return found


def _ids(records: Sequence[Record], existing: Existing) -> tuple[tuple[str, ...], int]:
    """Each record's 编号: its existing one, else a new one nobody has used."""
    known = [existing.ids_by_person.get(person_key(r)) for r in records]
    fresh = iter(new_ids("H", sum(k is None for k in known), existing.used_ids))
    ids = tuple(k if k is not None else next(fresh) for k in known)
    return ids, sum(k is not None for k in known)


def _places(
    records: Sequence[Record], ids: Sequence[str], existing: Existing, add_places: bool
) -> tuple[tuple[str, ...], tuple[tuple[Record, AddressMatch], ...], tuple[NewPlace, ...]]:
    """Each record's place, the unlocated, and the villages to add.

    A place is the archive's own, else the one the address matches, else the one the clerk gave
    the household in the existing table (a re-import keeps that work).
    """
    known = list(existing.places)
    added: list[NewPlace] = []
    if add_places:
        added = _villages_to_add(records, known)
        known += [PlaceName(p.id, p.name, p.district) for p in added]
    book = AddressBook(known)
    places: list[str] = []
    unlocated = []
    for record, number in zip(records, ids, strict=True):
        given = record.values.get("place", "")
        kept = existing.place_by_id.get(number, "")
        has_xy = "x" in record.values and "y" in record.values
        if given or has_xy or not record.values.get("address"):
            places.append(given or ("" if has_xy else kept))
            continue
        match = book.match(record.values["address"])
        places.append(match.place or kept)
        if match.outcome != "matched" and not kept:
            unlocated.append((record, match))
    return tuple(places), tuple(unlocated), tuple(added)


def _villages_to_add(records: Sequence[Record], known: list[PlaceName]) -> list[NewPlace]:
    """The distinct villages (town and village named) that match no place, in reading order."""
    book = AddressBook(known)
    wanted: dict[tuple[str, str], None] = {}
    for record in records:
        address = record.values.get("address", "")
        if address and not record.values.get("place"):
            parsed = parse_address(address)
            if parsed.town and parsed.village and book.match(address).outcome == "unmatched":
                wanted[parsed.town, parsed.village] = None
    ids = new_ids("P", len(wanted), [p.id for p in known])
    return [NewPlace(i, village, town) for i, (town, village) in zip(ids, wanted, strict=True)]


def needed_for_folder(folder: Path) -> list[NeededColumn]:
    """The columns the rules of the folder's plugins (scenario.yaml campaign.plugins) need.

    Raises ScenarioError when the folder has no readable scenario.yaml, PluginError when a
    plugin named there is not installed.
    """
    doc = read_yaml(folder)
    campaign = doc.get("campaign") or {}
    plugins = campaign.get("plugins") if isinstance(campaign, dict) else None
    if not isinstance(plugins, list) or not plugins:
        message = "campaign.plugins 没有写单位插件（songnuan plugins 会列出可用的插件）"
        raise ScenarioError([Problem(SCENARIO_FILE, None, "campaign.plugins", message)])
    return needed_columns(make_plugin_manager([str(p) for p in plugins]))
