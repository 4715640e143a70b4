"""`songnuan validate`: check a scenario folder without planning it."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli.printing import print_findings
from planner.cli.terminal import disable_option, out_console, user_errors
from planner.load import load_scenario
from planner.plugins import make_plugin_manager
from planner.rules import apply_rules, findings
from planner.travel.matrix import attach_travel


@click.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@disable_option
def validate(scenario: Path, disabled: tuple[str, ...]) -> None:
    """Check a scenario folder and report every problem at once."""
    with user_errors():
        loaded = load_scenario(scenario)
        pm = make_plugin_manager(loaded.campaign.plugins, disabled)
        cases = apply_rules(attach_travel(loaded, pm), pm)
        found = findings(cases, pm)
    eligible = sum(1 for case in cases.cases if case.eligible)
    out_console.print(
        f"[green]OK[/green] {scenario}: {len(loaded.households)} households "
        f"({eligible} eligible), {len(loaded.teams)} teams, {len(loaded.places)} places"
    )
    print_findings(found)
