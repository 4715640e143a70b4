"""The `rules:` section: the options each organisation plugin is given."""

from __future__ import annotations

from typing import Any

from planner.load.report import Report


def read_rules(report: Report) -> dict[str, dict[str, Any]] | None:
    """The options of each organisation plugin: a mapping per plugin name."""
    rules = report.section("rules", required=False)
    if rules is None:
        return {}
    if not isinstance(rules, dict):
        report.at_key(("rules",), "应按插件名写各插件的选项（见 docs/plugins.md）")
        return None
    bad = [name for name, options in rules.items() if not isinstance(options, dict | None)]
    for name in bad:
        report.at_key(("rules", name), "应写这个插件的选项，如 dibao_line: 780")
    return None if bad else {str(name): options or {} for name, options in rules.items()}
