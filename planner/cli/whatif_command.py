"""`songnuan whatif`: plan variants of a scenario's figures and compare them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich import box
from rich.cells import cell_len
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from planner.atomic_folder import refuse_existing
from planner.cli.terminal import (
    cluster_option,
    console,
    disable_option,
    force_option,
    out_console,
    time_limit_option,
    user_errors,
)
from planner.load import load_scenario
from planner.plugins import make_plugin_manager
from planner.whatif.compare import Table as Comparison
from planner.whatif.compare import legend, notes, tables, transposed
from planner.whatif.run import DEFAULT_TIME_LIMIT as VARIANT_TIME_LIMIT
from planner.whatif.run import DEFAULT_WORKERS, run_variants, variant_jobs
from planner.whatif.vary import parse_vary


@click.command()
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
@time_limit_option(
    VARIANT_TIME_LIMIT,
    "Seconds one variant may take at most. The route search normally stops sooner, after a "
    "fixed number of solutions, so that the same scenario gives the same figures.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=DEFAULT_WORKERS,
    show_default=True,
    help="Variants planned at once, each in its own process (at most one per core).",
)
@cluster_option("Plan the variants")
@force_option
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
    with user_errors():
        refuse_existing(out, force)
        parsed = [parse_vary(text) for text in varies]
        loaded = load_scenario(scenario)
        pm = make_plugin_manager(loaded.campaign.plugins, disabled)
        jobs = variant_jobs(loaded, pm, parsed, disabled=disabled, time_limit=time_limit)
        with _variant_progress(len(jobs)) as done:
            outcomes = run_variants(jobs, workers=workers, cluster=cluster, done=done)
        # Imported here: the chart's matplotlib takes 0.3 s to load, which every other
        # command would pay at start-up.
        from planner.whatif.outputs import write_outputs

        written = write_outputs(out, outcomes, loaded, force=force)
    overview, *others = tables(outcomes, "en", settings=False)
    shown = (legend(outcomes, "en"), overview, *(transposed(table) for table in others))
    for table in shown:
        out_console.print(_comparison_table(table))
    for note in notes(outcomes, "en"):
        console.print(f"note: {note}", markup=False)
    if loaded.travel.minutes.is_estimate:
        console.print("note: road hours are straight-line estimates (travel.minutes: estimate)")
    out_console.print(f"Wrote {len(written)} files to {out}")


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
