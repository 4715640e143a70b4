"""The hooks themselves: the two added for organisations, and the meta-tests that keep every
hookspec documented in docs/plugins.md and tested by a `test_hook_<name>`.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from builders import REPO, household, said, scenario
from planner import hookimpl, hookspecs
from planner.cases import Cases
from planner.plugins import make_plugin_manager
from planner.problems import PluginError, ScenarioError
from planner.reasons import Reason
from planner.rule_types import Eligibility, Finding, SpanText, plugin_options
from planner.rules import apply_rules, findings, registered_categories
from planner.scenario import Frozen

PLUGINS_DOC = REPO / "docs" / "plugins.md"
BUILT_INS = ("union", "city_leaders", "school", "bureau", "town")
HOOKS = sorted(
    name for name, value in vars(hookspecs).items()
    if name.startswith("songnuan_") and callable(value)
)  # fmt: skip


class Options(Frozen):
    """A test plugin's options: a number and a span of days."""

    limit: int = 3
    window: SpanText = "腊月初十至十八"


class WithOptions:
    """A plugin that declares its options and uses them."""

    @hookimpl
    def songnuan_rule_options(self) -> type[Options]:
        return Options

    @hookimpl
    def songnuan_check(self, cases: Cases) -> list[Finding]:
        options = plugin_options(cases.scenario, "opts", Options)
        message = Reason.of("opts.limits", limit=options.limit, window=options.window)
        return [Finding(message=message)]

    @hookimpl
    def songnuan_register_reasons(self, register: Callable[[str, str, str], None]) -> None:
        register("opts.limits", "上限{limit}，时间{window}", "limit {limit}, window {window}")


def test_hook_songnuan_rule_options() -> None:
    """Options are checked against the plugin's model; mistakes are scenario.yaml problems."""
    pm = make_plugin_manager(["union"])
    pm.register(WithOptions(), name="opts")
    try:
        good = apply_rules(scenario((household("a"),), rules={"opts": {"limit": 5}}), pm)
        finding = findings(good, pm)[0]
        assert finding.text(good.reason_book()) == "上限5，时间腊月初十至十八"
        assert finding.text(good.reason_book(), "en") == "limit 5, window 腊月初十至十八"
        bad = scenario(
            (household("a"),),
            rules={"opts": {"limit": "many", "window": "腊月三十", "colour": 1}, "nobody": {}},
        )
        with pytest.raises(ScenarioError) as error:
            apply_rules(bad, pm)
    finally:
        pm.unregister(name="opts")
    assert [str(problem) for problem in error.value.problems] == [
        "scenario.yaml:rules.opts.limit: 应为整数，如 3",
        "scenario.yaml:rules.opts.window: 农历 2026 年的腊月只有 29 天",
        "scenario.yaml:rules.opts.colour: 不认识的选项：插件的选项见 "
        "docs/plugins.md",
        "scenario.yaml:rules.nobody: options for nobody, which is not enabled "
        "(campaign.plugins: union)",
    ]


def test_rule_options_must_be_a_pydantic_model() -> None:
    """Returning something else names the plugin and the hook."""

    class Sloppy:
        @hookimpl
        def songnuan_rule_options(self) -> type:
            return dict

    pm = make_plugin_manager(["union"])
    pm.register(Sloppy(), name="sloppy")
    try:
        with pytest.raises(PluginError, match="plugin 'sloppy', hook songnuan_rule_options"):
            apply_rules(scenario((household("a"),)), pm)
    finally:
        pm.unregister(name="sloppy")


def test_hook_songnuan_check() -> None:
    """Findings of every plugin are collected in plugin order and point at their cell."""

    class Late:
        @hookimpl
        def songnuan_check(self, cases: Cases) -> list[Finding]:
            rows = [(h.id, h.row) for h in cases.scenario.households]
            return [
                Finding(
                    message=Reason.of("late.late", household=hid),
                    file="households.csv",
                    row=row,
                    column="提名日期",
                )
                for hid, row in rows
            ]

        @hookimpl
        def songnuan_register_reasons(self, register: Callable[[str, str, str], None]) -> None:
            register("late.late", "{household}提名晚了", "{household} late")

    pm = make_plugin_manager(["union"])
    pm.register(Late(), name="late")
    try:
        cases = apply_rules(scenario((household("a", row=4),)), pm)
        found = [f.text(cases.reason_book(), "en") for f in findings(cases, pm)]
        assert found == ["households.csv:4:提名日期: a late"]
    finally:
        pm.unregister(name="late")


