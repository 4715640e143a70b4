"""The rules stage and the hooks it calls: one test per hook, plus the core's own duties."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pluggy
import pytest

from builders import household, scenario
from planner import hookimpl
from planner.problems import PluginError, ScenarioError
from planner.rule_types import Category, Eligibility, Priority, VisitDecision
from planner.rules import apply_rules
from planner.scenario import Household


@contextmanager
def registered(pm: pluggy.PluginManager, plugin: object, name: str) -> Iterator[None]:
    """Register a test plugin for the duration of a block."""
    pm.register(plugin, name=name)
    try:
        yield
    finally:
        pm.unregister(name=name)


def test_hook_songnuan_register_categories(union_pm: pluggy.PluginManager) -> None:
    """A plugin's category and its alias become known; `targeted=False` means never eligible."""

    class Couriers:
        @hookimpl
        def songnuan_register_categories(self, register: Callable[[Category], None]) -> None:
            register(Category(name="快递员", aliases=("快递小哥",), targeted=False))

    built = scenario((household("h1", category="快递小哥", monthly_income=0),))
    with registered(union_pm, Couriers(), "couriers"):
        case = apply_rules(built, union_pm).cases[0]
    assert case.category == "快递员"
    assert not case.eligible and case.reasons[0] == "快递员不属于本次慰问对象"


def test_unknown_category_names_file_row_and_column(union_pm: pluggy.PluginManager) -> None:
    """A category no plugin knows is an input problem at households.csv:row:类别."""
    built = scenario((household("h1", category="外星人", row=7),))
    with pytest.raises(ScenarioError) as error:
        apply_rules(built, union_pm)
    assert str(error.value.problems[0]).startswith("households.csv:7:类别: unknown category")


def test_hook_songnuan_household_size(union_pm: pluggy.PluginManager) -> None:
    """The first plugin's size wins over the union's rule."""

    class Everyone:
        @hookimpl(tryfirst=True)
        def songnuan_household_size(self) -> int:
            return 7

    with registered(union_pm, Everyone(), "everyone"):
        case = apply_rules(scenario((household("h1"),)), union_pm).cases[0]
    assert case.counted_size == 7


def test_hook_songnuan_eligibility(union_pm: pluggy.PluginManager) -> None:
    """Any plugin's "no" wins over the union's "yes", and its reason is kept."""

    class NoSmokers:
        @hookimpl
        def songnuan_eligibility(self, household: Household) -> Eligibility | None:
            if household.extra.get("吸烟") == "是":
                return Eligibility(eligible=False, reason="本单位规定：吸烟者不予慰问")
            return None

    built = scenario(
        (household("a", monthly_income=0, extra={"吸烟": "是"}), household("b", monthly_income=0))
    )
    with registered(union_pm, NoSmokers(), "no-smokers"):
        cases = apply_rules(built, union_pm).cases
    assert not cases[0].eligible and "吸烟" in cases[0].reasons[0]
    assert cases[1].eligible


def test_hook_songnuan_priority(union_pm: pluggy.PluginManager) -> None:
    """A plugin that decides priority first is used, with its reason."""

    class Flat:
        @hookimpl(tryfirst=True)
        def songnuan_priority(self) -> Priority:
            return Priority(level=9, reason="统一优先级")

    with registered(union_pm, Flat(), "flat"):
        case = apply_rules(scenario((household("h1", monthly_income=0),)), union_pm).cases[0]
    assert case.priority == 9 and "统一优先级" in case.reasons


def test_hook_songnuan_standard_amount(union_pm: pluggy.PluginManager) -> None:
    """A plugin amount replaces the budget standard; without one the standard applies."""

    class Double:
        @hookimpl
        def songnuan_standard_amount(self, household: Household) -> int | None:
            return 1000 if household.id == "a" else None

    built = scenario((household("a"), household("b")))
    with registered(union_pm, Double(), "double"):
        cases = apply_rules(built, union_pm).cases
    assert [case.standard for case in cases] == [1000, 500]


def test_hook_songnuan_visit(union_pm: pluggy.PluginManager) -> None:
    """A plugin's visit decision is used unless the office's 走访 column overrides it."""

    class Leaders:
        @hookimpl
        def songnuan_visit(self) -> VisitDecision:
            return VisitDecision(visit="must", tier="县领导", reason="县领导走访")

    built = scenario(
        (household("a", monthly_income=0), household("b", monthly_income=0, visit="不访"))
    )
    with registered(union_pm, Leaders(), "leaders"):
        first, second = apply_rules(built, union_pm).cases
    assert (first.visit, first.tier, first.must_fund) == ("must", "县领导", True)
    assert second.visit == "no"


def test_ineligible_households_are_not_visited(union_pm: pluggy.PluginManager) -> None:
    """Even 必访 cannot send a team with money to a household the rules exclude."""
    case = apply_rules(scenario((household("a", archived=False, visit="必访"),)), union_pm).cases[0]
    assert case.visit == "no" and not case.must_fund


def test_plugin_that_raises_is_named(union_pm: pluggy.PluginManager) -> None:
    """An exception inside a plugin becomes a PluginError naming the plugin and the hook."""

    class Broken:
        @hookimpl
        def songnuan_eligibility(self) -> None:
            raise ValueError("列不存在")

    with registered(union_pm, Broken(), "broken"), pytest.raises(PluginError) as error:
        apply_rules(scenario((household("a"),)), union_pm)
    assert error.value.plugin == "broken" and error.value.hook == "songnuan_eligibility"


def test_plugin_returning_wrong_type_is_named(union_pm: pluggy.PluginManager) -> None:
    """A plugin returning a string where an int is expected is named, not silently used."""

    class Sloppy:
        @hookimpl(tryfirst=True)
        def songnuan_standard_amount(self) -> str:
            return "500元"

    with registered(union_pm, Sloppy(), "sloppy"), pytest.raises(PluginError) as error:
        apply_rules(scenario((household("a"),)), union_pm)
    assert "sloppy" in str(error.value) and "expected int" in str(error.value)
