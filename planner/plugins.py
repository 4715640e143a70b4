"""The one PluginManager: core output writers plus organisation plugins from entry points.

Organisation rules (the built-in `union`, `school` … and any third-party package) all arrive the
same way, through the `songnuan` entry-point group, so the built-ins walk the road plugin authors
take. A scenario names the organisation plugins it uses in `campaign.plugins`; the core writers are
always on. A user can leave any plugin out by name (`--disable-plugin`).

Hooks are called the way pluggy calls them (`pm.hook.<name>(...)`), so a plugin's own
`wrapper=True` implementation and pluggy's tracing work. pluggy lets a plugin's exception through
without saying whose it was; the outermost wrapper of every hook, registered here as the plugin
`GUARD`, turns it into a `PluginError` naming the plugin and the hook.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Generator, Iterable, Iterator
from importlib.metadata import EntryPoint, entry_points
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

GUARD = "songnuan-guard"
"""The name of the wrapper that names the plugin behind an exception; not listed to users."""

T = TypeVar("T")


def make_plugin_manager(
    enabled: Iterable[str] | None = None, disabled: Iterable[str] = ()
) -> pluggy.PluginManager:
    """Build the manager with the core writers and the named organisation plugins.

    `enabled=None` loads every installed plugin (for `songnuan plugins`); otherwise only those
    named, and a name that is not installed is an error. `disabled` wins over both. Entry points
    are loaded with `EntryPoint.load()`, so `module` and `module:attribute` both work.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    blocked = set(disabled)
    for name in blocked:
        pm.set_blocked(name)
    for name, module in CORE_PLUGINS:
        if name not in blocked:
            pm.register(importlib.import_module(module), name=name)
    installed = {ep.name: ep for ep in _entry_points()}
    wanted = list(installed) if enabled is None else list(enabled)
    for name in wanted:
        if name in blocked:
            continue
        if name not in installed:
            known = ", ".join(sorted(installed)) or "none"
            raise PluginError(name, "load", f"not installed (installed plugins: {known})")
        try:
            plugin = installed[name].load()
        except Exception as exc:
            raise PluginError(name, "load", f"{type(exc).__name__}: {exc}") from exc
        pm.register(plugin, name=name)
    pm.register(_Guard(pm), name=GUARD)
    return pm


def available_plugins() -> dict[str, str]:
    """Organisation plugins installed in the `songnuan` entry-point group: name → target."""
    return {ep.name: ep.value for ep in _entry_points()}


def _entry_points() -> tuple[EntryPoint, ...]:
    return tuple(entry_points(group=hookspecs.PROJECT))


def hooks_of(pm: pluggy.PluginManager) -> dict[str, list[str]]:
    """Each registered plugin's name with the hooks it implements, for `songnuan plugins`."""
    result: dict[str, list[str]] = {}
    for name, plugin in pm.list_name_plugin():
        if plugin is None or name == GUARD:
            continue
        hooks = [caller.name for caller in pm.get_hookcallers(plugin) or []]
        result[name] = sorted(hooks)
    return result


class _Guard:
    """The outermost wrapper of every hook: an exception becomes a PluginError naming its plugin.

    Its methods (one per hookspec, made below) take no arguments, so pluggy hands them none.
    """

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.pm = pm


def _guard(hook: str) -> Callable[[_Guard], Generator[None, Any, Any]]:
    @hookspecs.hookimpl(wrapper=True, tryfirst=True)
    def guard(self: _Guard) -> Generator[None, Any, Any]:
        try:
            return (yield)
        except PluginError:
            raise
        except Exception as exc:
            plugin = culprit(self.pm, hook, exc)
            raise PluginError(plugin, hook, f"raised {type(exc).__name__}: {exc}") from exc

    guard.__name__ = guard.__qualname__ = hook
    return guard


HOOKS = tuple(name for name in vars(hookspecs) if name.startswith(hookspecs.PROJECT + "_"))
"""The names of every hookspec."""

