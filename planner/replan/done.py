"""done.csv and the day of re-planning: which visits are done, and which days are under way.

Re-planning must never move a visit that was made or a team that is already out, and it must
decide which days those are the same way on every run, so "now" is a date, not the clock:
`--today`, else the latest day done.csv shows a visit done (its own date, or the day the visit
was planned on), else the real date in Asia/Shanghai. Every team-day up to and including that
date is kept as it was planned — except, when done.csv is given, the visits of the days before
it that done.csv does not list: nobody was home, or the team did not get there, so they need a
later day (see `planner.replan.days`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from planner.load import load_table
from planner.problems import Problem, ScenarioError
from planner.scenario import TZ, Frozen
from planner.tables import ColumnSpec

DONE_COLUMNS = (
    ColumnSpec("household_id", "编号", required=True),
    ColumnSpec("date", "走访日期", kind="date"),
)
"""done.csv: the household of each visit made, and optionally the day it was made."""


class DoneVisit(Frozen):
    """One row of done.csv."""

    household_id: str
    date: dt.date | None = None


@dataclass(frozen=True)
class Progress:
    """How far the campaign has got: the day of re-planning and the households visited."""

    today: dt.date
    done: frozenset[str] | None
    """The households done.csv lists; None without done.csv, when every visit of the days up to
    `today` counts as made, for nothing says otherwise."""


def read_progress(
    path: Path | None, planned: Mapping[str, dt.date], today: dt.date | None
) -> Progress:
    """The day of re-planning and the visits made, checked against the previous plan.

    `planned` is each visited household's day in the previous plan. A done household that plan
    did not visit, or a visit done (or planned) after an explicit `today`, is a problem at its
    `file:row:column`; all are raised together as one `ScenarioError`.
    """
    if path is None:
        return Progress(today or dt.datetime.now(TZ).date(), None)
    table, rows, problems = load_table(path, DONE_COLUMNS, DoneVisit)
    days = []
    for number, visit in rows:
        day = planned.get(visit.household_id)
        if day is None:
            message = f"上一版计划里没有走访 {visit.household_id} 这一户"
            problems.append(Problem(table.file, number, table.column("household_id"), message))
            continue
        latest = max(day, visit.date or day)
        if today is not None and latest > today:
            message = f"{visit.household_id} 计划 {day} 走访，完成于 {visit.date or day}："
            message += f"晚于 --today {today}"
            field = "date" if visit.date and visit.date > today else "household_id"
            problems.append(Problem(table.file, number, table.column(field), message))
        days.append(latest)
    if problems:
        raise ScenarioError(problems)
    day = today or max(days, default=dt.datetime.now(TZ).date())
    return Progress(day, frozenset(visit.household_id for _, visit in rows))
