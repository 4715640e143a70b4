"""Change a campaign's scenario all or nothing: edit a copy, load it, and only then keep it.

Every form of the app and every upload goes through `change_scenario`: the new scenario.yaml and
tables are written into a staging copy of the folder and read with the same `load_scenario` the
CLI uses. When it reports problems they are raised and the campaign stays exactly as it was;
when it loads, the changed files replace the old ones. scenario.yaml is edited round-trip, so the
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
from planner.scenario import Scenario
from planner.web.workspace import scenario_files

YamlChange = Callable[[CommentedMap], None]
"""Edits the round-trip mapping of scenario.yaml in place."""


def change_scenario(
    folder: Path,
    edit: YamlChange | None = None,
    files: Mapping[str, bytes] | None = None,
    remove: tuple[str, ...] = (),
) -> Scenario:
    """Apply `edit` to scenario.yaml, write `files` and drop `remove`, if the result loads.

    `files` maps a file name the app chose (never one a user typed) to its new bytes. Raises the
    loader's `ScenarioError` when the changed scenario has problems; the folder is then
    untouched. Returns the loaded, changed scenario.
    """
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
        scenario = load_scenario(copy)
        _check_rule_options(scenario)
        for name, content in new.items():
            _replace(folder / name, content)
        for name in remove:
            if name not in new:
                (folder / name).unlink(missing_ok=True)
    return scenario.model_copy(update={"folder": folder})


def _check_rule_options(scenario: Scenario) -> None:
    """Raise the plugins' option problems as the loader raises its own."""
    try:
        problems = check_options(scenario, make_plugin_manager(scenario.campaign.plugins))
    except PluginError as error:
        problems = [Problem(SCENARIO_FILE, None, "campaign.plugins", str(error))]
    if problems:
        raise ScenarioError(problems)


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
