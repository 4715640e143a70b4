"""`songnuan explain`: why one household is (not) eligible, funded and visited."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli.language import lang_option
from planner.cli.terminal import (
    disable_option,
    out_console,
    progress,
    time_limit_option,
    user_errors,
)
from planner.explain import explain
from planner.i18n import Lang
from planner.load import load_scenario
from planner.pipeline import DEFAULT_TIME_LIMIT
from planner.plugins import make_plugin_manager


@click.command("explain")
@click.argument("scenario", type=click.Path(path_type=Path))
@click.argument("household_id", metavar="HOUSEHOLD-ID")
@click.option(
    "--plan",
    "plan_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="plan.json of the plan that was sent out (e.g. out/plan.json); without it the "
    "scenario is planned anew.",
)
@lang_option
@time_limit_option(
    DEFAULT_TIME_LIMIT,
    "Without --plan: the route search's safety net in seconds (it stops on its work).",
)
@disable_option
def explain_household(
    scenario: Path,
    household_id: str,
    plan_file: Path | None,
    lang: Lang,
    time_limit: float,
    disabled: tuple[str, ...],
) -> None:
    """Say why household HOUSEHOLD-ID is (not) eligible, funded and visited."""
    with user_errors():
        loaded = load_scenario(scenario)
        pm = make_plugin_manager(loaded.campaign.plugins, disabled)
        with progress() as show:
            lines = explain(
                loaded,
                pm,
                household_id,
                plan_file=plan_file,
                time_limit=time_limit,
                lang=lang,
                progress=show,
            )
    for line in lines:
        out_console.print(line, markup=False)
