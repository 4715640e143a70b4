"""export(): all writers or nothing, a clear refusal to overwrite, and faults named by plugin."""

from __future__ import annotations

from pathlib import Path

import pluggy
import pytest

from planner.export import OutputExistsError, Register, export
from planner.hookspecs import hookimpl
from planner.plan import Plan
from planner.problems import PluginError


class ExtraForm:
    """A unit's own form, added through the hook the way a third-party plugin would."""

    @hookimpl
    def songnuan_register_writers(self, register: Register) -> None:
        register("extra-form", self.write)

    @staticmethod
    def write(plan: Plan, folder: Path) -> None:
        (folder / "extra.txt").write_text(f"{len(plan.routes)} routes\n", encoding="utf-8")


class BrokenWriter:
    """A plugin whose writer fails after the core writers have written their files."""

    @hookimpl
    def songnuan_register_writers(self, register: Register) -> None:
        register("broken", self.write)

    @staticmethod
    def write(plan: Plan, folder: Path) -> None:
        (folder / "half.txt").write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")


class DuplicateWriter:
    """A plugin that takes a name a core writer already uses."""

    @hookimpl
    def songnuan_register_writers(self, register: Register) -> None:
        register("calendars", ExtraForm.write)


class BrokenRegistration:
    """A plugin whose hook implementation itself raises."""

    @hookimpl
    def songnuan_register_writers(self, register: Register) -> None:
        raise ValueError("cannot find template")


def leftovers(folder: Path) -> list[str]:
    """Temporary folders export() left behind in `folder`."""
    return [path.name for path in folder.iterdir() if path.name.startswith(".songnuan-")]


def test_export_writes_every_core_file(
    plan: Plan, pm: pluggy.PluginManager, tmp_path: Path
) -> None:
    """The core writers produce every file a person uses, and plan.json."""
    out = tmp_path / "out"
    written = export(plan, out, pm)
    expected = [
        "allocation.xlsx",
        "calendars/leaders/李主席.ics",
        "calendars/leaders/王书记.ics",
        "calendars/t1.ics",
        "calendars/t2.ics",
        "csv/发放名单.csv",
        "csv/签领表.csv",
        "csv/走访安排.csv",
        "csv/送温暖统计表.csv",
        "csv/预算汇总.csv",
        "notice.html",
        "notice.xlsx",
        "plan.json",
        "report.html",
    ]
    assert written == [out / name for name in expected]
    assert all(path.is_file() for path in written)
    assert leftovers(tmp_path) == []


def test_hook_songnuan_register_writers(
    plan: Plan, pm: pluggy.PluginManager, tmp_path: Path
) -> None:
    """A plugin's registered writer runs and its file is part of the output."""
    pm.register(ExtraForm(), name="unit-form")
    written = export(plan, tmp_path / "out", pm)
    assert tmp_path / "out" / "extra.txt" in written
    assert (tmp_path / "out" / "extra.txt").read_text(encoding="utf-8") == "2 routes\n"


def test_failing_writer_leaves_nothing(
    plan: Plan, pm: pluggy.PluginManager, tmp_path: Path
) -> None:
    """A writer that raises leaves neither the output folder nor a temporary folder."""
    pm.register(BrokenWriter(), name="broken-plugin")
    with pytest.raises(PluginError) as caught:
        export(plan, tmp_path / "out", pm)
    assert caught.value.plugin == "broken-plugin"
    assert caught.value.hook == "songnuan_register_writers"
    assert "disk full" in str(caught.value)
    assert not (tmp_path / "out").exists()
    assert leftovers(tmp_path) == []


def test_existing_output_is_refused(plan: Plan, pm: pluggy.PluginManager, tmp_path: Path) -> None:
    """Without force an existing output folder is an error and stays as it was."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="already exists"):
        export(plan, out, pm)
    assert [path.name for path in out.iterdir()] == ["old.txt"]
    assert leftovers(tmp_path) == []


def test_force_replaces_output(plan: Plan, pm: pluggy.PluginManager, tmp_path: Path) -> None:
    """With force the old output is replaced as a whole: its stray files disappear."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    export(plan, out, pm, force=True)
    assert not (out / "old.txt").exists()
    assert (out / "plan.json").is_file()
    assert leftovers(tmp_path) == []


def test_force_keeps_old_output_when_a_writer_fails(
    plan: Plan, pm: pluggy.PluginManager, tmp_path: Path
) -> None:
    """With force, a failing writer leaves the previous output untouched."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    pm.register(BrokenWriter(), name="broken-plugin")
    with pytest.raises(PluginError):
        export(plan, out, pm, force=True)
    assert [path.name for path in out.iterdir()] == ["old.txt"]
    assert leftovers(tmp_path) == []


def test_duplicate_writer_name_names_plugin(
    plan: Plan, pm: pluggy.PluginManager, tmp_path: Path
) -> None:
    """Registering a writer name twice is a PluginError naming the second plugin and the first."""
    pm.register(DuplicateWriter(), name="copycat")
    with pytest.raises(PluginError, match="already registered by 'calendars'") as caught:
        export(plan, tmp_path / "out", pm)
    assert caught.value.plugin == "copycat"
    assert not (tmp_path / "out").exists()


def test_failing_registration_names_plugin(
    plan: Plan, pm: pluggy.PluginManager, tmp_path: Path
) -> None:
    """A hook implementation that raises is reported with its plugin's name, nothing written."""
    pm.register(BrokenRegistration(), name="no-template")
    with pytest.raises(PluginError, match="cannot find template") as caught:
        export(plan, tmp_path / "out", pm)
    assert caught.value.plugin == "no-template"
    assert not (tmp_path / "out").exists()
    assert leftovers(tmp_path) == []


def test_missing_parent_folder_is_created(
    plan: Plan, pm: pluggy.PluginManager, tmp_path: Path
) -> None:
    """An output path under folders that do not exist yet still works."""
    out = tmp_path / "runs" / "2027" / "out"
    export(plan, out, pm)
    assert (out / "plan.json").is_file()
