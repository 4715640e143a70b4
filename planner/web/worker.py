"""What a worker process does for one run: plan, re-plan or what-if, as the CLI commands do.

The worker reads the run's own snapshot of the scenario, reports progress through the same
callback the CLI's status line is given (written to progress.json for the page to poll), and
records in run.json how it ended. Problems the office can fix (the loader's `file:row:column`
problems, a budget too small) are recorded as such; anything else is recorded as an internal
error by its type alone, so that no personal value from a household ever reaches a page or log.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pluggy

from planner.explain import ExplainError
from planner.export import export
from planner.export.calendar_state import read_published
from planner.export.plan_json import FILENAME as PLAN_FILE
from planner.export.workbook import write_workbook
from planner.hookspecs import hookimpl
from planner.load import load_added_households, load_scenario
from planner.pipeline import plan_scenario
from planner.plugins import make_plugin_manager
from planner.problems import InfeasibleError, PluginError, ScenarioError
from planner.replan.changes import changes_writer
from planner.replan.done import read_progress
from planner.replan.previous import read_previous
from planner.replan.run import replan
from planner.replan.unavailable import read_unavailable
from planner.route import RoutingError, Settings
from planner.scenario import Scenario
from planner.web.runs import OUT, PROGRESS_FILE, SCENARIO, now, read_run, write_run
from planner.whatif.compare import notes, tables
from planner.whatif.outputs import write_outputs
from planner.whatif.run import run_variants, variant_jobs
from planner.whatif.vary import VaryError, parse_vary

log = logging.getLogger("songnuan.web")

WHATIF_TABLES = "whatif.json"
USER_ERRORS = (PluginError, InfeasibleError, RoutingError, VaryError, ExplainError)
PROGRESS_KEPT = 12
PROGRESS_EVERY = 0.3


def run_job(folder_text: str) -> None:
    """The worker's entry point: do the run recorded in `folder_text` and record its end."""
    os.setpgrp()
    folder = Path(folder_text)
    run = read_run(folder)
    show = ProgressFile(folder / PROGRESS_FILE)
    status, message, problems = "done", "", []
    try:
        {"plan": plan_job, "replan": replan_job, "whatif": whatif_job}[run.kind](
            folder, run.inputs, show
        )
        message = "完成。"
    except ScenarioError as error:
        status, message = "failed", "输入有问题，未写出任何文件："
        problems = [str(problem) for problem in error.problems]
    except USER_ERRORS as error:
        status, message = "failed", f"无法计划：{error}"
    except Exception as error:  # the page says it failed; the log names the type only
        log.error("run %s failed: %s", folder.name, type(error).__name__)
        status, message = "failed", f"内部错误（{type(error).__name__}），未写出任何文件。"
    show.flush()
    finished = read_run(folder)
    if finished.status == "running":
        finished.status, finished.finished = status, now()  # type: ignore[assignment]
        finished.message, finished.problems = message, problems
        write_run(folder, finished)


