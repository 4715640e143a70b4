"""`songnuan validate`: check a scenario folder without planning it."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli.language import lang_option
from planner.cli.printing import print_findings
from planner.cli.terminal import disable_option, out_console, tagged, user_errors
from planner.i18n import Lang, Phrase
from planner.load import load_scenario
from planner.plugins import make_plugin_manager
from planner.rules import apply_rules, findings
from planner.travel.matrix import attach_travel

CHECKED = Phrase(
    "{households}户（符合条件{eligible}户），{teams}个走访小组，{places}个地点",
    "{households} households ({eligible} eligible), {teams} teams, {places} places",
)


@click.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@disable_option
@lang_option
def validate(scenario: Path, disabled: tuple[str, ...], lang: Lang) -> None:
    """Check a scenario folder and report every problem at once."""
    with user_errors():
        loaded = load_scenario(scenario)
        pm = make_plugin_manager(loaded.campaign.plugins, disabled)
        cases = apply_rules(attach_travel(loaded, pm), pm)
        found = findings(cases, pm)
    eligible = sum(1 for case in cases.cases if case.eligible)
    figures = {
        "households": len(loaded.households),
        "eligible": eligible,
        "teams": len(loaded.teams),
        "places": len(loaded.places),
    }
    out_console.print(tagged("OK", "green", f"{scenario}: " + CHECKED.say(lang, **figures)))
    print_findings(found, cases.reason_book(), lang)
