"""The archive page's one seam to the way in (issue 13's `planner.intake`).

`accept_archives` is what the upload page calls with the files a clerk chose. Until the intake
library (column mapping with proposals, duplicates across lists, address matching) is wired in
here, it takes one households table already in songnuan's own columns (CSV in any accepted
encoding, or XLSX) and checks it with the scenario loader, all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner.problems import Problem, ScenarioError
from planner.web.scenario_edit import change_tables

TABLE_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the suffix of the name it had (its only part the app uses) and bytes."""

    suffix: str
    content: bytes


def accept_archives(folder: Path, uploads: dict[str, list[Upload]]) -> list[Problem]:
    """Make each upload its scenario table (households, places or roads), all at once.

    Raises `ScenarioError` when an uploaded table has problems (the folder is then as it was).
    Returns the problems the new tables leave in the other files (a team's depot not among the
    new places), which the clerk fixes next.
    """
    files: dict[str, bytes] = {}
    remove: list[str] = []
    for table, given in uploads.items():
        if len(given) != 1:
            message = "每种表一次上传一个已按 songnuan 列名整理好的文件（多份名单合并导入尚未接入）"
            raise ScenarioError([Problem(f"{table}.csv", None, None, message)])
        upload = given[0]
        if upload.suffix not in TABLE_SUFFIXES:
            message = "只接受 .csv 或 .xlsx 文件"
            raise ScenarioError([Problem(f"{table}{upload.suffix}", None, None, message)])
        files[f"{table}{upload.suffix}"] = upload.content
        remove += [f"{table}{s}" for s in TABLE_SUFFIXES if s != upload.suffix]
    return change_tables(folder, files, tuple(remove))
