"""A scenario folder read part by part, cross-checked, and built into a `Scenario`."""

from __future__ import annotations

from pathlib import Path

from planner.load.budget import read_budget
from planner.load.calendar_section import read_calendar
from planner.load.cross_checks import cross_check
from planner.load.household_tables import HISTORY_COLUMNS, HOUSEHOLD_COLUMNS
from planner.load.id_numbers import check_id_numbers
from planner.load.locate import convert_places, locate_households
from planner.load.messages import unknown_key
from planner.load.network_tables import PLACE_COLUMNS, ROAD_COLUMNS
from planner.load.report import Report
from planner.load.rule_options import read_rules
from planner.load.table_files import table_names, table_sheets
from planner.load.table_rows import read_models
from planner.load.teams import check_team_sizes, read_teams
from planner.load.yaml_keys import SECTIONS
from planner.load.yaml_source import MAX_YAML_NUMBER, SCENARIO_FILE, numbers_too_large, read_yaml
from planner.problems import Problem, ScenarioError
from planner.scenario import (
    Campaign,
    FairLoads,
    HistoryEntry,
    Household,
    Place,
    Road,
    Scenario,
    Travel,
    VisitSettings,
)


def load_scenario(folder: Path | str) -> Scenario:
    """Read and check a scenario folder; raise one `ScenarioError` listing every problem."""
    root = Path(folder)
    report = Report(read_yaml(root))
    scenario = _scenario(report, root)
    if report.problems or scenario is None:
        raise ScenarioError(sorted(report.problems, key=_reading_order))
    return scenario


def _reading_order(problem: Problem) -> tuple[bool, str, int]:
    """scenario.yaml first, then each table, top to bottom: the order a user fixes them in."""
    return (problem.file != SCENARIO_FILE, problem.file, problem.row or 0)


def _scenario(report: Report, folder: Path) -> Scenario | None:
    """Every part read and cross-checked; None when a part is unusable."""
    large = numbers_too_large(report.doc)
    for path in large:
        report.at_key(path, f"数字太大：scenario.yaml 里的数字最大为 {MAX_YAML_NUMBER:,}")
    if large:
        return None
    for key in report.doc:
        if key not in SECTIONS:
            report.at_key((key,), unknown_key(str(key), SECTIONS))
    campaign = report.validate(Campaign, "campaign", required=True)
    year = campaign.year if campaign else None
    working_days_only, work = read_calendar(report)
    budget = read_budget(report)
    visits = report.validate(VisitSettings, "visits", required=False)
    travel = report.validate(Travel, "travel", required=False) or Travel()
    rules = read_rules(report)
    least = report.validate(FairLoads, "fair_loads", required=False) or FairLoads()
    teams = read_teams(report, year, working_days_only, work, least)
    light = check_team_sizes(report, teams, travel)
    by_roads = travel.minutes.source == "roads"
    optional = frozenset() if by_roads else frozenset({"roads"})
    names, sheets = table_names(report, folder, optional), table_sheets(report)
    places = read_models(
        report, folder, names["places"], PLACE_COLUMNS, Place, sheets.get("places")
    )
    roads = (
        read_models(report, folder, names["roads"], ROAD_COLUMNS, Road, sheets.get("roads"))
        if by_roads
        else None
    )
    households = read_models(
        report, folder, names["households"], HOUSEHOLD_COLUMNS, Household, sheets.get("households")
    )
    check_id_numbers(report, households)
    places = convert_places(report, places, travel)
    households, places = locate_households(report, households, places, travel)
    if households and households.ok and not households.items:
        message = "表头下面没有任何家庭（XLSX 文件读的是第一张未隐藏的工作表）"
        report.problems.append(Problem(households.table.file, None, None, message))
    history = read_models(
        report, folder, names["history"], HISTORY_COLUMNS, HistoryEntry, sheets.get("history")
    )
    cross_check(report, teams, places, roads, households)
    if campaign is None or budget is None or not (teams.ok and light) or rules is None:
        return None
    if places is None or (roads is None and by_roads) or households is None:
        return None
    return Scenario(
        folder=folder,
        campaign=campaign,
        budget=budget,
        visits=visits or VisitSettings(),
        travel=travel,
        fair_loads=least,
        teams=tuple(team for _, team in teams.items),
        places=places.models,
        roads=roads.models if roads else (),
        households=households.models,
        history=history.models if history else (),
        households_file=households.table.file,
        places_file=places.table.file,
        household_columns=tuple(households.table.headers),
        rules=rules,
    )
