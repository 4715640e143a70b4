"""Plan lookups that every writer needs: a household's record, case, grant, team and place.

The data boxes keep tuples in the order the office gave them; writers need to go from an id to
the record many times, so they build one `PlanIndex` instead of scanning tuples in loops.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.allocation import Grant
from planner.cases import Case
from planner.plan import Plan, Route
from planner.scenario import TZ, Campaign, Household, Place, Scenario, Team


@dataclass(frozen=True)
class PlanIndex:
    """The plan with dictionaries by id, built once per writer call."""

    plan: Plan
    households: dict[str, Household]
    cases: dict[str, Case]
    grants: dict[str, Grant]
    teams: dict[str, Team]
    places: dict[str, Place]
    line_names: dict[str, str]

    @property
    def scenario(self) -> Scenario:
        return self.plan.allocation.cases.scenario

    @property
    def campaign(self) -> Campaign:
        return self.scenario.campaign

    def category(self, household_id: str) -> str:
        """The category the rules settled on, else the one in the households table."""
        case = self.cases.get(household_id)
        return case.category if case else self.households[household_id].category

    def district(self, household_id: str) -> str:
        """The household's district (乡镇/街道) as the rules stage recorded it."""
        case = self.cases.get(household_id)
        if case:
            return case.district
        place = self.places.get(self.households[household_id].place)
        return place.district if place else ""

    def place_name(self, place_id: str) -> str:
        """The place's name, or its id when the scenario has no such place."""
        place = self.places.get(place_id)
        return place.name if place else place_id

    def address(self, household_id: str, place_id: str) -> str:
        """Where a team goes for this household: its address, else the name of its place."""
        return self.households[household_id].address or self.place_name(place_id)

    def routes_of(self, team_id: str) -> list[Route]:
        """The team's routes in time order."""
        routes = [route for route in self.plan.routes if route.team_id == team_id]
        return sorted(routes, key=lambda route: route.start)

    def grants_in_table_order(self) -> list[Grant]:
        """Grants in the order of the households table, the order the office knows its list in."""
        return [self.grants[h.id] for h in self.scenario.households if h.id in self.grants]

    def grants_by_unit(self) -> dict[str, list[Grant]]:
        """Grants grouped by work unit, units in order of first appearance in the table.

        Sign-off sheets and the public notice go unit by unit: each unit's list is what its
        colleagues sign or check.
        """
        units: dict[str, list[Grant]] = {}
        for grant in self.grants_in_table_order():
            units.setdefault(self.households[grant.household_id].unit, []).append(grant)
        return units

    def first_day(self) -> dt.datetime:
        """Midnight of the campaign's first working day: a stable stamp that is not "now"."""
        dates = [day.date for team in self.scenario.teams for day in team.days]
        dates += [route.date for route in self.plan.routes]
        first = min(dates, default=dt.date(self.campaign.year, 1, 1))
        return dt.datetime.combine(first, dt.time(0, 0), tzinfo=TZ)


def index_plan(plan: Plan) -> PlanIndex:
    """Index the plan's records by id."""
    allocation = plan.allocation
    scenario = allocation.cases.scenario
    return PlanIndex(
        plan=plan,
        households={h.id: h for h in scenario.households},
        cases={c.household_id: c for c in allocation.cases.cases},
        grants={g.household_id: g for g in allocation.grants},
        teams={t.id: t for t in scenario.teams},
        places={p.id: p for p in scenario.places},
        line_names={line.id: line.name for line in scenario.budget.lines},
    )


def local(moment: dt.datetime) -> dt.datetime:
    """The moment as wall-clock time in Asia/Shanghai, whatever zone the router used."""
    return moment.astimezone(TZ)
