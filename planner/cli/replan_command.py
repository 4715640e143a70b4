"""`songnuan replan`: re-plan a sent-out plan after visits, cancelled days or new households."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from planner.atomic_folder import refuse_existing
from planner.cli.language import lang_option
from planner.cli.printing import print_summary
from planner.cli.terminal import (
    EXIT_MUST_VISIT_DROPPED,
    cluster_option,
    disable_option,
    force_option,
    out_console,
    progress,
    solutions_option,
    split_option,
    time_limit_option,
    user_errors,
)
from planner.export import export
from planner.i18n import Lang, Phrase
from planner.load import load_added_households, load_scenario
from planner.pipeline import DEFAULT_TIME_LIMIT
from planner.plugins import make_plugin_manager
from planner.reasons import ReasonBook
from planner.replan.changes import FILENAME as CHANGES_FILE
from planner.replan.changes import KIND_ZH, Change, changes_writer
from planner.replan.done import read_progress
from planner.replan.previous import read_previous
from planner.replan.run import replan as replan_scenario
from planner.replan.unavailable import read_unavailable
from planner.route import Settings
from planner.route.settings import SOLUTIONS, Split
from planner.summary import summarise


@click.command()
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
    help="A team-day that can no longer go out: the team's id, name or leader, and the date as "
    "scenario.yaml writes dates, e.g. 县领导第一组@腊月廿五 or 王书记@2027-02-01 (repeatable).",
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
@time_limit_option(DEFAULT_TIME_LIMIT)
@solutions_option(SOLUTIONS)
@force_option
@split_option
@cluster_option("Route the parts of a large campaign (the same plan as a local run)")
@disable_option
@lang_option
def replan(
    scenario: Path,
    previous: Path,
    done: Path | None,
    unavailable: tuple[str, ...],
    add: Path | None,
    today: dt.datetime | None,
    out: Path,
    time_limit: float,
    solutions: int,
    force: bool,
    split: Split,
    cluster: str | None,
    disabled: tuple[str, ...],
    lang: Lang,
) -> None:
    """Re-plan after visits were made, days were cancelled or households were added."""
    with user_errors():
        refuse_existing(out, force)
        loaded = load_scenario(scenario)
        before = read_previous(previous, loaded.campaign)
        if add is not None:
            added = load_added_households(add, loaded)
            loaded = loaded.model_copy(update={"households": loaded.households + added})
        planned = {household: route.date for household, (route, _) in before.slots().items()}
        progress_so_far = read_progress(done, planned, today.date() if today else None)
        day = progress_so_far.today
        off = read_unavailable(unavailable, loaded, day)
        pm = make_plugin_manager(loaded.campaign.plugins, disabled)
        with progress() as show:
            result = replan_scenario(
                loaded,
                pm,
                before,
                day,
                off,
                done=progress_so_far.done,
                settings=Settings(
                    time_limit=time_limit, solutions=solutions, split=split, cluster=cluster
                ),
                progress=show,
            )
            show("export: writing files")
            also = [changes_writer(result.changes)]
            written = export(result.plan, out, pm, force=force, also=also)
    summary = summarise(result.plan)
    print_summary(summary, lang)
    out_console.print(WORDS["kept"].say(lang, day=day), markup=False)
    if result.missed:
        placed = {v.household_id for route in result.plan.routes for v in route.visits}
        again = len(result.missed & placed)
        counts = {"done": done, "missed": len(result.missed), "again": again}
        missed = WORDS["missed"].say(lang, **counts, cancelled=len(result.missed) - again)
        out_console.print(missed, markup=False)
    _print_changes(result.changes, result.plan.allocation.cases.reason_book(), lang)
    wrote = WORDS["wrote"].say(lang, count=len(written), out=out, changes=CHANGES_FILE)
    out_console.print(wrote, markup=False)
    if summary.must_visits_dropped:
        sys.exit(EXIT_MUST_VISIT_DROPPED)


def _print_changes(found: Sequence[Change], book: ReasonBook, lang: Lang) -> None:
    """Each moved, added and cancelled visit, old → new, then how many of each."""
    for change in found:
        before, after = change.before or "", change.after or ""
        where = f"{before} → {after}" if before and after else f"{before}{after}"
        reason = f"  ({change.why(book, lang)})" if change.reasons else ""
        kind = KIND_ZH[change.kind] if lang == "zh" else f"{change.kind:<9}"
        line = f"{kind} {change.household_id} {change.name}  {where}{reason}"
        out_console.print(line, markup=False)
    counts = {kind: sum(c.kind == kind for c in found) for kind in KIND_ZH}
    if lang == "zh":
        out_console.print("，".join(f"{KIND_ZH[k]}{n}户" for k, n in counts.items()), markup=False)
    else:
        out_console.print(", ".join(f"{n} {kind}" for kind, n in counts.items()), markup=False)


WORDS = {
    "kept": Phrase(
        "保持原安排：{day}及以前的各组行程", "kept as planned: every team-day up to {day}"
    ),
    "missed": Phrase(
        "此前未走访（不在{done}中）{missed}户：重新安排{again}户，取消{cancelled}户",
        "missed on earlier days (not in {done}): {missed}; placed again {again}, "
        "cancelled {cancelled}",
    ),
    "wrote": Phrase(
        "已写出{count}个文件到{out}（变动见{changes}）",
        "Wrote {count} files to {out} (changes in {changes})",
    ),
}
"""What re-planning prints besides the summary, in Chinese and English."""
