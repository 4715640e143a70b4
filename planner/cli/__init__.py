"""The `songnuan` command: a thin click layer over the pipeline.

Exit status: 0 when everything planned; 2 when the input, a plugin or the budget makes planning
impossible (the messages say what to fix, nothing is written); 3 when the plan was written but a
must-visit could not be placed (the summary names it and why).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from planner.explain import ExplainError, explain
from planner.export import OutputExistsError, export
from planner.export.calendar_state import read_published
from planner.export.plan_json import FILENAME as PLAN_FILE
from planner.i18n import LANGS, Lang
from planner.load import load_added_households, load_scenario
from planner.pipeline import DEFAULT_TIME_LIMIT, plan_scenario
from planner.plugins import hooks_of, make_plugin_manager
from planner.problems import InfeasibleError, PluginError, ScenarioError
from planner.replan.changes import FILENAME as CHANGES_FILE
from planner.replan.changes import Change, changes_writer
from planner.replan.done import replanning_day
from planner.replan.previous import read_previous
from planner.replan.run import replan as replan_scenario
from planner.replan.unavailable import read_unavailable
from planner.route import RoutingError
from planner.route.partition import SPLIT_ABOVE, Split
from planner.rule_types import Finding
from planner.rules import apply_rules, findings
from planner.summary import Summary, summarise
from planner.whatif.compare import Table as Comparison
from planner.whatif.compare import legend, notes, tables, transposed
from planner.whatif.outputs import write_outputs
from planner.whatif.run import DEFAULT_TIME_LIMIT as VARIANT_TIME_LIMIT
from planner.whatif.run import DEFAULT_WORKERS, ClusterError, run_variants, variant_jobs
from planner.whatif.vary import VaryError, parse_vary

EXIT_INPUT = 2
EXIT_MUST_VISIT_DROPPED = 3

console = Console(stderr=True, highlight=False, soft_wrap=True)
out_console = Console(highlight=False, soft_wrap=True)

disable_option = click.option(
    "--disable-plugin",
    "disabled",
    multiple=True,
    metavar="NAME",
    help="Leave this plugin out (repeatable).",
)


@click.group()
@click.version_option(package_name="songnuan")
def main() -> None:
    """songnuan (送暖): plan 送温暖 campaigns — grants, team routes, calendars and sheets."""


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@disable_option
def validate(scenario: Path, disabled: tuple[str, ...]) -> None:
    """Check a scenario folder and report every problem at once."""
    with _user_errors():
        loaded = load_scenario(scenario)
        pm = make_plugin_manager(loaded.campaign.plugins, disabled)
        cases = apply_rules(loaded, pm)
        found = findings(cases, pm)
    eligible = sum(1 for case in cases.cases if case.eligible)
    out_console.print(
        f"[green]OK[/green] {scenario}: {len(loaded.households)} households "
        f"({eligible} eligible), {len(loaded.teams)} teams, {len(loaded.places)} places"
    )
    _print_findings(found)


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder to write; it appears only when the whole run succeeded.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.5),
    default=DEFAULT_TIME_LIMIT,
    show_default=True,
    help="Seconds the route search may take.",
)
@click.option("--force", is_flag=True, help="Replace the output folder if it exists.")
@click.option(
    "--split",
    type=click.Choice(["auto", "none", "district", "area"]),
    default="auto",
    show_default=True,
    help=f"Route a large campaign in parts: auto (above {SPLIT_ABOVE} visits: by district, then "
    "by area), none, district, or area.",
)
@click.option(
    "--previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="plan.json of the last run, so calendars update phones in place "
    "[default: OUT/plan.json when replacing OUT].",
)
@disable_option
def plan(
    scenario: Path,
    out: Path,
    time_limit: float,
    force: bool,
    split: Split,
    previous: Path | None,
    disabled: tuple[str, ...],
) -> None:
    """Plan a scenario and write calendars, workbook, notice, report and plan.json into OUT."""
    with _user_errors():
        if out.exists() and not force:
            raise OutputExistsError(out)
        loaded = load_scenario(scenario)
        published = read_published(previous or out / PLAN_FILE, loaded.campaign)
        pm = make_plugin_manager(loaded.campaign.plugins, disabled)
        with _progress() as progress:
            result = plan_scenario(
                loaded, pm, time_limit=time_limit, split=split, progress=progress
            )
            found = findings(result.allocation.cases, pm)
            progress("export: writing files")
            published_plan = result.model_copy(update={"published": published})
            written = export(published_plan, out, pm, force=force)
    summary = summarise(result)
    _print_summary(summary)
    _print_findings(found)
    out_console.print(f"Wrote {len(written)} files to {out}")
    for dropped in result.dropped:
        if dropped.must:
            console.print(f"[yellow]必访未安排[/yellow] {dropped.household_id}: {dropped.reason}")
    if summary.must_visits_dropped:
        sys.exit(EXIT_MUST_VISIT_DROPPED)


@main.command()
@disable_option
def plugins(disabled: tuple[str, ...]) -> None:
    """List the installed plugins and the hooks each implements."""
    with _user_errors():
        pm = make_plugin_manager(None, disabled)
    table = Table("plugin", "hooks")
    for name, hooks in hooks_of(pm).items():
        table.add_row(name, "\n".join(hooks))
    out_console.print(table)


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.option(
    "--vary",
    "varies",
    multiple=True,
    required=True,
    metavar="PATH=VALUES",
    help="A figure to vary, repeatable: budget.total, budget.lines.LINE-ID.amount, "
    "standards.CATEGORY or visits.service_minutes; values as a list (500,600) or a range "
    "(300000..400000/20000). Every combination is planned.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("whatif"),
    show_default=True,
    help="Folder for whatif.xlsx and whatif.png; it appears only when both are written.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.5),
    default=VARIANT_TIME_LIMIT,
    show_default=True,
    help="Seconds one variant may take at most. The route search normally stops sooner, after a "
    "fixed number of solutions, so that the same scenario gives the same figures.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=DEFAULT_WORKERS,
    show_default=True,
    help="Variants planned at once, each in its own process (at most one per core).",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Plan the variants on the Dask scheduler at ADDRESS (e.g. tcp://10.1.2.3:8786) "
    "instead of locally; needs songnuan[cluster] here and on the workers.",
)
@click.option("--force", is_flag=True, help="Replace the output folder if it exists.")
@disable_option
def whatif(
    scenario: Path,
    varies: tuple[str, ...],
    out: Path,
    time_limit: float,
    workers: int,
    cluster: str | None,
    force: bool,
    disabled: tuple[str, ...],
) -> None:
    """Plan SCENARIO for every combination of the --vary values and compare the variants."""
    with _user_errors():
        if out.exists() and not force:
            raise OutputExistsError(out)
        parsed = [parse_vary(text) for text in varies]
        loaded = load_scenario(scenario)
        pm = make_plugin_manager(loaded.campaign.plugins, disabled)
        jobs = variant_jobs(loaded, pm, parsed, disabled=disabled, time_limit=time_limit)
        with _variant_progress(len(jobs)) as done:
            outcomes = run_variants(jobs, workers=workers, cluster=cluster, done=done)
        written = write_outputs(out, outcomes, loaded, force=force)
    overview, by_category, by_district = tables(outcomes, "en", settings=False)
    shown = (legend(outcomes, "en"), overview, transposed(by_category), transposed(by_district))
    for table in shown:
        out_console.print(_comparison_table(table))
    for note in notes(outcomes, "en"):
        console.print(f"note: {note}", markup=False)
    out_console.print(f"Wrote {len(written)} files to {out}")


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.option(
    "--previous",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="plan.json of the plan that was sent out (e.g. out/plan.json).",
)
@click.option(
    "--done",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV or XLSX of the visits made: household id (编号), optionally the date (走访日期).",
)
@click.option(
    "--unavailable",
    multiple=True,
    metavar="TEAM@DATE",
    help="A team-day that can no longer go out, e.g. county-1@2027-02-01 (repeatable).",
)
@click.option(
    "--add",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Households to add, with the columns of households.csv.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day of re-planning: days up to it are kept as planned "
    "[default: the latest day in --done, else today's date].",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write; it appears only when the whole run succeeded.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.5),
    default=DEFAULT_TIME_LIMIT,
    show_default=True,
    help="Seconds the route search may take.",
)
@click.option("--force", is_flag=True, help="Replace the output folder if it exists.")
@disable_option
def replan(
    scenario: Path,
    previous: Path,
    done: Path | None,
    unavailable: tuple[str, ...],
    add: Path | None,
    today: dt.datetime | None,
    out: Path,
    time_limit: float,
    force: bool,
    disabled: tuple[str, ...],
) -> None:
    """Re-plan after visits were made, days were cancelled or households were added."""
    with _user_errors():
        if out.exists() and not force:
            raise OutputExistsError(out)
        loaded = load_scenario(scenario)
        before = read_previous(previous, loaded.campaign)
        if add is not None:
            added = load_added_households(add, loaded)
            loaded = loaded.model_copy(update={"households": loaded.households + added})
        planned = {household: route.date for household, (route, _) in before.slots().items()}
        day = replanning_day(done, planned, today.date() if today else None)
        off = read_unavailable(unavailable, loaded, day)
        pm = make_plugin_manager(loaded.campaign.plugins, disabled)
        with _progress() as progress:
            result = replan_scenario(
                loaded, pm, before, day, off, time_limit=time_limit, progress=progress
            )
            progress("export: writing files")
            also = [changes_writer(result.changes)]
            written = export(result.plan, out, pm, force=force, also=also)
    summary = summarise(result.plan)
    _print_summary(summary)
    out_console.print(f"kept as planned: every team-day up to {day}")
    _print_changes(result.changes)
    out_console.print(f"Wrote {len(written)} files to {out} (changes in {CHANGES_FILE})")
    if summary.must_visits_dropped:
        sys.exit(EXIT_MUST_VISIT_DROPPED)


@main.command("explain")
@click.argument("scenario", type=click.Path(path_type=Path))
@click.argument("household_id", metavar="HOUSEHOLD-ID")
@click.option(
    "--plan",
    "plan_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="plan.json of the plan that was sent out (e.g. out/plan.json); without it the "
    "scenario is planned anew.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default="zh",
    show_default=True,
    help="zh: plain Chinese; en: English.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.5),
    default=DEFAULT_TIME_LIMIT,
    show_default=True,
    help="Without --plan: seconds the route search may take at most.",
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
    with _user_errors():
        loaded = load_scenario(scenario)
        pm = make_plugin_manager(loaded.campaign.plugins, disabled)
        with _progress() as progress:
            lines = explain(
                loaded,
                pm,
                household_id,
                plan_file=plan_file,
                time_limit=time_limit,
                lang=lang,
                progress=progress,
            )
    for line in lines:
        out_console.print(line, markup=False)


@contextmanager
def _variant_progress(total: int) -> Iterator[Callable[[object], None]]:
    """One progress bar on stderr for all variants, however many processes plan them."""
    columns = (
        TextColumn("planning variants"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("variants", total=total)
        yield lambda _: progress.advance(task)


def _comparison_table(table: Comparison) -> Table:
    """A what-if table for the terminal: thousands separated, — where a variant failed.

    Each column is at least as wide as its widest figure, so a narrow terminal wraps the
    headers rather than cutting a number short.
    """
    rows = [
        ["—" if v is None else f"{v:,}" if isinstance(v, int) else str(v) for v in row]
        for row in table.rows
    ]
    shown = Table(title=table.title, box=box.SIMPLE_HEAD)
    for column, header in enumerate(table.headers):
        widest = max((cell_len(row[column]) for row in rows), default=1)
        shown.add_column(header, min_width=widest, overflow="fold")
    for row in rows:
        shown.add_row(*row)
    return shown


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn errors the user can fix into messages and exit status 2, without a traceback."""
    try:
        yield
    except ScenarioError as error:
        for problem in error.problems:
            console.print(str(problem), markup=False)
        console.print(f"{len(error.problems)} problem(s); nothing was written.", markup=False)
    except OutputExistsError as error:
        message = f"error: {error.out} already exists; pass --force to replace it"
        console.print(message, markup=False)
        console.print("nothing was written.", markup=False)
    except (
        PluginError, InfeasibleError, RoutingError, VaryError, ClusterError, ExplainError
    ) as error:
        console.print(f"error: {error}", markup=False)
        console.print("nothing was written.", markup=False)
    else:
        return
    sys.exit(EXIT_INPUT)