def test_hook_songnuan_register_reasons() -> None:
    """A plugin's reason code reads in Chinese and English with its figures; a code registered
    again with other words is named by plugin and hook."""

    class Service:
        @hookimpl
        def songnuan_register_reasons(self, register: Callable[[str, str, str], None]) -> None:
            register(
                "service.short",
                "工龄不足{years}年，本年度暂不慰问",
                "under {years} year(s) of service",
            )

        @hookimpl
        def songnuan_eligibility(self) -> Eligibility:
            return Eligibility(eligible=False, reason=Reason.of("service.short", years=2))

    class Clash:
        @hookimpl(trylast=True)
        def songnuan_register_reasons(self, register: Callable[[str, str, str], None]) -> None:
            register("service.short", "别的话", "other words")

    pm = make_plugin_manager(["union"])
    pm.register(Service(), name="service")
    try:
        cases = apply_rules(scenario((household("a"),)), pm)
        pm.register(Clash(), name="clash")
        with pytest.raises(PluginError) as error:
            apply_rules(scenario((household("a"),)), pm)
    finally:
        pm.unregister(name="service")
        pm.unregister(name="clash")
    reason = cases.cases[0].reasons[0]
    assert said(cases, reason) == ["工龄不足2年，本年度暂不慰问"]
    assert said(cases, reason, "en") == ["under 2 year(s) of service"]
    assert (error.value.plugin, error.value.hook) == ("clash", "songnuan_register_reasons")


def test_every_hookspec_is_documented() -> None:
    """docs/plugins.md has a heading `name(args)` for every hook, with the spec's arguments."""
    text = PLUGINS_DOC.read_text(encoding="utf-8")
    headings = dict(re.findall(r"^#+ `?(songnuan_\w+)\(([^)]*)\)`?\s*$", text, re.M))
    for name in HOOKS:
        assert name in headings, f"{name} is not documented in docs/plugins.md"
        spec = list(inspect.signature(getattr(hookspecs, name)).parameters)
        documented = [arg.strip() for arg in headings[name].split(",") if arg.strip()]
        assert documented == spec, name
    assert sorted(headings) == HOOKS, "docs/plugins.md documents a hook that does not exist"


def test_every_hookspec_has_a_test() -> None:
    """Each hook has a test named test_hook_<name> somewhere under tests/."""
    tested = set()
    for path in (REPO / "tests").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tested |= {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    missing = [name for name in HOOKS if f"test_hook_{name}" not in tested]
    assert not missing, f"hooks without a test_hook_<name>: {missing}"


def organisation_words() -> set[str]:
    """What the built-in plugins bring: their entry-point names and their category names."""
    pm = make_plugin_manager(BUILT_INS)
    return set(BUILT_INS) | set(registered_categories(pm))


def code_strings(path: Path) -> list[str]:
    """The string literals of a module's code; docstrings are prose and may give examples."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    prose = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose
    ]


def imported(path: Path) -> set[str]:
    """The modules a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names}
    return names | {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}


def test_core_never_names_an_organisation() -> None:
    """No module of planner/ imports a plugin or names a built-in plugin or its categories."""
    words = organisation_words()
    pattern = re.compile("|".join(rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w)
                                  for w in sorted(words, key=len, reverse=True)))  # fmt: skip
    offenders = []
    for path in sorted((REPO / "planner").rglob("*.py")):
        where = path.relative_to(REPO)
        offenders += [
            f"{where} imports {m}" for m in imported(path) if m.split(".")[0] == "plugins"
        ]
        offenders += [f"{where}: {text!r}" for text in code_strings(path) if pattern.search(text)]
    assert not offenders, "\n".join(offenders)
