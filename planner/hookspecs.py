"""The hooks through which organisation rules and output forms plug into songnuan.

Every hook is documented in docs/plugins.md under the heading `name(args)`, and tested by a test
named `test_hook_<name>`; two meta-tests keep both true. Hooks that decide one thing for a
household are `firstresult`: the first plugin that returns something other than `None` wins, and
the core has a documented fallback when all return `None`. Hooks that gather things are collected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic import BaseModel

    from planner.cases import Cases
    from planner.rule_types import Category, Eligibility, Finding, Priority, VisitDecision
    from planner.scenario import Household, Place, Scenario

PROJECT = "songnuan"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def songnuan_rule_options() -> type[BaseModel] | None:
    """Return the pydantic model of the plugin's `rules: <plugin name>:` options, or None."""


@hookspec
def songnuan_register_categories(register: Callable[[Category], None]) -> None:
    """Register the household categories a plugin knows, by calling `register(Category(...))`."""


@hookspec(firstresult=True)
def songnuan_household_size(household: Household, scenario: Scenario) -> int | None:
    """Return how many people the household counts as for per-capita income, or None."""


@hookspec
def songnuan_eligibility(household: Household, scenario: Scenario) -> Eligibility | None:
    """Return a verdict (eligible or not, with a reason) on the household, or None to abstain."""


@hookspec(firstresult=True)
def songnuan_priority(household: Household, scenario: Scenario) -> Priority | None:
    """Return the household's priority (higher is funded first) with a reason, or None."""


@hookspec(firstresult=True)
def songnuan_standard_amount(household: Household, scenario: Scenario) -> int | None:
    """Return the grant in yuan this household should receive, or None for the budget standard."""


@hookspec(firstresult=True)
def songnuan_visit(household: Household, scenario: Scenario) -> VisitDecision | None:
    """Return whether a leader should visit (must / may / no) and which tier, or None."""


@hookspec
def songnuan_check(cases: Cases) -> list[Finding] | None:
    """Return findings on the whole campaign (late nominations, days off-window), or None."""


@hookspec
def songnuan_register_translations(register: Callable[[str, str], None]) -> None:
    """Register English for the plugin's fixed Chinese phrases: `register(zh, en)`, where both are
    templates with the same `{name}` fields (e.g. `"人均月收入低于低保线150%（{amount}元）"`)."""


@hookspec
def songnuan_register_writers(register: Callable[[str, Callable[..., Any]], None]) -> None:
    """Register output writers: `register(name, write)` where `write(plan, folder)` makes files."""


@hookspec(firstresult=True)
def songnuan_travel_minutes(
    places: tuple[Place, ...], scenario: Scenario
) -> list[list[int]] | None:
    """Return whole driving minutes between `places` (row i, column j: from i to j), or None."""


@hookspec
def songnuan_needed_columns() -> dict[str, str] | None:
    """Return the households columns the plugin's rules read: field name → the rule needing it."""