@contextmanager
def _progress() -> Iterator[Callable[[str], None]]:
    """A status line on stderr that shows what the solvers are doing while they work."""
    with console.status("planning…") as status:

        def show(message: str) -> None:
            status.update(message)

        yield show


def _print_changes(found: Sequence[Change]) -> None:
    """Each moved, added and cancelled visit, old → new, then how many of each."""
    for change in found:
        before, after = change.before or "", change.after or ""
        where = f"{before} → {after}" if before and after else f"{before}{after}"
        reason = f"  ({change.reason})" if change.reason else ""
        line = f"{change.kind:<9} {change.household_id} {change.name}  {where}{reason}"
        out_console.print(line, markup=False)
    counts = {kind: sum(c.kind == kind for c in found) for kind in ("moved", "added", "cancelled")}
    out_console.print(", ".join(f"{n} {kind}" for kind, n in counts.items()), markup=False)


def _print_findings(found: Sequence[Finding]) -> None:
    """Plugins' findings (a late nomination …): worth a look, but they do not stop the run."""
    for finding in found:
        console.print(f"[yellow]note[/yellow] {finding}", highlight=False)


def _print_summary(summary: Summary) -> None:
    out_console.print(
        f"{summary.households} households, {summary.eligible} eligible, {summary.funded} funded: "
        f"{summary.allocated:,} of {summary.total_budget:,} yuan"
    )
    categories = Table("category", "eligible", "funded", "yuan", title="by category")
    for c in summary.categories:
        categories.add_row(c.category, str(c.eligible), str(c.funded), f"{c.amount:,}")
    out_console.print(categories)
    lines = Table("line", "budget", "allocated", "left", "households", title="budget lines")
    for line in summary.lines:
        lines.add_row(
            line.name,
            f"{line.budget:,}",
            f"{line.allocated:,}",
            f"{line.left:,}",
            str(line.households),
        )
    out_console.print(lines)
    teams = Table("team", "days", "visits", "road hours", title="teams")
    for team in summary.teams:
        teams.add_row(team.name, str(team.days), str(team.visits), f"{team.road_minutes / 60:.1f}")
    out_console.print(teams)
    out_console.print(
        f"visits planned {summary.visits_planned}, dropped {summary.visits_dropped} "
        f"(must-visits dropped {summary.must_visits_dropped})"
    )
