"""What-if: plan a scenario under several budgets (or standards, or visit lengths) and compare.

`vary` reads the `--vary` options and makes the varied scenarios, `run` plans them in parallel
(local processes or a Dask cluster), `compare` lays the figures side by side, and `workbook` and
`charts` write `whatif.xlsx` and `whatif.png`. The two functions here join those steps for the
command line: one before the variants are planned, one after.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pluggy

from planner.atomic_folder import write_folder
from planner.pipeline import REPRODUCIBLE_SOLUTIONS
from planner.rules import apply_rules, registered_categories
from planner.scenario import Scenario
from planner.whatif.charts import cjk_font, write_chart
from planner.whatif.compare import Table, notes, tables
from planner.whatif.run import (
    DEFAULT_TIME_LIMIT,
    DEFAULT_WORKERS,
    ClusterError,
    Job,
    Outcome,
    run_variants,
)
from planner.whatif.vary import Vary, VaryError, apply, check, combinations, parse_vary
from planner.whatif.workbook import write_workbook

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "DEFAULT_WORKERS",
    "ClusterError",
    "Table",
    "VaryError",
    "notes",
    "parse_vary",
    "run_variants",
    "tables",
    "variant_jobs",
    "write_outputs",
]


def variant_jobs(
    scenario: Scenario,
    pm: pluggy.PluginManager,
    varies: Sequence[Vary],
    *,
    disabled: tuple[str, ...],
    time_limit: float,
) -> list[Job]:
    """One job per combination of the varied values, every one checked before any is planned.

    The base scenario goes through the rules once here, so that a bad households table is
    reported once, as `plan` reports it, rather than by every variant. Each job stops its route
    search at `REPRODUCIBLE_SOLUTIONS`, so the same scenario gives the same figures.
    """
    apply_rules(scenario, pm)
    check(varies, scenario, {category.name for category in registered_categories(pm).values()})
    return [
        Job(
            number=number,
            settings=settings,
            scenario=apply(scenario, settings),
            plugins=scenario.campaign.plugins,
            disabled=disabled,
            time_limit=time_limit,
            solutions=REPRODUCIBLE_SOLUTIONS,
        )
        for number, settings in enumerate(combinations(varies), start=1)
    ]


def write_outputs(
    out: Path, outcomes: Sequence[Outcome], scenario: Scenario, *, force: bool
) -> list[Path]:
    """Write `whatif.xlsx` and `whatif.png` into `out`, all or nothing, like `plan` writes."""
    campaign = scenario.campaign
    font = cjk_font()

    def fill(folder: Path) -> None:
        title = f"{campaign.name}：预算方案对比"
        tables_zh, notes_zh = tables(outcomes, "zh"), notes(outcomes, "zh")
        write_workbook(folder, tables_zh, notes_zh, title=title, year=campaign.year)
        write_chart(folder, outcomes, font=font)

    return write_folder(out, fill, force=force)
