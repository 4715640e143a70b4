"""An archive's headers mapped to songnuan's households columns: by name, by synonym, or proposed.

Units name their columns as their own forms do (身份证号码, 工作单位, 家庭住址, 月收入, 联系方式).
A header is mapped when it is a songnuan header (Chinese or English) or a known synonym; a
header that is only *like* one (家庭人均月收入 and 家庭月收入) is proposed, never applied:
per-capita and household income differ, and a wrong column is worse than a missing one. The
clerk confirms or overrides with `--map 表头=列名` (`-` leaves a column out). Every mapping,
proposal and column left over is listed in the import report.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from planner.load.household_tables import HOUSEHOLD_COLUMNS

How = Literal["name", "synonym", "confirmed"]

SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("档案编号", "户编号"),
    "name": ("姓名", "名字", "职工姓名", "户主姓名"),
    "id_number": ("身份证号码", "身份证", "公民身份号码", "身份证件号码", "证件号码"),
    "bank_card": ("银行卡号", "银行账号", "卡号", "社保卡号", "银行卡"),
    "phone": ("联系电话", "联系方式", "电话", "手机", "手机号", "手机号码", "电话号码"),
    "unit": ("工作单位", "单位", "单位名称", "所在单位", "基层工会", "工会名称", "单位（工会）"),
    "address": ("家庭住址", "住址", "家庭地址", "现住址", "居住地址", "详细地址"),
    "category": ("困难类别", "慰问类别", "人员类别", "困难类型", "类型", "慰问对象类别"),
    "household_size": ("家庭人数", "家庭成员数", "人口", "家庭人口数"),
    "monthly_income": ("月收入", "家庭月收入", "家庭月总收入", "月均收入", "家庭收入"),
    "marital_status": ("婚姻状况", "婚姻"),
    "difficulty": ("困难程度", "困难等级"),
    "last_visited_year": ("上次慰问年份", "上年慰问年份"),
    "medical_cost": ("自负医药费", "自付医药费", "医药费自负"),
    "x": ("经度", "东经"),
    "y": ("纬度", "北纬"),
}
"""Headers offices use for each field, beside songnuan's own Chinese and English names."""

NOTES_HEADERS = ("备注", "说明", "备注说明")
"""Columns of free notes, kept as they are and read for last year's visit (2026年已慰问)."""

ROW_NUMBER_HEADERS = ("序号", "编号序号", "No.", "No")
"""Columns that only number the rows of one list: meaningless once lists are merged."""

IGNORE = "-"
"""`--map 表头=-`: leave the column out of the households table."""

_UNIT = re.compile(r"[（(][^)）]{1,6}[)）]$")

FIELD_CHINESE = {spec.field: spec.chinese for spec in HOUSEHOLD_COLUMNS}


def normalise_header(text: str) -> str:
    """Header spelling that ignores width, case, spaces, and a unit such as (元) at the end."""
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()
    return _UNIT.sub("", folded) if not _UNIT.fullmatch(folded) else folded


def _known_names() -> dict[str, str]:
    """Normalised header → field, for songnuan's own names and the synonyms."""
    names: dict[str, str] = {}
    for spec in HOUSEHOLD_COLUMNS:
        names[normalise_header(spec.chinese)] = spec.field
        names[normalise_header(spec.name)] = spec.field
    for field, words in SYNONYMS.items():
        for word in words:
            names.setdefault(normalise_header(word), field)
    return names


KNOWN = _known_names()
_SPECIAL = {normalise_header(h) for h in (*NOTES_HEADERS, *ROW_NUMBER_HEADERS)}


def is_known_header(text: str) -> bool:
    """Whether a cell reads as a header songnuan maps (for finding the header row)."""
    key = normalise_header(text)
    return bool(key) and (key in KNOWN or key in _SPECIAL)


def field_of(target: str) -> str | None:
    """The field a `--map` target names: a field, a Chinese or English header, a synonym."""
    if target in FIELD_CHINESE:
        return target
    return KNOWN.get(normalise_header(target))


@dataclass(frozen=True)
class HeaderMapping:
    """Which column of an archive fills which field, and what was left over.

    `fields` maps column index → field. `applied` lists (header, field, how); `proposed`
    (header, field) for close matches not applied; `kept` the headers kept as extra columns;
    `ignored` the headers left out (row numbers, `--map X=-`); `notes` the note columns.
    `twice` lists (field, first header, second header) where two columns claim one field.
    """

    fields: Mapping[int, str]
    applied: tuple[tuple[str, str, How], ...]
    proposed: tuple[tuple[str, str], ...]
    kept: tuple[str, ...]
    ignored: tuple[str, ...]
    notes: tuple[int, ...]
    twice: tuple[tuple[str, str, str], ...]


def map_headers(headers: Sequence[str], confirmed: Mapping[str, str]) -> HeaderMapping:
    """Map each header; `confirmed` (archive header → target or `-`) wins over everything."""
    confirmed_by_key = {normalise_header(k): v for k, v in confirmed.items()}
    fields: dict[int, str] = {}
    applied: list[tuple[str, str, How]] = []
    proposed, kept, ignored, notes, twice = [], [], [], [], []
    first_header: dict[str, str] = {}
    for index, header in enumerate(headers):
        key = normalise_header(header)
        if not key:
            continue
        field, how = _field(key, confirmed_by_key)
        if field == IGNORE or (field is None and key in map(normalise_header, ROW_NUMBER_HEADERS)):
            ignored.append(header)
        elif field is not None and field in first_header:
            twice.append((field, first_header[field], header))
        elif field is not None and how is not None:
            fields[index] = field
            first_header[field] = header
            applied.append((header, field, how))
        else:
            kept.append(header)
            if key in map(normalise_header, NOTES_HEADERS):
                notes.append(index)
            elif (guess := _close(key)) is not None:
                proposed.append((header, guess))
    return HeaderMapping(
        fields,
        tuple(applied),
        tuple(proposed),
        tuple(kept),
        tuple(ignored),
        tuple(notes),
        tuple(twice),
    )


def _field(key: str, confirmed: Mapping[str, str]) -> tuple[str | None, How | None]:
    """The field of a header and how it was found; (None, None) when it maps to none."""
    if key in confirmed:
        target = confirmed[key]
        return (IGNORE, None) if target == IGNORE else (field_of(target), "confirmed")
    if key in KNOWN:
        own = any(
            key == normalise_header(s.chinese) or key == normalise_header(s.name)
            for s in HOUSEHOLD_COLUMNS
        )
        return KNOWN[key], "name" if own else "synonym"
    return None, None


def _close(key: str) -> str | None:
    """The field whose name is most like `key` (a proposal, never applied)."""
    names = list(KNOWN)
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if close:
        return KNOWN[close[0]]
    inside = [name for name in names if len(name) >= 2 and name in key]
    return KNOWN[max(inside, key=len)] if inside else None


def unknown_targets(confirmed: Mapping[str, str]) -> list[str]:
    """`--map` targets that name no songnuan column (nor `-`)."""
    return [t for t in confirmed.values() if t != IGNORE and field_of(t) is None]


def headers_of(archives: Iterable[Sequence[str]]) -> set[str]:
    """Every normalised header of the archives, to find `--map` names that none has."""
    return {normalise_header(h) for headers in archives for h in headers}
