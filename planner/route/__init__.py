"""Stage 4, route: Allocation → Plan with OR-Tools routing.

A vehicle is one team on one of its days; a call is a funded household whose case wants a visit.
Inside, like PyVRP: `data` and `solution` are plain values that depend on nothing; `model`
builds the data from an allocation (`explain` gives the reason codes of visits no team can make,
`pool` keeps the car pool); `search` turns data into an OR-Tools RoutingModel with one function
per rule (a rule with several sides, such as `lunch`, has a module of its own) and reads the
answer back; `convert` makes the `Plan`. Between `model` and `search`, households alike in one
village become one stop (`bundle`), a large campaign is routed in parts (`decompose`:
`partition` by district and area, then a `leftover` pass), and every search configuration runs
(`portfolio`). `route` is the one entry, with its `Settings` built once by the caller.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from planner.allocation import Allocation
from planner.plan import Plan
from planner.route import bundle
from planner.route.convert import to_plan
from planner.route.errors import RoutingError
from planner.route.model import build
from planner.route.settings import Settings
from planner.route.solution import NOTHING
from planner.route.start import with_previous

__all__ = ["RoutingError", "Settings", "route"]

Progress = Callable[[str], None]

FINISH_SECONDS_PER_CALL = 50e-6
"""Seconds kept back from the search, per call, for turning its answer into the plan (bundles
opened, a reason for every visit left out): 0.6 s for a province's 19,903 calls, measured."""


def route(allocation: Allocation, settings: Settings, *, progress: Progress | None = None) -> Plan:
    """Each team's day-by-day route for the funded households that want a visit.

    Each search stops after `settings.solutions` solutions, so the same allocation and settings
    give the same plan on any machine, idle or busy, on one core or more; `settings.time_limit`
    (seconds) is the safety net for the whole stage, building the routing data included (2-4 s
    for a province), and a run it stops has `Plan.solver_status` "time_limit".
    `Plan.objective` is the solver's: road minutes plus the penalties of the visits it left
    out (visits no team could make at all never reach the solver and are not counted).
    `settings.previous` (re-planning) is the plan to start from and stay close to.
    Raises `RoutingError` when a team day is unusable or OR-Tools finds no plan at all.
    """
    began = time.monotonic()
    data = build(allocation)
    spent = time.monotonic() - began + FINISH_SECONDS_PER_CALL * len(data.calls)
    settings = replace(settings, time_limit=max(0.001, settings.time_limit - spent))
    start = None
    if settings.previous:
        data, start = with_previous(data, settings.previous)
    if progress is not None:
        progress(
            f"route: {len(data.calls)} visits over {len(data.vehicles)} team-days, "
            f"{len(data.unservable)} impossible"
        )
    if not data.calls:
        return to_plan(allocation, data, NOTHING)
    solution = bundle.solve(data, settings, progress=progress, start=start)
    return to_plan(allocation, data, solution)
