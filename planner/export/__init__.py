"""Plan → files: run every registered writer, all or nothing.

Writers are plugins (`songnuan_register_writers`), so a unit can add its own form beside the
core ones. They all write into one temporary folder next to `out`; only when every writer has
succeeded is that folder moved into place with a rename, so the office never finds a folder
where the calendars are new and the sign-off sheet is missing or stale.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pluggy

from planner.plan import Plan
from planner.problems import PluginError

__all__ = ["OutputExistsError", "export"]

HOOK = "songnuan_register_writers"
TEMP_PREFIX = ".songnuan-"

Writer = Callable[[Plan, Path], None]
"""A writer: given the plan and a folder, it creates its files in that folder."""

Register = Callable[[str, Writer], None]
"""The `register` callback a writer plugin receives in `songnuan_register_writers`."""


class OutputExistsError(FileExistsError):
    """The output folder exists and the caller did not ask to replace it."""

    def __init__(self, out: Path) -> None:
        super().__init__(f"{out} already exists; choose another folder or replace it with force")
        self.out = out


@dataclass(frozen=True)
class _Registered:
    """A writer and the plugin that registered it, to name the plugin when the writer fails."""

    name: str
    plugin: str
    write: Writer


def export(plan: Plan, out: Path, pm: pluggy.PluginManager, *, force: bool = False) -> list[Path]:
    """Write every registered writer's files into `out`; return the files written, sorted.

    Raises `OutputExistsError` when `out` exists and `force` is false, and `PluginError` naming
    the plugin when a writer cannot be registered or raises; either way `out` stays as it was
    and no temporary folder is left behind.
    """
    out = Path(out)
    if out.exists() and not force:
        raise OutputExistsError(out)
    writers = _collect_writers(pm)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=TEMP_PREFIX))
    _as_a_plain_folder(staging)
    try:
        for writer in writers:
            _run_writer(writer, plan, staging)
        written = sorted(out / path.relative_to(staging) for path in _files_under(staging))
        _move_into_place(staging, out, force=force)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def _collect_writers(pm: pluggy.PluginManager) -> list[_Registered]:
    """Ask each plugin for its writers, one plugin at a time so each writer knows its plugin."""
    writers: dict[str, _Registered] = {}
    for impl in pm.hook.songnuan_register_writers.get_hookimpls():
        plugin = pm.get_name(impl.plugin) or impl.plugin_name
        register = _registrar(plugin, writers)
        arguments: dict[str, Any] = {"register": register}
        try:
            impl.function(*(arguments[name] for name in impl.argnames))
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(plugin, HOOK, f"{type(exc).__name__}: {exc}") from exc
    return list(writers.values())


def _registrar(plugin: str, writers: dict[str, _Registered]) -> Register:
    """The `register` callback handed to one plugin: checks the name and the writer."""

    def register(name: str, write: Writer) -> None:
        if not isinstance(name, str) or not name:
            raise PluginError(plugin, HOOK, f"writer name must be a non-empty string, got {name!r}")
        if not callable(write):
            raise PluginError(plugin, HOOK, f"writer {name!r} is not callable: {write!r}")
        if name in writers:
            first = writers[name].plugin
            raise PluginError(plugin, HOOK, f"writer {name!r} is already registered by {first!r}")
        writers[name] = _Registered(name=name, plugin=plugin, write=write)

    return register


def _run_writer(writer: _Registered, plan: Plan, folder: Path) -> None:
    """Run one writer; any exception becomes a PluginError naming its plugin."""
    try:
        writer.write(plan, folder)
    except Exception as exc:
        message = f"writer {writer.name!r} failed: {type(exc).__name__}: {exc}"
        raise PluginError(writer.plugin, HOOK, message) from exc


def _files_under(folder: Path) -> list[Path]:
    """Every file below `folder`, at any depth."""
    return [path for path in folder.rglob("*") if path.is_file()]


def _as_a_plain_folder(folder: Path) -> None:
    """Give the staging folder the permissions `mkdir` would, not mkdtemp's owner-only 0700.

    The output is shared with colleagues (calendars for team leaders); the one sensitive sheet
    is protected by where the office keeps the folder, as its other files are.
    """
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def _move_into_place(staging: Path, out: Path, *, force: bool) -> None:
    """Rename the finished folder to `out`; with force, the old `out` goes only once that worked.

    The old output is first renamed aside (not deleted), so a failing rename can put it back:
    at every moment `out` is either the complete old output or the complete new one.
    """
    if not out.exists() and not out.is_symlink():
        os.rename(staging, out)
        return
    if not force:
        raise OutputExistsError(out)
    aside = Path(tempfile.mkdtemp(dir=out.parent, prefix=TEMP_PREFIX + "old-")) / out.name
    os.rename(out, aside)
    try:
        os.rename(staging, out)
    except BaseException:
        os.rename(aside, out)
        raise
    finally:
        if aside.exists() or aside.is_symlink():
            _remove(aside)
        aside.parent.rmdir()


def _remove(path: Path) -> None:
    """Delete a replaced output, whether it was a folder, a file or a link."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
