"""`plan.json`: the whole plan for other programs, without personal data.

Upper unions aggregate the lists units send up (汇总平衡) and dashboards read the plan, so the
file must be stable and self-describing: keys always in the same order, dates in ISO 8601 with
the +08:00 offset, amounts in integer yuan. It is a file that travels, so it names households
but carries no ID number, bank card, phone, address, income or health fact (not even the rules'
eligibility reasons, which do). It also records what the calendars published (UIDs, SEQUENCE,
fingerprints), which the next run of the campaign reads to update phones in place. The document
is `planner.plan_file.PlanFile`, which the readers validate against; every field is documented
in docs/plan.md.
"""

from __future__ import annotations

from pathlib import Path

from planner.allocation import Unfunded
from planner.export import Register
from planner.export.calendar_revisions import calendars_to_publish
from planner.export.calendar_state import calendars_json
from planner.export.lookup import PlanIndex, index_plan
from planner.hookspecs import hookimpl
from planner.plan import DroppedVisit, Plan, Route, Visit
from planner.plan_file import (
    FILENAME,
    FORMAT_VERSION,
    BudgetRecord,
    CampaignRecord,
    CaseRecord,
    DroppedRecord,
    GrantRecord,
    LineRecord,
    LunchRecord,
    PlanFile,
    ReasonRecord,
    RouteRecord,
    SolverStatus,
    TravelRecord,
    UnfundedRecord,
    VisitRecord,
)
from planner.reasons import ReasonBook

__all__ = ["FILENAME", "plan_document", "write_plan_json"]


@hookimpl
def songnuan_register_writers(register: Register) -> None:
    """Offer the plan.json writer under the name `plan-json`."""
    register("plan-json", write_plan_json)


def write_plan_json(plan: Plan, folder: Path) -> None:
    """Write `plan.json` into `folder`, UTF-8, readable Chinese, two-space indent."""
    (folder / FILENAME).write_text(plan_document(plan).to_json(), encoding="utf-8")


def plan_document(plan: Plan) -> PlanFile:
    """The plan as its plan.json document, fields in a fixed order."""
    index = index_plan(plan)
    allocation = plan.allocation
    campaign = index.campaign
    book = allocation.cases.reason_book()
    return PlanFile(
        format_version=FORMAT_VERSION,
        campaign=CampaignRecord(
            name=campaign.name, year=campaign.year, organisation=campaign.organisation
        ),
        budget=_budget(index),
        grants=tuple(_grant(index, grant.household_id) for grant in index.grants_in_table_order()),
        unfunded=tuple(_unfunded(index, unfunded, book) for unfunded in allocation.unfunded),
        cases=tuple(_case(index, case.household_id) for case in allocation.cases.cases),
        travel=_travel(index),
        routes=tuple(_route(index, route) for route in _routes_in_order(plan)),
        dropped=tuple(_dropped(index, dropped, book) for dropped in plan.dropped),
        calendars=calendars_json(calendars_to_publish(plan)),
        objective=plan.objective,
        solver_status=SolverStatus(allocation=allocation.solver_status, routing=plan.solver_status),
    )


def _travel(index: PlanIndex) -> TravelRecord:
    """Where the plan's minutes came from, and whether they are estimated."""
    minutes = index.scenario.travel.minutes
    return TravelRecord(source=minutes.source, estimate=minutes.is_estimate)


def _budget(index: PlanIndex) -> BudgetRecord:
    """The total budget and the use of each budget line."""
    allocation = index.plan.allocation
    return BudgetRecord(
        total=allocation.total_budget,
        allocated=allocation.total_allocated,
        left=allocation.total_budget - allocation.total_allocated,
        lines=tuple(
            LineRecord(
                line_id=line.line_id,
                name=line.name,
                budget=line.budget,
                allocated=line.allocated,
                left=line.left,
                households=line.households,
            )
            for line in allocation.lines
        ),
    )


def _grant(index: PlanIndex, household_id: str) -> GrantRecord:
    """One grant with the names an office needs to read it; no bank card."""
    grant = index.grants[household_id]
    household = index.households[household_id]
    return GrantRecord(
        household_id=household_id,
        name=household.name,
        unit=household.unit,
        district=index.district(household_id),
        category=index.category(household_id),
        amount=grant.amount,
        line_id=grant.line_id,
    )


def _unfunded(index: PlanIndex, unfunded: Unfunded, book: ReasonBook) -> UnfundedRecord:
    """An eligible household left without a grant, and why (which line ran short): the reason
    as data and in Chinese. Allocation's reasons name lines, amounts and priorities, no
    personal fact."""
    return UnfundedRecord(
        household_id=unfunded.household_id,
        name=_name(index, unfunded.household_id),
        reason=ReasonRecord.of(unfunded.reason, book),
    )


def _case(index: PlanIndex, household_id: str) -> CaseRecord:
    """What the rules decided about one household, without the reasons (health, income)."""
    case = index.cases[household_id]
    return CaseRecord(
        household_id=household_id,
        name=_name(index, household_id),
        category=case.category,
        eligible=case.eligible,
        priority=case.priority,
        standard=case.standard,
        must_fund=case.must_fund,
        visit=case.visit,
        tier=case.tier,
    )


def _routes_in_order(plan: Plan) -> list[Route]:
    """Routes by team, then day: the order a reader scans a schedule in."""
    return sorted(plan.routes, key=lambda route: (route.team_id, route.start))


def _route(index: PlanIndex, route: Route) -> RouteRecord:
    """One team-day: when it leaves and returns, its lunch break and its stops."""
    team = index.teams[route.team_id]
    lunch = None
    if route.lunch_start and route.lunch_end:
        lunch = LunchRecord(start=route.lunch_start, end=route.lunch_end)
    return RouteRecord(
        team_id=route.team_id,
        team_name=team.name,
        leader=team.leader,
        date=route.date,
        depot=route.depot,
        start=route.start,
        end=route.end,
        lunch=lunch,
        travel_minutes=route.travel_minutes,
        visits=tuple(_visit(index, visit) for visit in route.visits),
    )


def _visit(index: PlanIndex, visit: Visit) -> VisitRecord:
    """One stop of a route."""
    place = index.places.get(visit.place)
    return VisitRecord(
        household_id=visit.household_id,
        name=_name(index, visit.household_id),
        place=visit.place,
        place_name=place.name if place else "",
        arrival=visit.arrival,
        departure=visit.departure,
        travel_minutes=visit.travel_minutes,
    )


def _dropped(index: PlanIndex, dropped: DroppedVisit, book: ReasonBook) -> DroppedRecord:
    """A wished-for visit no team makes, and why."""
    return DroppedRecord(
        household_id=dropped.household_id,
        name=_name(index, dropped.household_id),
        must=dropped.must,
        reason=ReasonRecord.of(dropped.reason, book),
    )


def _name(index: PlanIndex, household_id: str) -> str:
    """The household's name (户主姓名)."""
    return index.households[household_id].name
