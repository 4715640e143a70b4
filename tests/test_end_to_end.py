"""`songnuan plan` on the bundled example, checked the way an office would check the result."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner, Result
from icalendar import Calendar

from planner.cli import main
from planner.load import load_scenario
from planner.plugins import make_plugin_manager
from planner.rules import apply_rules
from planner.scenario import Scenario

EXAMPLE = Path(__file__).resolve().parent.parent / "scenarios" / "county-union-2027"


@pytest.fixture(scope="module")
def example() -> Scenario:
    return load_scenario(EXAMPLE)


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    """One run of the CLI on the example, shared by the tests of this module."""
    out = tmp_path_factory.mktemp("run") / "out"
    result = CliRunner().invoke(
        main, ["plan", str(EXAMPLE), "--out", str(out), "--time-limit", "8"]
    )
    return result, out


@pytest.fixture(scope="module")
def plan_json(planned: tuple[Result, Path]) -> dict[str, Any]:
    return json.loads((planned[1] / "plan.json").read_text(encoding="utf-8"))


def test_plan_succeeds_and_prints_the_summary(planned: tuple[Result, Path]) -> None:
    """Exit 0, and the summary names funded households, lines, visits and road hours, in
    Chinese, calling households funded but not visited 获资助未走访 and the solvers' states by
    plain words, never by their codes."""
    result, out = planned
    assert result.exit_code == 0, result.output
    for expected in (
        "获资助",
        "劳模慰问金",
        "困难职工慰问金",
        "安排走访",
        "获资助未走访",
        "路上小时",
    ):
        assert expected in result.output
    assert "dropped" not in result.output
    assert not re.search(r"ROUTING_|OPTIMAL|FEASIBLE", result.output)
    assert (out / "allocation.xlsx").is_file()


def test_each_calendar_parses_and_holds_its_teams_visits(
    planned: tuple[Result, Path], plan_json: dict[str, Any], example: Scenario
) -> None:
    """One .ics per team; its visit events are exactly that team's visits, at the planned times."""
    out = planned[1]
    for team in example.teams:
        calendar = Calendar.from_ical((out / "calendars" / f"{team.id}.ics").read_bytes())
        events = {
            str(event["UID"]): event
            for event in calendar.walk("VEVENT")
            if str(event["SUMMARY"]).startswith("慰问")
        }
        visits = [
            visit
            for route in plan_json["routes"]
            if route["team_id"] == team.id
            for visit in route["visits"]
        ]
        assert len(events) == len(visits) > 0
        starts = sorted(event.decoded("DTSTART") for event in events.values())
        assert starts == sorted(dt.datetime.fromisoformat(visit["arrival"]) for visit in visits)


def test_every_visit_lies_in_its_teams_hours_and_outside_lunch(
    plan_json: dict[str, Any], example: Scenario
) -> None:
    """Arrival after the day's start, departure before its end, no overlap with the lunch break."""
    days = {(team.id, day.date.isoformat()): day for team in example.teams for day in team.days}
    for route in plan_json["routes"]:
        day = days[(route["team_id"], route["date"])]
        lunch = route.get("lunch")
        for visit in route["visits"]:
            arrival = dt.datetime.fromisoformat(visit["arrival"])
            departure = dt.datetime.fromisoformat(visit["departure"])
            assert arrival.date() == day.date
            assert day.start <= arrival.time() and departure.time() <= day.end
            if lunch:
                lunch_start = dt.datetime.fromisoformat(lunch["start"])
                lunch_end = dt.datetime.fromisoformat(lunch["end"])
                assert departure <= lunch_start or arrival >= lunch_end
        if lunch and day.lunch:
            assert dt.datetime.fromisoformat(lunch["start"]).time() >= day.lunch.earliest
            assert dt.datetime.fromisoformat(lunch["end"]).time() <= day.lunch.latest


def test_consecutive_visits_leave_the_travel_minutes(
    plan_json: dict[str, Any], example: Scenario
) -> None:
    """Between two stops there is at least the shortest road time (and lunch, if it falls there)."""
    roads = nx.Graph()
    roads.add_weighted_edges_from((road.a, road.b, road.minutes) for road in example.roads)
    for route in plan_json["routes"]:
        lunch = route.get("lunch")
        for before, after in zip(route["visits"], route["visits"][1:], strict=False):
            gap = _minutes(after["arrival"]) - _minutes(before["departure"])
            need = nx.shortest_path_length(roads, before["place"], after["place"], weight="weight")
            if lunch and before["departure"] <= lunch["start"] < after["arrival"]:
                need += _minutes(lunch["end"]) - _minutes(lunch["start"])
            assert gap >= need, (route["team_id"], before["household_id"], after["household_id"])


def test_no_budget_line_is_exceeded(plan_json: dict[str, Any], example: Scenario) -> None:
    """Grants summed per line, from the grants themselves, stay within each line and the total."""
    spent: dict[str, int] = {}
    for grant in plan_json["grants"]:
        spent[grant["line_id"]] = spent.get(grant["line_id"], 0) + grant["amount"]
    for line in example.budget.lines:
        assert spent.get(line.id, 0) <= line.amount
    assert sum(spent.values()) <= example.budget.total
    short = [line for line in plan_json["budget"]["lines"] if line["left"] < 3000]
    assert short, "the example should make at least one line run short"
    assert plan_json["unfunded"], "and so leave someone out, with a reason"
    assert all(entry["reason"] for entry in plan_json["unfunded"])


def test_every_funded_household_is_eligible(plan_json: dict[str, Any], example: Scenario) -> None:
    """Re-applying the rules: each grant goes to an eligible household, for its standard amount."""
    cases = {
        case.household_id: case
        for case in apply_rules(example, make_plugin_manager(["union"])).cases
    }
    for grant in plan_json["grants"]:
        case = cases[grant["household_id"]]
        assert case.eligible and grant["amount"] == case.standard


def test_no_household_is_visited_twice(plan_json: dict[str, Any]) -> None:
    """不重: a household appears in at most one route."""
    visited = [visit["household_id"] for route in plan_json["routes"] for visit in route["visits"]]
    assert len(visited) == len(set(visited))


def test_no_personal_data_in_calendars_or_plan_json(
    planned: tuple[Result, Path], example: Scenario
) -> None:
    """ID numbers and bank cards never reach a calendar or plan.json."""
    out = planned[1]
    texts = [path.read_text(encoding="utf-8") for path in (out / "calendars").glob("*.ics")]
    texts.append((out / "plan.json").read_text(encoding="utf-8"))
    secrets = [h.id_number for h in example.households] + [h.bank_card for h in example.households]
    for text in texts:
        assert not [secret for secret in secrets if secret and secret in text]


def _minutes(iso: str) -> int:
    return int(dt.datetime.fromisoformat(iso).timestamp() // 60)
