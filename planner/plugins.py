"""The one PluginManager: core output writers plus organisation plugins from entry points.

Organisation rules (the built-in `union`, `school` … and any third-party package) all arrive the
same way, through the `songnuan` entry-point group, so the built-ins walk the road plugin authors
take. A scenario names the organisation plugins it uses in `campaign.plugins`; the core writers are
always on. A user can leave any plugin out by name (`--disable-plugin`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from importlib.metadata import entry_points

import pluggy

from planner import hookspecs
from planner.problems import PluginError

CORE_PLUGINS: tuple[tuple[str, str], ...] = (
    ("plan-json", "planner.export.plan_json"),
    ("calendars", "planner.export.calendars"),
    ("workbook", "planner.export.workbook"),
)
"""Output writers that every run has: (name, dotted module path)."""


def available_plugins() -> dict[str, str]:
    """Organisation plugins installed in the `songnuan` entry-point group: name → module."""
    return {ep.name: ep.value for ep in entry_points(group=hookspecs.PROJECT)}


def make_plugin_manager(
    enabled: Iterable[str] | None = None, disabled: Iterable[str] = ()
) -> pluggy.PluginManager:
    """Build the manager with the core writers and the named organisation plugins.

    `enabled=None` loads every installed plugin (for `songnuan plugins`); otherwise only those
    named, and a name that is not installed is an error. `disabled` wins over both.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    blocked = set(disabled)
    for name in blocked:
        pm.set_blocked(name)
    for name, module in CORE_PLUGINS:
        if name not in blocked:
            pm.register(importlib.import_module(module), name=name)
    installed = available_plugins()
    wanted = list(installed) if enabled is None else list(enabled)
    for name in wanted:
        if name in blocked:
            continue
        if name not in installed:
            known = ", ".join(sorted(installed)) or "none"
            raise PluginError(name, "load", f"not installed (installed plugins: {known})")
        try:
            module_obj = importlib.import_module(installed[name])
        except Exception as exc:
            raise PluginError(name, "load", f"{type(exc).__name__}: {exc}") from exc
        pm.register(module_obj, name=name)
    return pm


def hooks_of(pm: pluggy.PluginManager) -> dict[str, list[str]]:
    """Each registered plugin's name with the hooks it implements, for `songnuan plugins`."""
    result: dict[str, list[str]] = {}
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        hooks = [caller.name for caller in pm.get_hookcallers(plugin) or []]
        result[name] = sorted(hooks)
    return result
