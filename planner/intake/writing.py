"""An import plan written into the scenario folder: households.csv, places.csv, the report.

Tables are CSV in UTF-8 with a BOM, so Excel and WPS show the Chinese, with songnuan's Chinese
headers. A cell that a spreadsheet would run as a formula (=, +, -, @ first) is written with a
leading apostrophe, so no formula from an archive reaches a sheet. Every file is written aside
and moved into place only when all of them were written: nothing is half-written.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Sequence
from pathlib import Path

from planner.intake.existing import HOUSEHOLDS_FILE, PLACES_FILE
from planner.intake.importer import ImportPlan, NewPlace
from planner.intake.report import REPORT_FILE, report_lines
from planner.load.household_tables import HOUSEHOLD_COLUMNS
from planner.load.network_tables import PLACE_COLUMNS

SOURCE_COLUMN = "来源"
"""The archive and row each household came from, for the clerk to trace it back."""

_FORMULA = re.compile(r"^[=+\-@]")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


class ImportNotReady(ValueError):
    """`write_import` was given a plan that still has problems."""


def write_import(plan: ImportPlan) -> list[Path]:
    """Write the plan's tables and report; ImportNotReady if it has problems."""
    if not plan.ok:
        raise ImportNotReady(f"还有 {len(plan.problems)} 个问题，请先改正")
    files = {HOUSEHOLDS_FILE: _csv_text(*_households(plan))}
    if plan.new_places:
        files[PLACES_FILE] = _places_text(plan.folder / PLACES_FILE, plan.new_places)
    files[REPORT_FILE] = "\n".join(report_lines(plan)) + "\n"
    staged = []
    try:
        for name, text in files.items():
            partial = plan.folder / f".{name}.importing"
            partial.write_text(text, encoding="utf-8-sig" if name.endswith(".csv") else "utf-8")
            staged.append((partial, plan.folder / name))
    except OSError:
        for partial, _ in staged:
            partial.unlink(missing_ok=True)
        raise
    for partial, target in staged:
        os.replace(partial, target)
    return [target for _, target in staged]


def _households(plan: ImportPlan) -> tuple[list[str], list[list[str]]]:
    """Header and rows: 编号, songnuan's columns the archives fill, kept columns, 来源."""
    present = {"place"} | {f for r in plan.records for f in r.values}  # 所在地点 for the clerk
    fields = ["id", *(s.field for s in HOUSEHOLD_COLUMNS if s.field in present and s.field != "id")]
    extras = list(dict.fromkeys(h for r in plan.records for h in r.extra))
    header = [_chinese(f) for f in fields] + extras + [SOURCE_COLUMN]
    rows = []
    for record, number, place in zip(plan.records, plan.ids, plan.places, strict=True):
        values = {**record.values, "id": number, "place": place or record.values.get("place", "")}
        row = [values.get(f, "") for f in fields] + [record.extra.get(h, "") for h in extras]
        rows.append([*row, record.where])
    return header, rows


def _chinese(field: str) -> str:
    return next(s.chinese for s in HOUSEHOLD_COLUMNS if s.field == field)


def _safe(cell: str) -> str:
    """A cell no spreadsheet runs as a formula."""
    return "'" + cell if _FORMULA.match(cell) and not _NUMBER.match(cell) else cell


def _csv_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_safe(c) for c in header])
    writer.writerows([_safe(c) for c in row] for row in rows)
    return buffer.getvalue()


def _kind(village: str) -> str:
    """社区 for a community, 村 for a village, as places.csv's 类型 writes them."""
    return "社区" if village.endswith(("社区", "居委会")) else "村"


def _places_text(path: Path, added: Sequence[NewPlace]) -> str:
    """places.csv with the new villages appended (coordinates left for the clerk)."""
    if path.is_file():
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        rows = list(csv.reader(io.StringIO(text)))
    else:
        rows = [[spec.chinese for spec in PLACE_COLUMNS]]
    header = rows[0] if rows else [spec.chinese for spec in PLACE_COLUMNS]
    position = {
        spec.field: header.index(name)
        for spec in PLACE_COLUMNS
        for name in (spec.chinese, spec.name)
        if name in header
    }
    for place in added:
        row = [""] * len(header)
        values = {
            "id": place.id,
            "name": place.name,
            "district": place.district,
            "kind": _kind(place.name),
        }
        for field, value in values.items():
            if field in position:
                row[position[field]] = value
        rows.append(row)
    return _csv_text(rows[0], rows[1:])
