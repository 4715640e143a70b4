"""The rules stage and the hooks it calls: one test per hook, plus the core's own duties."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pluggy
import pytest

from builders import household, said, scenario
from planner import hookimpl
from planner.problems import PluginError, ScenarioError
from planner.reasons import Reason
from planner.rule_types import Category, Eligibility, Priority, VisitDecision
from planner.rules import apply_rules
from planner.scenario import Household, Scenario


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
        cases = apply_rules(built, union_pm)
    case = cases.cases[0]
    assert case.category == "快递员"
    assert not case.eligible and said(cases, case.reasons[0]) == ["快递员不属于本次慰问对象"]


def test_unknown_category_names_file_row_and_column(union_pm: pluggy.PluginManager) -> None:
    """A category no plugin knows is an input problem at households.csv:row:类别."""
    built = scenario((household("h1", category="外星人", row=7),))
    with pytest.raises(ScenarioError) as error:
        apply_rules(built, union_pm)
    assert str(error.value.problems[0]).startswith("households.csv:7:类别: 不认识的类别")


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
                return Eligibility(eligible=False, reason=Reason.of("unit.smoker"))
            return None

        @hookimpl
        def songnuan_register_reasons(self, register: Callable[[str, str, str], None]) -> None:
            register(
                "unit.smoker", "本单位规定：吸烟者不予慰问", "unit rule: smokers are not helped"
            )

    built = scenario(
        (household("a", monthly_income=0, extra={"吸烟": "是"}), household("b", monthly_income=0))
    )
    with registered(union_pm, NoSmokers(), "no-smokers"):
        cases = apply_rules(built, union_pm)
    first, second = cases.cases
    assert not first.eligible and said(cases, first.reasons[0]) == ["本单位规定：吸烟者不予慰问"]
    assert said(cases, first.reasons[0], "en") == ["unit rule: smokers are not helped"]
    assert second.eligible


def test_eligibility_sees_the_size_the_size_hook_decided(union_pm: pluggy.PluginManager) -> None:
    """The counted size is decided once: a unit plugin's size changes the union's verdict too."""

    class Large:
        @hookimpl(tryfirst=True)
        def songnuan_household_size(self) -> int:
            return 4

    # 2,400 yuan over the union's 3 people is 800 a head, over 4 it is 600: under the
    # 150% line (1,170) in both; 4,000 over 3 is 1,333 (above), over 4 it is 1,000 (below).
    built = scenario((household("a", monthly_income=4000, children=1),))
    assert not apply_rules(built, union_pm).cases[0].eligible
    with registered(union_pm, Large(), "large"):
        case = apply_rules(built, union_pm).cases[0]
    assert case.counted_size == 4 and case.eligible


def test_a_wrapper_plugin_wraps_the_hook(union_pm: pluggy.PluginManager) -> None:
    """Hooks are called through pluggy, so a `wrapper=True` plugin sees and may change the
    answer (here it lowers every standard amount by 100)."""

    class Discount:
        @hookimpl(wrapper=True)
        def songnuan_standard_amount(self) -> Iterator[None]:
            amount = yield
            return amount - 100 if amount is not None else 400

    with registered(union_pm, Discount(), "discount"):
        case = apply_rules(scenario((household("a"),)), union_pm).cases[0]
    assert case.standard == 400


def test_hook_songnuan_priority(union_pm: pluggy.PluginManager) -> None:
    """A plugin that decides priority first is used, with its reason."""

    class Flat:
        @hookimpl(tryfirst=True)
        def songnuan_priority(self) -> Priority:
            return Priority(level=9, reason=Reason.of("unit.flat"))

        @hookimpl
        def songnuan_register_reasons(self, register: Callable[[str, str, str], None]) -> None:
            register("unit.flat", "统一优先级", "one priority for all")

    with registered(union_pm, Flat(), "flat"):
        cases = apply_rules(scenario((household("h1", monthly_income=0),)), union_pm)
    assert cases.cases[0].priority == 9
    assert "统一优先级" in said(cases, cases.cases[0].reasons)


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
            return VisitDecision(visit="must", tier="县领导", reason=Reason.of("unit.leaders"))

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
    assert "列不存在" in str(error.value)


def test_plugin_that_raises_inside_a_wrapper_is_named(union_pm: pluggy.PluginManager) -> None:
    """A wrapper that fails after the other plugins answered is named as well."""

    class BrokenWrapper:
        @hookimpl(wrapper=True)
        def songnuan_visit(self) -> Iterator[None]:
            yield
            raise KeyError("层级")

    with registered(union_pm, BrokenWrapper(), "wraps"), pytest.raises(PluginError) as error:
        apply_rules(scenario((household("a"),)), union_pm)
    assert (error.value.plugin, error.value.hook) == ("wraps", "songnuan_visit")


def test_plugin_returning_wrong_type_is_named(union_pm: pluggy.PluginManager) -> None:
    """A plugin returning a string where an int is expected is named, not silently used."""

    class Sloppy:
        @hookimpl(tryfirst=True)
        def songnuan_standard_amount(self) -> str:
            return "500元"

    with registered(union_pm, Sloppy(), "sloppy"), pytest.raises(PluginError) as error:
        apply_rules(scenario((household("a"),)), union_pm)
    assert "sloppy" in str(error.value) and "expected int" in str(error.value)


def test_scenario_data_is_read_only_all_the_way_down(union_pm: pluggy.PluginManager) -> None:
    """A plugin cannot change what the next household's rules see: standards, a household's
    extra columns and the rules' options refuse writes, and the plugin that tries is named."""

    class Meddler:
        @hookimpl
        def songnuan_eligibility(self, scenario: Scenario) -> None:
            scenario.budget.standards["困难职工"] = 1

    built = scenario((household("a", extra={"核实": "是"}),), rules={"union": {"dibao_line": 800}})
    for mapping, key in (
        (built.budget.standards, "劳模"),
        (built.households[0].extra, "核实"),
        (built.rules, "union"),
        (built.rules["union"], "dibao_line"),
    ):
        with pytest.raises(TypeError):
            mapping[key] = 0  # type: ignore[index]
    with registered(union_pm, Meddler(), "meddler"), pytest.raises(PluginError) as error:
        apply_rules(built, union_pm)
    assert (error.value.plugin, error.value.hook) == ("meddler", "songnuan_eligibility")
    assert built.budget.standards["困难职工"] == 500


def test_hook_calls_can_be_traced(union_pm: pluggy.PluginManager) -> None:
    """Hooks are called through pluggy, so its tracing sees every call the rules stage makes."""
    lines: list[str] = []
    union_pm.trace.root.setwriter(lines.append)
    undo = union_pm.enable_tracing()
    try:
        apply_rules(scenario((household("a"),)), union_pm)
    finally:
        undo()
        union_pm.trace.root.setwriter(None)
    for hook in ("songnuan_household_size", "songnuan_eligibility", "songnuan_visit"):
        assert any(hook in line for line in lines), hook
