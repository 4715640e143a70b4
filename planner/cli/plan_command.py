"""`songnuan plan`: plan a scenario and write everything the campaign sends out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from planner.atomic_folder import refuse_existing
from planner.cli.language import lang_option
from planner.cli.printing import print_findings, print_summary, say
from planner.cli.terminal import (
    EXIT_MUST_VISIT_DROPPED,
    cluster_option,
    console,
    disable_option,
    force_option,
    out_console,
    progress,
    solutions_option,
    split_option,
    tagged,
    time_limit_option,
    user_errors,
)
from planner.export import export
from planner.export.calendar_state import read_published
from planner.export.plan_json import FILENAME as PLAN_FILE
from planner.i18n import Lang
from planner.load import load_scenario
from planner.pipeline import DEFAULT_TIME_LIMIT, plan_scenario
from planner.plugins import make_plugin_manager
from planner.route import Settings
from planner.route.settings import SOLUTIONS, Split
from planner.rules import findings
from planner.summary import summarise
from planner.travel.labels import ESTIMATE_NOTE


@click.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder to write; it appears only when the whole run succeeded.",
)
@time_limit_option(DEFAULT_TIME_LIMIT)
@solutions_option(SOLUTIONS)
@force_option
@split_option
@click.option(
    "--previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="plan.json of the last run, so calendars update phones in place "
    "[default: OUT/plan.json when replacing OUT].",
)
@cluster_option("Route the parts of a campaign cut by --split (the same plan as a local run)")
@disable_option
@lang_option
def plan(
    scenario: Path,
    out: Path,
    time_limit: float,
    solutions: int,
    force: bool,
    split: Split,
    previous: Path | None,
    cluster: str | None,
    disabled: tuple[str, ...],
    lang: Lang,
) -> None:
    """Plan a scenario and write calendars, workbook, notice, report and plan.json into OUT."""
    with user_errors():
        refuse_existing(out, force)
        loaded = load_scenario(scenario)
        published = read_published(previous or out / PLAN_FILE, loaded.campaign)
        pm = make_plugin_manager(loaded.campaign.plugins, disabled)
        with progress() as show:
            settings = Settings(
                time_limit=time_limit, solutions=solutions, split=split, cluster=cluster
            )
            result = plan_scenario(loaded, pm, settings, progress=show)
            found = findings(result.allocation.cases, pm)
            show("export: writing files")
            published_plan = result.model_copy(update={"published": published})
            written = export(published_plan, out, pm, force=force)
    summary = summarise(result)
    book = result.allocation.cases.reason_book()
    print_summary(summary, lang)
    print_findings(found, book, lang)
    if loaded.travel.minutes.is_estimate:
        out_console.print(f"注意：路程时间为直线距离估算{ESTIMATE_NOTE}，不是实际道路时间")
    out_console.print(say("wrote", lang, count=len(written), out=out), markup=False)
    for dropped in result.dropped:
        if dropped.must:
            why = book.render(dropped.reason, lang)
            head = say("must_dropped", lang)
            console.print(tagged(head, "yellow", f"{dropped.household_id}: {why}"))
    if summary.must_visits_dropped:
        sys.exit(EXIT_MUST_VISIT_DROPPED)