class ProgressFile:
    """The progress callback: keeps the latest messages in a file the page polls."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[str] = []
        self.written = 0.0

    def __call__(self, message: str) -> None:
        self.lines = [*self.lines, message][-PROGRESS_KEPT:]
        if time.monotonic() - self.written >= PROGRESS_EVERY:
            self.flush()

    def flush(self) -> None:
        """Write the messages now (at the end of a run, or when enough time has passed)."""
        part = self.path.with_name(f".{self.path.name}.part")
        part.write_text(json.dumps(self.lines, ensure_ascii=False), encoding="utf-8")
        os.replace(part, self.path)
        self.written = time.monotonic()


def plan_job(folder: Path, inputs: dict[str, Any], show: Callable[[str], None]) -> None:
    """`songnuan plan`: plan the snapshot, calendars continuing the last plan sent out."""
    loaded = load_scenario(folder / SCENARIO)
    previous = Path(inputs["previous"]) / PLAN_FILE if inputs.get("previous") else None
    published = read_published(previous, loaded.campaign) if previous else ()
    pm = plugin_manager(loaded, inputs)
    show("开始计划")
    settings = Settings(time_limit=float(inputs["time_limit"]))
    result = plan_scenario(loaded, pm, settings, progress=show)
    show("写出文件")
    export(result.model_copy(update={"published": published}), folder / OUT, pm)


def replan_job(folder: Path, inputs: dict[str, Any], show: Callable[[str], None]) -> None:
    """`songnuan replan` from the run it is based on, with the visits done, days off, added."""
    loaded = load_scenario(folder / SCENARIO)
    before = read_previous(Path(inputs["previous"]) / PLAN_FILE, loaded.campaign)
    if inputs.get("added"):
        added = load_added_households(folder / inputs["added"], loaded)
        loaded = loaded.model_copy(update={"households": loaded.households + added})
    planned = {household: route.date for household, (route, _) in before.slots().items()}
    done_file = folder / inputs["done"] if inputs.get("done") else None
    today = _date(inputs.get("today"))
    progress = read_progress(done_file, planned, today)
    off = read_unavailable(inputs.get("unavailable", []), loaded, progress.today)
    pm = plugin_manager(loaded, inputs)
    show("开始调整计划")
    result = replan(loaded, pm, before, progress.today, off, done=progress.done,
                    settings=Settings(time_limit=float(inputs["time_limit"])), progress=show)
    show("写出文件")
    export(result.plan, folder / OUT, pm, also=[changes_writer(result.changes)])


def whatif_job(folder: Path, inputs: dict[str, Any], show: Callable[[str], None]) -> None:
    """`songnuan whatif`: every variant planned, the tables kept for the page, files written."""
    parsed = [parse_vary(text) for text in inputs["vary"]]
    loaded = load_scenario(folder / SCENARIO)
    pm = make_plugin_manager(loaded.campaign.plugins)
    jobs = variant_jobs(loaded, pm, parsed, disabled=(), time_limit=float(inputs["time_limit"]))
    finished = [0]

    def done(_: object) -> None:
        finished[0] += 1
        show(f"已完成 {finished[0]}/{len(jobs)} 个方案")

    show(f"共 {len(jobs)} 个方案，开始计划")
    outcomes = run_variants(jobs, workers=int(inputs.get("workers", 1)), done=done)
    write_outputs(folder / OUT, outcomes, loaded, force=False)
    shown = [*tables(outcomes, "zh", settings=True)]
    data = {
        "tables": [{"title": t.title, "headers": list(t.headers), "rows": [list(r) for r in t.rows]}
                   for t in shown],
        "notes": list(notes(outcomes, "zh")),
    }
    (folder / OUT / WHATIF_TABLES).write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def plugin_manager(scenario: Scenario, inputs: dict[str, Any]) -> pluggy.PluginManager:
    """The scenario's plugins; with subscription addresses, a workbook that prints them."""
    subscriptions: dict[str, str] = inputs.get("subscriptions") or {}
    if not subscriptions:
        return make_plugin_manager(scenario.campaign.plugins)
    pm = make_plugin_manager(scenario.campaign.plugins, ("workbook",))
    pm.register(_SubscribedWorkbook(subscriptions), name="workbook-subscriptions")
    return pm


class _SubscribedWorkbook:
    """The core workbook writer, given each team's calendar subscription address."""

    def __init__(self, subscriptions: dict[str, str]) -> None:
        self.subscriptions = subscriptions

    @hookimpl
    def songnuan_register_writers(self, register: Callable[[str, Any], None]) -> None:
        """Offer the workbook writer under its usual name `workbook`."""
        register("workbook", partial(write_workbook, subscriptions=self.subscriptions))


def _date(text: object) -> dt.date | None:
    """A date from the form's YYYY-MM-DD, or None when left empty."""
    return dt.date.fromisoformat(text) if isinstance(text, str) and text else None
