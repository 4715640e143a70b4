"""Columns of the households table that an enabled plugin's rules read, and which are missing.

A union campaign judged without any income column would find every household "缺少家庭月收入"
one by one, long after `validate` said OK. So plugins declare the columns their rules need
(`songnuan_needed_columns`), and a table that lacks one is a problem naming the rule, in
`import`, `validate` and `plan` alike. A column that is present but empty in some rows is not:
that is a fact about those households, which the rules report case by case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pluggy

from planner.load.household_tables import HOUSEHOLD_COLUMNS
from planner.plugins import each_plugin
from planner.problems import PluginError, Problem
from planner.scenario import Scenario

HOOK = "songnuan_needed_columns"
CHINESE = {spec.field: spec.chinese for spec in HOUSEHOLD_COLUMNS}


@dataclass(frozen=True)
class NeededColumn:
    """A households column (by field name) that a plugin's rule cannot judge without."""

    plugin: str
    field: str
    rule: str

    @property
    def header(self) -> str:
        """The column's Chinese header, as households.csv writes it."""
        return CHINESE.get(self.field, self.field)

    def message(self) -> str:
        """What is missing and which rule cannot be judged without it."""
        return (
            f"缺少列 {self.header}（{self.field}）：没有这一列，插件 {self.plugin} 的规则"
            f"“{self.rule}”无法核定任何一户；请添上这一列"
        )


def needed_columns(pm: pluggy.PluginManager) -> list[NeededColumn]:
    """Every column the enabled plugins declare, checked to be a column songnuan knows."""
    found = []
    for plugin, hook in each_plugin(pm, HOOK):
        for needs in hook():
            if not isinstance(needs, dict):
                raise PluginError(plugin, HOOK, "returned something other than a dict")
            found += _declared(plugin, needs)
    return found


def _declared(plugin: str, needs: dict[object, object]) -> list[NeededColumn]:
    """One plugin's declaration, each field checked to be a households column."""
    found = []
    for field, rule in needs.items():
        if not isinstance(field, str) or field not in CHINESE or not isinstance(rule, str):
            message = f"declared {field!r}, which is not a households column (docs/scenario.md)"
            raise PluginError(plugin, HOOK, message)
        found.append(NeededColumn(plugin, field, rule))
    return found


def missing_columns(pm: pluggy.PluginManager, columns: Iterable[str]) -> list[NeededColumn]:
    """The needed columns that `columns` (field names) lack."""
    present = set(columns)
    return [need for need in needed_columns(pm) if need.field not in present]


def rule_column_problems(scenario: Scenario, pm: pluggy.PluginManager) -> list[Problem]:
    """Problems for the needed columns the scenario's households table lacks.

    A scenario made in code (not read from a folder) has no table, so nothing is missing.
    """
    if not scenario.household_columns:
        return []
    return [
        Problem(scenario.households_file, None, need.header, need.message())
        for need in missing_columns(pm, scenario.household_columns)
    ]
