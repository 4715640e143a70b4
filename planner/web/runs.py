"""Runs: every plan, re-plan and what-if of a campaign, kept with its time, inputs and outputs.

A run is a folder `runs/<id>/` of its campaign: `run.json` (kind, status, times, inputs, what it
was based on), `scenario/` (the scenario files as they were when it started, so the run can be
read again and is not changed by later edits), `progress.json` (the solver's latest messages)
and `out/` (what `plan`, `replan` or `whatif` writes). The solver runs in a worker process of its
own (`planner.web.worker`), in its own process group so that cancelling ends the what-if's
helper processes too; the request that started it returns at once.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import secrets
import shutil
import signal
from dataclasses import asdict, dataclass, field
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Literal

from planner.web.progress_words import in_chinese
from planner.web.workspace import SAFE_NAME, Campaign, NotFound, scenario_files

Kind = Literal["plan", "replan", "whatif"]
Status = Literal["running", "done", "failed", "cancelled"]

RUN_FILE, PROGRESS_FILE = "run.json", "progress.json"
SCENARIO, OUT = "scenario", "out"
KIND_NAMES = {"plan": "计划", "replan": "调整计划", "whatif": "假设分析"}
STATUS_NAMES = {"running": "进行中", "done": "已完成", "failed": "未成功", "cancelled": "已取消"}


@dataclass
class Run:
    """What run.json records about one run."""

    id: str
    kind: Kind
    status: Status
    started: str
    finished: str = ""
    based_on: str = ""
    inputs: dict[str, Any] = field(default_factory=dict)
    message: str = ""
    problems: list[str] = field(default_factory=list)
    pid: int = 0

    @property
    def kind_name(self) -> str:
        """The kind in Chinese, for the pages."""
        return KIND_NAMES[self.kind]

    @property
    def started_at(self) -> str:
        """When it started, as a page shows it: 2027-01-20 08:31."""
        return self.started[:16].replace("T", " ")

    @property
    def finished_at(self) -> str:
        """When it ended, as a page shows it."""
        return self.finished[:16].replace("T", " ")

    @property
    def status_name(self) -> str:
        """The status in Chinese, for the pages."""
        return STATUS_NAMES[self.status]


def now() -> str:
    """The time of day in Asia/Shanghai, to the second, as a run records it."""
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).isoformat(timespec="seconds")


def read_run(folder: Path) -> Run:
    """The run recorded in `folder`."""
    return Run(**json.loads((folder / RUN_FILE).read_text(encoding="utf-8")))


def write_run(folder: Path, run: Run) -> None:
    """Record `run` in `folder`, replacing run.json whole."""
    part = folder / f".{RUN_FILE}.part"
    part.write_text(json.dumps(asdict(run), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(part, folder / RUN_FILE)


def run_folder(campaign: Campaign, run_id: str) -> Path:
    """The folder of run `run_id`; `NotFound` for a name no run could have."""
    folder = campaign.runs / run_id
    if not SAFE_NAME.match(run_id) or not (folder / RUN_FILE).is_file():
        raise NotFound(run_id)
    return folder


def list_runs(campaign: Campaign) -> list[Run]:
    """The campaign's runs, newest first."""
    if not campaign.runs.is_dir():
        return []
    folders = [f for f in campaign.runs.iterdir() if (f / RUN_FILE).is_file()]
    return sorted((read_run(f) for f in folders), key=lambda r: r.id, reverse=True)


def latest_plan(campaign: Campaign) -> Run | None:
    """The newest finished plan or re-plan: what was sent out last, what phones subscribe to."""
    done = [r for r in list_runs(campaign) if r.status == "done" and r.kind != "whatif"]
    return done[0] if done else None


def progress_lines(folder: Path) -> list[str]:
    """The worker's latest progress messages, oldest first."""
    try:
        lines = json.loads((folder / PROGRESS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [in_chinese(str(line)) for line in lines] if isinstance(lines, list) else []


class Runner:
    """Starts worker processes and knows the ones this server started."""

    def __init__(self) -> None:
        self._processes: dict[Path, BaseProcess] = {}
        self._context = multiprocessing.get_context("spawn")

    def start(
        self,
        campaign: Campaign,
        kind: Kind,
        inputs: dict[str, Any],
        based_on: str = "",
        files: dict[str, bytes] | None = None,
    ) -> Run:
        """Snapshot the scenario, record the run and start its worker; returns at once.

        `files` (names the app chose → bytes) are the run's own inputs, kept in its folder.
        """
        from planner.web.worker import run_job

        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        run = Run(f"{stamp}-{secrets.token_hex(2)}", kind, "running", now(), based_on=based_on,
                  inputs=inputs)
        folder = campaign.runs / run.id
        (folder / SCENARIO).mkdir(parents=True)
        for item in scenario_files(campaign.folder):
            shutil.copy2(item, folder / SCENARIO / item.name)
        for name, content in (files or {}).items():
            (folder / name).write_bytes(content)
        write_run(folder, run)
        process = self._context.Process(target=run_job, args=(str(folder),), name=kind)
        process.start()
        run.pid = process.pid or 0
        write_run(folder, run)
        self._processes[folder] = process
        return run

    def status(self, folder: Path) -> Run:
        """The run as recorded, marked failed when its worker ended without saying how."""
        run = read_run(folder)
        if run.status != "running":
            return run
        process = self._processes.get(folder)
        if process is None or not process.is_alive():
            run = read_run(folder)
            if run.status == "running":
                run.status, run.finished = "failed", now()
                run.message = "计划进程意外结束（服务曾重启或进程被终止），请重新开始。"
                write_run(folder, run)
        return run

    def cancel(self, folder: Path) -> Run:
        """End a running run's worker and its helpers, and record it as cancelled."""
        run = read_run(folder)
        process = self._processes.get(folder)
        if run.status == "running" and process is not None and process.is_alive():
            _end_group(process)
            run.status, run.finished, run.message = "cancelled", now(), "已按要求取消。"
            write_run(folder, run)
        return self.status(folder)

    def stop_all(self) -> None:
        """End every worker still running (the server is stopping) and record them cancelled."""
        for folder in list(self._processes):
            self.cancel(folder)


def _end_group(process: BaseProcess) -> None:
    """Terminate the worker's process group (the worker and any what-if processes it started)."""
    pid = process.pid
    if pid is None:
        return
    try:
        os.killpg(pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        process.terminate()
    process.join(timeout=10)
    if process.is_alive():
        process.kill()
        process.join(timeout=5)
