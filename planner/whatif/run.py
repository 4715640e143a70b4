"""Plan every variant of a what-if, several at once: in local processes or on a Dask cluster.

A variant travels as plain data (`Job`: the varied scenario and the plugin names) and comes back
as plain figures (`Outcome`): OR-Tools' solver objects do not pickle, so each worker builds its
plugin manager and its models itself. Every solver here runs on one thread (CP-SAT is given one
worker in `allocate`, and routing runs its searches one after another in the variant's process,
`workers=1`), so `workers` processes use at most `workers` cores; more processes than cores
would only make each solve slower.

The route search stops after `solutions` solutions rather than at a time: a search stopped by
the clock ends wherever the machine's load lets it, but one stopped by a solution count gives
the same plan every time, so the same scenario gives the same figures. `time_limit` is only a
safety net; a variant that reaches it is marked, because its figures may then vary.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

import pluggy

from planner.cluster import Cluster
from planner.pipeline import plan_scenario
from planner.plugins import make_plugin_manager
from planner.problems import InfeasibleError, PluginError, ScenarioError
from planner.route import RoutingError
from planner.route import Settings as RouteSettings
from planner.rules import apply_rules, registered_categories
from planner.scenario import Scenario
from planner.summary import Summary, summarise
from planner.whatif.needs import Needs, needs_of
from planner.whatif.vary import Settings, Vary, apply, check, combinations

DEFAULT_WORKERS = 2
DEFAULT_TIME_LIMIT = 120.0
SOLUTIONS = 150
"""Where each variant's route search stops. On the bundled 400-household example: 3.5 s, 207
of the 210 visits and an objective 3% above a 20-second search's, on a 2-core machine; figures
a planner compares across variants, found the same way for each."""
@dataclass(frozen=True)
class Job:
    """One variant to plan, as plain data that pickles: nothing here holds a solver object."""

    number: int
    settings: Settings
    scenario: Scenario
    """The scenario with the variant's values already applied."""
    plugins: tuple[str, ...]
    disabled: tuple[str, ...]
    time_limit: float
    solutions: int


@dataclass(frozen=True)
class Outcome:
    """What planning one variant gave: its figures, or why it could not be planned."""

    number: int
    settings: Settings
    summary: Summary | None
    problem: str = ""
    """Why the variant has no plan, e.g. must-fund households beyond its budget; else empty."""
    time_limited: bool = False
    """The variant took its whole time limit, so the route search may have been cut short."""
    needs: Needs | None = None
    """Which money binds and what would fund every eligible household; None where it failed."""


Done = Callable[[Outcome], None]


def variant_jobs(
    scenario: Scenario,
    pm: pluggy.PluginManager,
    varies: Sequence[Vary],
    *,
    disabled: tuple[str, ...],
    time_limit: float,
) -> list[Job]:
    """One job per combination of the varied values, every one checked before any is planned.

    The base scenario goes through the rules once here, so that a bad households table is
    reported once, as `plan` reports it, rather than by every variant. Each job stops its route
    search at `SOLUTIONS`, so the same scenario gives the same figures.
    """
    apply_rules(scenario, pm)
    check(varies, scenario, {category.name for category in registered_categories(pm).values()})
    return [
        Job(
            number=number,
            settings=settings,
            scenario=apply(scenario, settings),
            plugins=scenario.campaign.plugins,
            disabled=disabled,
            time_limit=time_limit,
            solutions=SOLUTIONS,
        )
        for number, settings in enumerate(combinations(varies), start=1)
    ]


def plan_variant(job: Job) -> Outcome:
    """Plan one variant in whatever process runs it; input that cannot be planned is an outcome."""
    pm = make_plugin_manager(job.plugins, job.disabled)
    started = time.monotonic()
    try:
        settings = RouteSettings(time_limit=job.time_limit, solutions=job.solutions, workers=1)
        plan = plan_scenario(job.scenario, pm, settings)
    except (ScenarioError, PluginError, InfeasibleError, RoutingError) as error:
        return Outcome(job.number, job.settings, None, problem=str(error))
    time_limited = time.monotonic() - started >= job.time_limit
    return Outcome(
        job.number,
        job.settings,
        summarise(plan),
        time_limited=time_limited,
        needs=needs_of(plan.allocation),
    )


def run_variants(
    jobs: Sequence[Job], *, workers: int, cluster: str | None = None, done: Done | None = None
) -> list[Outcome]:
    """Plan every job, calling `done` as each finishes; the outcomes come back in job order.

    Without `cluster`, at most `workers` local processes (never more than the cores); with it,
    on the Dask scheduler at that address, as many at once as its workers take.
    """
    report = done or (lambda outcome: None)
    if cluster is None:
        outcomes = _in_processes(jobs, min(workers, os.cpu_count() or 1), report)
    else:
        outcomes = _on_cluster(jobs, cluster, report)
    return sorted(outcomes, key=lambda outcome: outcome.number)


def _in_processes(jobs: Sequence[Job], workers: int, done: Done) -> list[Outcome]:
    """Separate processes forked from a fresh, single-threaded server that has imported the
    planner once: forking this process would copy its threads (the progress display's among
    them) in whatever state they are in, and spawning would import the planner in every worker."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=context) as pool:
        futures = [pool.submit(plan_variant, job) for job in jobs]
        return _collect((future.result() for future in as_completed(futures)), done)


def _on_cluster(jobs: Sequence[Job], address: str, done: Done) -> list[Outcome]:
    """On a Dask cluster; its workers need songnuan and the scenario's plugins installed."""
    with Cluster(address) as cluster:
        return _collect((outcome for _, outcome in cluster.finished(plan_variant, jobs)), done)


def _collect(finished: Iterable[Outcome], done: Done) -> list[Outcome]:
    outcomes = []
    for outcome in finished:
        done(outcome)
        outcomes.append(outcome)
    return outcomes
