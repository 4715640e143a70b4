"""An archive's rows as households in songnuan's fields, each wrong cell a problem at its place.

Values stay text, as the households table will hold them, except where the archive's form has
to change: ID numbers are normalised (full-width digits, spaces, a lower-case x) and checked by
GB 11643, and a note such as "2026年已慰问" in 备注 becomes 上次慰问年份, so that the rule
"households visited last year are left out in principle" applies to what the unit wrote down.
Problems name `archive:row:column` and never quote the cell.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from planner.idnumber import id_number_problem, normalise_id_number
from planner.intake.archives import Archive, ArchiveRow
from planner.intake.headers import FIELD_CHINESE, HeaderMapping
from planner.problems import Problem

REQUIRED = ("name", "unit", "category")
"""Fields every household needs from its archive (its id is given by the import)."""

DIGITS = frozenset({"id_number", "bank_card", "phone"})
"""Fields that must not have passed through a number cell."""

_VISITED = re.compile(r"((?:19|20)\d{2})\s*年[^，。,;；]{0,6}?(?:已|曾)?(?:慰问|走访)")
_TOTALS = frozenset({"合计", "总计", "小计"})


@dataclass(frozen=True)
class Record:
    """One household as read: where it came from, its fields, its other columns by header."""

    source: str
    row: int
    values: Mapping[str, str]
    extra: Mapping[str, str] = field(default_factory=dict)
    visited_from_notes: bool = False

    @property
    def where(self) -> str:
        """`archive:row`, for the report and the households table's 来源 column."""
        return f"{self.source}:{self.row}"


@dataclass(frozen=True)
class Records:
    """The households of one archive and the problems of its cells."""

    records: tuple[Record, ...]
    problems: tuple[Problem, ...]
    skipped_totals: int = 0


def to_records(archive: Archive, mapping: HeaderMapping) -> Records:
    """Each data row as a `Record`; rows of totals (合计) are left out and counted."""
    records, problems, totals = [], [], 0
    for row in archive.rows:
        values = {f: row.cells[i] for i, f in mapping.fields.items() if row.cells[i]}
        if "name" not in values and _is_totals(row):
            totals += 1
            continue
        problems += _cell_problems(archive, mapping, row, values)
        if "id_number" in values:
            values["id_number"] = normalise_id_number(values["id_number"])
        year = _visited_year(row, mapping)
        from_notes = year is not None and "last_visited_year" not in values
        if from_notes:
            values["last_visited_year"] = str(year)
        extra = {archive.headers[i]: row.cells[i] for i in _kept_indices(archive, mapping)}
        records.append(Record(archive.label, row.number, values, extra, from_notes))
    return Records(tuple(records), tuple(problems), totals)


def _kept_indices(archive: Archive, mapping: HeaderMapping) -> list[int]:
    kept = set(mapping.kept)
    return [i for i, header in enumerate(archive.headers) if header in kept]


def _is_totals(row: ArchiveRow) -> bool:
    return any(cell.replace(" ", "") in _TOTALS for cell in row.cells)


def _cell_problems(
    archive: Archive, mapping: HeaderMapping, row: ArchiveRow, values: Mapping[str, str]
) -> list[Problem]:
    """Missing required cells, digits that went through a number, bad ID numbers."""
    column = {f: archive.headers[i] for i, f in mapping.fields.items()}
    found = []
    for name in REQUIRED:
        if name in column and name not in values:
            message = f"不能为空：每一户都要填 {FIELD_CHINESE[name]}"
            found.append(Problem(archive.label, row.number, column[name], message))
    for index, name in mapping.fields.items():
        if name in DIGITS and name in values and index in row.numeric:
            message = "存成了数字，数字可能已丢失：请把这一列设成“文本”格式后重新填写"
            found.append(Problem(archive.label, row.number, column[name], message))
        elif name == "id_number" and name in values:
            problem = id_number_problem(values[name])
            if problem:
                found.append(Problem(archive.label, row.number, column[name], problem))
    return found


def _visited_year(row: ArchiveRow, mapping: HeaderMapping) -> int | None:
    """The latest year a note says the household was visited (2026年已慰问), if any."""
    years = [int(m[1]) for i in mapping.notes for m in _VISITED.finditer(row.cells[i])]
    return max(years) if years else None
