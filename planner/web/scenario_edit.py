"""Change a campaign's scenario all or nothing: edit a copy, load it, and only then keep it.

Every form of the app and every upload goes through `change_scenario`: the new scenario.yaml and
tables are written into a staging copy of the folder and read with the same `load_scenario` the
CLI uses. When the change brings problems they are raised and the campaign stays exactly as it
was; otherwise the changed files replace the old ones. scenario.yaml is edited round-trip, so the
comments and key order an office (or `init`) wrote stay in place.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from planner.load import load_scenario
from planner.load.yaml_source import SCENARIO_FILE, read_yaml
from planner.plugins import make_plugin_manager
from planner.problems import PluginError, Problem, ScenarioError
from planner.rules import check_options
from planner.web.workspace import scenario_files

YamlChange = Callable[[CommentedMap], None]
"""Edits the round-trip mapping of scenario.yaml in place."""


def change_scenario(
    folder: Path,
    edit: YamlChange | None = None,
    files: Mapping[str, bytes] | None = None,
    remove: tuple[str, ...] = (),
) -> list[Problem]:
    """Apply `edit` to scenario.yaml, write `files` and drop `remove`, unless that adds problems.

    `files` maps a file name the app chose (never one a user typed) to its new bytes. Raises
    `ScenarioError` with the problems the change would bring that the scenario did not have
    before; the folder is then untouched. A campaign is filled in step by step, so problems it
    had already (a team's depot not yet among the places) do not block another step: they are
    returned, for the page to list.
    """
    before = {_what(problem) for problem in problems_of(folder)}
    new = dict(files or {})
    if edit is not None:
        doc = read_yaml(folder)
        edit(doc)
        new[SCENARIO_FILE] = dump_yaml(doc).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix=".staging-", dir=folder.parent) as staging:
        copy = Path(staging)
        for item in scenario_files(folder):
            if item.name not in remove:
                shutil.copy2(item, copy / item.name)
        for name, content in new.items():
            (copy / name).write_bytes(content)
        after = problems_of(copy)
    brought = [problem for problem in after if _what(problem) not in before]
    if brought:
        raise ScenarioError(brought)
    for name, content in new.items():
        _replace(folder / name, content)
    for name in remove:
        if name not in new:
            (folder / name).unlink(missing_ok=True)
    return after


def problems_of(folder: Path) -> list[Problem]:
    """Every problem of the scenario in `folder`: the loader's, then the plugins' options'."""
    try:
        scenario = load_scenario(folder)
    except ScenarioError as error:
        return list(error.problems)
    try:
        return check_options(scenario, make_plugin_manager(scenario.campaign.plugins))
    except PluginError as error:
        return [Problem(SCENARIO_FILE, None, "campaign.plugins", str(error))]


def _what(problem: Problem) -> tuple[str, str | None, str]:
    """A problem without its row, which an edit above it may shift."""
    return problem.file, problem.column, problem.message


def change_tables(
    folder: Path, files: Mapping[str, bytes], remove: tuple[str, ...] = ()
) -> list[Problem]:
    """Replace tables: refused when the new files themselves have problems, kept otherwise.

    A new table may leave other files wrong for a while — new places.csv without the place a
    team starts from — since a clerk uploads one table after another; those problems are
    returned for the page to list, and the uploaded tables are kept. Raises `ScenarioError`
    (folder untouched) when any problem lies in an uploaded file.
    """
    try:
        return change_scenario(folder, files=files, remove=remove)
    except ScenarioError as error:
        own = [p for p in error.problems if p.file in files]
        if own:
            raise ScenarioError(own) from None
        others = list(error.problems)
    for name, content in files.items():
        _replace(folder / name, content)
    for name in remove:
        if name not in files:
            (folder / name).unlink(missing_ok=True)
    return others


def dump_yaml(doc: CommentedMap) -> str:
    """scenario.yaml text, round-trip, in the style the bundled scenarios use."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    yaml.width = 100
    text = io.StringIO()
    yaml.dump(doc, text)
    return text.getvalue()


def _replace(path: Path, content: bytes) -> None:
    """Write a file by renaming a finished copy over it, so a reader never sees half of it."""
    part = path.with_name(f".{path.name}.part")
    part.write_bytes(content)
    os.replace(part, path)
