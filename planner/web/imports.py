"""An import of unit lists in progress: the uploaded archives and the clerk's decisions so far.

The archives are kept in an import folder of the workspace's state (never in the campaign) with
the clerk's decisions: confirmed column mappings, rows dropped to resolve a duplicate, places
picked for addresses that matched none. Each look at the page runs issue 13's `plan_import` on
them again, so what the page shows is exactly what `songnuan import` would say. Writing runs
`write_import` into a staging copy of the campaign, puts the picked places in, and keeps the
new tables only if they bring no problem of their own (`change_tables`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath

import openpyxl

from planner.intake.existing import HOUSEHOLDS_FILE, PLACES_FILE
from planner.intake.importer import ImportPlan, needed_for_folder, plan_import
from planner.intake.report import REPORT_FILE
from planner.intake.writing import write_import
from planner.problems import Problem
from planner.web.intake_bridge import TABLE_SUFFIXES
from planner.web.scenario_edit import change_tables
from planner.web.workspace import SAFE_NAME, NotFound, Workspace, scenario_files

IMPORTS, STATE_FILE = "imports", "import.json"
PLAIN_NAME = re.compile(r"^[\w\u3400-\u9fff（）()\-]{1,60}$")
MAX_ARCHIVES = 20


@dataclass
class ImportState:
    """The clerk's decisions on one import."""

    campaign: str
    archives: list[str]
    confirmed: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    add_places: bool = False
    dropped: list[str] = field(default_factory=list)


def start_import(workspace: Workspace, campaign: str, uploads: list[tuple[str, bytes]]) -> str:
    """Keep the uploaded archives in a new import folder; its token."""
    token = secrets.token_urlsafe(12).replace("-", "x").replace("_", "y")
    folder = workspace.state / IMPORTS / token
    folder.mkdir(parents=True)
    names = []
    for number, (filename, content) in enumerate(uploads[:MAX_ARCHIVES], start=1):
        names.append(_stored_name(folder, filename, number))
        (folder / names[-1]).write_bytes(content)
    save_state(folder, ImportState(campaign, names))
    return token


def import_folder(workspace: Workspace, campaign: str, token: str) -> Path:
    """The folder of import `token` of `campaign`; NotFound otherwise."""
    folder = workspace.state / IMPORTS / token
    if not SAFE_NAME.match(token) or not (folder / STATE_FILE).is_file():
        raise NotFound(token)
    if read_state(folder).campaign != campaign:
        raise NotFound(token)
    return folder


def read_state(folder: Path) -> ImportState:
    """The decisions recorded for an import."""
    return ImportState(**json.loads((folder / STATE_FILE).read_text(encoding="utf-8")))


def save_state(folder: Path, state: ImportState) -> None:
    """Record the decisions of an import."""
    text = json.dumps(asdict(state), ensure_ascii=False)
    (folder / STATE_FILE).write_text(text, encoding="utf-8")


def current_plan(folder: Path, campaign_folder: Path) -> ImportPlan:
    """What `songnuan import` would do with these archives and decisions (writes nothing)."""
    state = read_state(folder)
    sources = [str(folder / name) for name in state.archives]
    return plan_import(sources, campaign_folder, state.confirmed,
                       needed_for_folder(campaign_folder), add_places=state.add_places)


def drop_row(folder: Path, archive: str, row: int) -> None:
    """Leave one spreadsheet row out of the kept copy of an archive (resolving a duplicate)."""
    state = read_state(folder)
    file, _, sheet = archive.partition(":")
    if file not in state.archives:
        raise NotFound(archive)
    path = folder / file
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
        chosen = book[sheet] if sheet in book.sheetnames else visible[0]
        chosen.delete_rows(row)
        book.save(path)
    else:
        raw = path.read_bytes()
        encoding = "utf-8-sig" if _is_utf8(raw) else "gb18030"
        lines = raw.decode(encoding).splitlines(keepends=True)
        del lines[row - 1]
        path.write_bytes("".join(lines).encode(encoding))
    state.dropped.append(f"{archive}:{row}")
    save_state(folder, state)


def write_households(folder: Path, campaign_folder: Path) -> list[Problem]:
    """Write the import into the campaign if the new tables bring no problem of their own.

    Returns the problems left in other files (for the page to list); raises `ScenarioError`
    when the written households table itself has problems, the campaign then as it was.
    """
    state = read_state(folder)
    with tempfile.TemporaryDirectory(prefix=".import-", dir=campaign_folder.parent) as staging:
        copy = Path(staging)
        for item in scenario_files(campaign_folder):
            shutil.copy2(item, copy / item.name)
        plan = current_plan(folder, copy)
        plan_places = dict(zip((r.where for r in plan.records), plan.ids, strict=True))
        write_import(plan)
        picked = {plan_places[w]: p for w, p in state.places.items() if w in plan_places}
        if picked:
            _set_places(copy / HOUSEHOLDS_FILE, picked)
        names = [HOUSEHOLDS_FILE, REPORT_FILE] + ([PLACES_FILE] if plan.new_places else [])
        files = {name: (copy / name).read_bytes() for name in names}
    others = tuple(f"households{s}" for s in TABLE_SUFFIXES if f"households{s}" != HOUSEHOLDS_FILE)
    left = change_tables(campaign_folder, files, others)
    shutil.rmtree(folder)
    return left


def _set_places(path: Path, picked: dict[str, str]) -> None:
    """Put the places the clerk picked into the written table's 所在地点 column."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    if "所在地点" not in header:
        header.append("所在地点")
        for row in rows[1:]:
            row.append("")
    ids, places = header.index("编号"), header.index("所在地点")
    for row in rows[1:]:
        if row[ids] in picked:
            row[places] = picked[row[ids]]
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8-sig")


def _stored_name(folder: Path, filename: str, number: int) -> str:
    """The archive's own file name when it is a plain one (the report names it), else 名单N."""
    pure = PurePath(filename.replace("\\", "/"))
    suffix = pure.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        suffix = ".csv"
    stem = pure.stem if PLAIN_NAME.match(pure.stem) else f"名单{number}"
    name = f"{stem}{suffix}"
    return name if not (folder / name).exists() else f"{stem}-{number}{suffix}"


def _is_utf8(raw: bytes) -> bool:
    """Whether the bytes read as UTF-8."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
