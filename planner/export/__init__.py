"""Plan → files: run every registered writer, all or nothing.

Writers are plugins (`songnuan_register_writers`), so a unit can add its own form beside the
core ones. They all write into one temporary folder next to `out`; only when every writer has
succeeded is that folder moved into place with a rename, so the office never finds a folder
where the calendars are new and the sign-off sheet is missing or stale.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pluggy

from planner.atomic_folder import OutputExistsError, write_folder
from planner.plan import Plan
from planner.plugins import each_plugin
from planner.problems import PluginError

__all__ = ["OutputExistsError", "export"]

HOOK = "songnuan_register_writers"

Writer = Callable[[Plan, Path], None]
"""A writer: given the plan and a folder, it creates its files in that folder."""

Register = Callable[[str, Writer], None]
"""The `register` callback a writer plugin receives in `songnuan_register_writers`."""

SENSITIVE_FILES = ("allocation.xlsx", "csv/发放名单.csv")
"""The files with bank card numbers: created readable by their owner only, and kept so."""


@dataclass(frozen=True)
class _Registered:
    """A writer and the plugin that registered it, to name the plugin when the writer fails."""

    name: str
    plugin: str
    write: Writer


def export(
    plan: Plan,
    out: Path,
    pm: pluggy.PluginManager,
    *,
    force: bool = False,
    also: Sequence[Writer] = (),
) -> list[Path]:
    """Write every registered writer's files into `out`; return the files written, sorted.

    `also` are the command's own writers (re-planning's changes.csv), run after the plugins'
    in the same temporary folder, so their files appear all or nothing with the rest.
    Raises `OutputExistsError` when `out` exists and `force` is false, and `PluginError` naming
    the plugin when a writer cannot be registered or raises; either way `out` stays as it was
    and no temporary folder is left behind.
    """
    writers = _collect_writers(pm)

    def fill(folder: Path) -> None:
        for writer in writers:
            _run_writer(writer, plan, folder)
        for write in also:
            write(plan, folder)

    return write_folder(out, fill, force=force, private=SENSITIVE_FILES)


def _collect_writers(pm: pluggy.PluginManager) -> list[_Registered]:
    """Ask each plugin for its writers, one plugin at a time so each writer knows its plugin.

    The hook goes through pluggy (`each_plugin`), in registration order: the core writers first.
    """
    writers: dict[str, _Registered] = {}
    for plugin, caller in reversed(list(each_plugin(pm, HOOK))):
        caller(register=_registrar(plugin, writers))
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
