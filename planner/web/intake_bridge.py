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
from planner.web.scenario_edit import change_scenario

TABLE_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the suffix of the name it had (its only part the app uses) and bytes."""

    suffix: str
    content: bytes


def accept_archives(folder: Path, table: str, uploads: list[Upload]) -> int:
    """Make `uploads` the scenario's `table` (households, places or roads); rows now in it.

    Raises `ScenarioError` (the loader's problems, or what is wrong with the upload) and leaves
    the folder as it was when the scenario would not load with the new table.
    """
    if len(uploads) != 1:
        message = "一次请上传一个已按 songnuan 列名整理好的表格（多份单位名单的合并导入尚未接入）"
        raise ScenarioError([Problem(f"{table}.csv", None, None, message)])
    upload = uploads[0]
    if upload.suffix not in TABLE_SUFFIXES:
        message = "只接受 .csv 或 .xlsx 文件"
        raise ScenarioError([Problem(f"{table}{upload.suffix}", None, None, message)])
    name = f"{table}{upload.suffix}"
    others = tuple(f"{table}{s}" for s in TABLE_SUFFIXES if s != upload.suffix)
    scenario = change_scenario(folder, files={name: upload.content}, remove=others)
    return {"households": len(scenario.households), "places": len(scenario.places),
            "roads": len(scenario.roads)}[table]
