"""The one PluginManager: core output writers plus organisation plugins from entry points.

Organisation rules (the built-in `union`, `school` … and any third-party package) all arrive the
same way, through the `songnuan` entry-point group, so the built-ins walk the road plugin authors
take. A scenario names the organisation plugins it uses in `campaign.plugins`; the core writers are
always on. A user can leave any plugin out by name (`--disable-plugin`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from importlib.metadata import entry_points
from typing import Any, TypeVar

import pluggy

from planner import hookspecs
from planner.problems import PluginError

CORE_PLUGINS: tuple[tuple[str, str], ...] = (
    ("plan-json", "planner.export.plan_json"),
    ("calendars", "planner.export.calendars"),
    ("workbook", "planner.export.workbook"),
    ("notice", "planner.export.notice"),
    ("report", "planner.export.report"),
)
"""Output writers that every run has: (name, dotted module path)."""

T = TypeVar("T")


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


def _results(
    pm: pluggy.PluginManager, hook: str, kwargs: dict[str, Any]
) -> Iterator[tuple[str, Any]]:
    """Call the implementations of `hook` one by one, in pluggy's order, naming each plugin.

    pluggy itself would let a plugin's exception through without saying whose it was; calling
    the implementations one by one lets every failure name the plugin and the hook, which is what
    a plugin author needs to see. Results that are None are left out.
    """
    for impl in reversed(getattr(pm.hook, hook).get_hookimpls()):
        args = {name: kwargs[name] for name in impl.argnames}
        try:
            value = impl.function(**args)
        except Exception as exc:
            message = f"raised {type(exc).__name__}: {exc}"
            raise PluginError(impl.plugin_name, hook, message) from exc
        if value is not None:
            yield impl.plugin_name, value


def call_each(
    pm: pluggy.PluginManager, hook: str, expected: type[T], **kwargs: Any
) -> list[tuple[str, T]]:
    """Every non-None result of a collected hook with its plugin's name, each type-checked."""
    return [
        (name, checked(name, hook, value, expected)) for name, value in _results(pm, hook, kwargs)
    ]


def call_first(pm: pluggy.PluginManager, hook: str, expected: type[T], **kwargs: Any) -> T | None:
    """The first non-None result of a `firstresult` hook, checked to be of the `expected` type."""
    for name, value in _results(pm, hook, kwargs):
        return checked(name, hook, value, expected)
    return None


def checked(plugin: str, hook: str, value: object, expected: type[T]) -> T:
    """`value` if it is an `expected`, else a PluginError naming the plugin and the hook.

    A bool is not accepted where a number is expected, although Python counts it as an int.
    """
    if (isinstance(value, bool) and expected is not bool) or not isinstance(value, expected):
        raise PluginError(
            plugin, hook, f"returned {type(value).__name__}, expected {expected.__name__} or None"
        )
    return value