for _hook in HOOKS:
    setattr(_Guard, _hook, _guard(_hook))


def culprit(pm: pluggy.PluginManager, hook: str, exc: BaseException) -> str:
    """The plugin whose implementation of `hook` the exception came out of.

    pluggy calls the implementations from one frame, so the outermost frame of the traceback
    that runs an implementation's code is the one that raised or called what raised.
    """
    plugins = {_code(impl.function): impl.plugin_name for impl in _impls(pm, hook)}
    trace = exc.__traceback__
    while trace is not None:
        found = plugins.get(trace.tb_frame.f_code)
        if found is not None:
            return found
        trace = trace.tb_next
    return "unknown"


def _code(function: Callable[..., object]) -> object:
    return getattr(getattr(function, "__func__", function), "__code__", None)


def _impls(pm: pluggy.PluginManager, hook: str) -> list[pluggy.HookImpl]:
    """The implementations of `hook` other than the guard, in the order pluggy calls them."""
    impls = getattr(pm.hook, hook).get_hookimpls()
    return [impl for impl in reversed(impls) if impl.plugin_name != GUARD]


def each_plugin(pm: pluggy.PluginManager, hook: str) -> Iterator[tuple[str, pluggy.HookCaller]]:
    """`hook` as called for one plugin at a time, with its name, in pluggy's order.

    For the few calls whose results belong to a plugin (its options, its writers): every
    wrapper still wraps the call, only the other plugins' ordinary implementations are left out.
    """
    deciders = [impl for impl in _impls(pm, hook) if not (impl.wrapper or impl.hookwrapper)]
    for impl in deciders:
        others = [other.plugin for other in deciders if other.plugin is not impl.plugin]
        yield impl.plugin_name, pm.subset_hook_caller(hook, remove_plugins=others)


def ask(pm: pluggy.PluginManager, hook: str, expected: type[T], **kwargs: Any) -> T | None:
    """The answer of a `firstresult` hook, checked to be an `expected` or None."""
    value = getattr(pm.hook, hook)(**kwargs)
    if value is None or _is(value, expected):
        return value  # type: ignore[no-any-return]
    raise _wrong(pm, hook, expected, kwargs)


def gather(pm: pluggy.PluginManager, hook: str, expected: type[T], **kwargs: Any) -> list[T]:
    """Every non-None answer of a collected hook, in plugin order, each checked."""
    values = getattr(pm.hook, hook)(**kwargs)
    if isinstance(values, list) and all(_is(value, expected) for value in values):
        return values
    raise _wrong(pm, hook, expected, kwargs)


def _is(value: object, expected: type) -> bool:
    """A bool is not accepted where a number is expected, although Python counts it as an int."""
    return isinstance(value, expected) and not (isinstance(value, bool) and expected is not bool)


def _wrong(
    pm: pluggy.PluginManager, hook: str, expected: type, kwargs: dict[str, Any]
) -> Exception:
    """A PluginError naming the plugin that answered with something other than an `expected`.

    The results of a hook do not say whose they are, so only on this error path the hook is
    asked again, plugin by plugin, to find the one that gave the wrong answer.
    """
    for plugin, caller in each_plugin(pm, hook):
        answer = caller(**kwargs)
        for value in answer if isinstance(answer, list) else [answer]:
            if value is not None and not _is(value, expected):
                message = f"returned {type(value).__name__}, expected {expected.__name__} or None"
                return PluginError(plugin, hook, message)
    message = f"a wrapper returned something other than {expected.__name__}"
    return PluginError("unknown", hook, message)


def checked(plugin: str, hook: str, value: object, expected: type[T]) -> T:
    """`value` if it is an `expected`, else a PluginError naming the plugin and the hook."""
    if not _is(value, expected):
        raise PluginError(
            plugin, hook, f"returned {type(value).__name__}, expected {expected.__name__} or None"
        )
    return value  # type: ignore[return-value]
