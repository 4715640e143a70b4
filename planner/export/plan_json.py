"""`plan.json`: the whole plan for other programs, without personal data.

Upper unions aggregate the lists units send up (汇总平衡) and dashboards read the plan, so the
file must be stable and self-describing: keys always in the same order, dates in ISO 8601 with
the +08:00 offset, amounts in integer yuan. It is a file that travels, so it names households
but carries no ID number, bank card, phone, income or health fact. It also records what the
calendars published (UIDs, SEQUENCE, fingerprints), which the next run of the campaign reads to
update phones in place. Every field is documented in docs/plan.md.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from planner.allocation import Unfunded
from planner.export import Register
from planner.export.calendar_revisions import calendars_to_publish
from planner.export.calendar_state import calendars_json
from planner.export.lookup import PlanIndex, index_plan, local
from planner.hookspecs import hookimpl
from planner.plan import DroppedVisit, Plan, Route, Visit
from planner.travel.labels import travel_facts

FILENAME = "plan.json"
FORMAT_VERSION = 1

Json = dict[str, Any]


@hookimpl
def songnuan_register_writers(register: Register) -> None:
    """Offer the plan.json writer under the name `plan-json`."""
    register("plan-json", write_plan_json)


def write_plan_json(plan: Plan, folder: Path) -> None:
    """Write `plan.json` into `folder`, UTF-8, readable Chinese, two-space indent."""
    text = json.dumps(plan_document(plan), ensure_ascii=False, indent=2)
    (folder / FILENAME).write_text(text + "\n", encoding="utf-8")


def plan_document(plan: Plan) -> Json:
    """The plan as JSON-ready dicts, in a fixed key order."""
    index = index_plan(plan)
    allocation = plan.allocation
    campaign = index.campaign
    return {
        "format_version": FORMAT_VERSION,
        "campaign": {
            "name": campaign.name,
            "year": campaign.year,
            "organisation": campaign.organisation,
        },
        "budget": _budget(index),
        "grants": [_grant(index, grant.household_id) for grant in index.grants_in_table_order()],
        "unfunded": [_unfunded(index, unfunded) for unfunded in allocation.unfunded],
        "cases": [_case(index, case.household_id) for case in allocation.cases.cases],
        "travel": travel_facts(index.scenario),
        "routes": [_route(index, route) for route in _routes_in_order(plan)],
        "dropped": [_dropped(index, dropped) for dropped in plan.dropped],
        "calendars": calendars_json(calendars_to_publish(plan)),
        "objective": plan.objective,
        "solver_status": {"allocation": allocation.solver_status, "routing": plan.solver_status},
    }


def _budget(index: PlanIndex) -> Json:
    """The total budget and the use of each budget line."""
    allocation = index.plan.allocation
    return {
        "total": allocation.total_budget,
        "allocated": allocation.total_allocated,
        "left": allocation.total_budget - allocation.total_allocated,
        "lines": [
            {
                "line_id": line.line_id,
                "name": line.name,
                "budget": line.budget,
                "allocated": line.allocated,
                "left": line.left,
                "households": line.households,
            }
            for line in allocation.lines
        ],
    }


def _grant(index: PlanIndex, household_id: str) -> Json:
    """One grant with the names an office needs to read it; no bank card."""
    grant = index.grants[household_id]
    household = index.households[household_id]
    return {
        "household_id": household_id,
        "name": household.name,
        "unit": household.unit,
        "district": index.district(household_id),
        "category": index.category(household_id),
        "amount": grant.amount,
        "line_id": grant.line_id,
    }


def _unfunded(index: PlanIndex, unfunded: Unfunded) -> Json:
    """An eligible household left without a grant, and why."""
    return {
        "household_id": unfunded.household_id,
        "name": _name(index, unfunded.household_id),
        "reason": unfunded.reason,
    }


def _case(index: PlanIndex, household_id: str) -> Json:
    """What the rules decided about one household, with their reasons."""
    case = index.cases[household_id]
    return {
        "household_id": household_id,
        "name": _name(index, household_id),
        "category": case.category,
        "eligible": case.eligible,
        "reasons": list(case.reasons),
        "priority": case.priority,
        "standard": case.standard,
        "must_fund": case.must_fund,
        "visit": case.visit,
        "tier": case.tier,
    }


def _routes_in_order(plan: Plan) -> list[Route]:
    """Routes by team, then day: the order a reader scans a schedule in."""
    return sorted(plan.routes, key=lambda route: (route.team_id, route.start))


def _route(index: PlanIndex, route: Route) -> Json:
    """One team-day: when it leaves and returns, its lunch break and its stops."""
    team = index.teams[route.team_id]
    lunch = None
    if route.lunch_start and route.lunch_end:
        lunch = {"start": _iso(route.lunch_start), "end": _iso(route.lunch_end)}
    return {
        "team_id": route.team_id,
        "team_name": team.name,
        "leader": team.leader,
        "date": route.date.isoformat(),
        "depot": route.depot,
        "start": _iso(route.start),
        "end": _iso(route.end),
        "lunch": lunch,
        "travel_minutes": route.travel_minutes,
        "visits": [_visit(index, visit) for visit in route.visits],
    }


def _visit(index: PlanIndex, visit: Visit) -> Json:
    """One stop of a route."""
    place = index.places.get(visit.place)
    return {
        "household_id": visit.household_id,
        "name": _name(index, visit.household_id),
        "place": visit.place,
        "place_name": place.name if place else "",
        "arrival": _iso(visit.arrival),
        "departure": _iso(visit.departure),
        "travel_minutes": visit.travel_minutes,
    }


def _dropped(index: PlanIndex, dropped: DroppedVisit) -> Json:
    """A wished-for visit no team makes, and why."""
    return {
        "household_id": dropped.household_id,
        "name": _name(index, dropped.household_id),
        "must": dropped.must,
        "reason": dropped.reason,
    }


def _name(index: PlanIndex, household_id: str) -> str:
    """The household's name (户主姓名)."""
    return index.households[household_id].name


def _iso(moment: dt.datetime) -> str:
    """ISO 8601 in Asia/Shanghai, e.g. 2027-01-18T09:30:00+08:00."""
    return local(moment).isoformat()
