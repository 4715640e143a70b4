"""Re-planning end to end: the previous plan and what happened since → a new plan and its changes.

Pure data in, data out like `pipeline.plan_scenario`, which it follows stage by stage: rules on
the scenario (with the added households), allocation with every earlier grant kept, routing of
the open team-days from the previous routes. The new plan carries the previous plan.json's
published calendars, so export keeps each event's UID and raises SEQUENCE only where it changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Set
from dataclasses import dataclass

import pluggy

from planner.allocate import allocate
from planner.plan import Plan
from planner.replan.changes import Change, changes
from planner.replan.days import kept_routes, missed_visits, open_days
from planner.replan.money import keep_grants
from planner.replan.previous import Previous
from planner.replan.reroute import reroute
from planner.replan.unavailable import TeamDay
from planner.rules import apply_rules
from planner.scenario import Scenario
from planner.travel.matrix import attach_travel


@dataclass(frozen=True)
class Replanned:
    """The new plan, ready to export, what changed against the previous one, and the visits of
    earlier days that were missed (not in done.csv) and so re-planned."""

    plan: Plan
    changes: tuple[Change, ...]
    missed: frozenset[str]


def replan(
    scenario: Scenario,
    pm: pluggy.PluginManager,
    previous: Previous,
    today: dt.date,
    unavailable: Set[TeamDay],
    *,
    done: Set[str] | None = None,
    time_limit: float,
    solution_limit: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> Replanned:
    """Keep the days up to `today`, keep every grant, re-plan the rest with few changes.

    `scenario` already holds any added households. `done` is the households done.csv lists, if
    it was given: a visit of a day before `today` that is not among them is re-planned. With
    `solution_limit` the route search stops after that many solutions, so the same inputs give
    the same plan (see `planner.route`).
    """
    cases = keep_grants(apply_rules(attach_travel(scenario, pm), pm), previous.grants)
    allocation = allocate(cases, progress=progress)
    missed = missed_visits(previous.routes, today, done)
    kept = kept_routes(previous.routes, today, missed)
    if progress is not None:
        progress(f"replan: {len(kept)} team-days kept as planned, the rest re-routed")
    plan = reroute(
        allocation,
        open_days(scenario, today, unavailable),
        kept,
        previous.routes,
        time_limit=time_limit,
        solution_limit=solution_limit,
    )
    plan = plan.model_copy(update={"published": previous.published})
    found = changes(previous, plan, unavailable, missed)
    return Replanned(plan=plan, changes=found, missed=missed)
