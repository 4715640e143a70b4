"""Scenario folder → `Scenario`: the load stage, with every problem at `file:row:column`.

Office staff fix their files in a spreadsheet or an editor, so every problem names the file, the
row (the YAML line, or the spreadsheet row) and the column (the YAML key path, or the header as
the table writes it), and says what would be right. All problems of a run are collected and
raised together as one `ScenarioError`: fixing one mistake per run would cost an office a day.

Checks that need another part (a household's place needs places.csv) run only when that part was
read cleanly, so that one broken file does not bury the real problems under hundreds of echoes.
Messages about household cells never quote the cell: the archive holds ID numbers, incomes and
illnesses, and messages end up in logs and chat windows.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import networkx as nx
from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from planner.calendar_cn import (
    DATE_FORMS,
    CalendarError,
    MissingHolidays,
    WorkCalendar,
    YearDays,
    days_of,
    parse_span,
)
from planner.problems import Problem, ScenarioError
from planner.scenario import (
    Budget,
    BudgetLine,
    Campaign,
    HistoryEntry,
    Household,
    LunchBreak,
    Place,
    Road,
    Scenario,
    Team,
    TeamDay,
    Travel,
    VisitSettings,
)
from planner.tables import ColumnSpec, Kind, Row, Table, read_table

SCENARIO_FILE = "scenario.yaml"

HOUSEHOLD_COLUMNS = (
    ColumnSpec("id", "编号", required=True),
    ColumnSpec("name", "姓名", required=True),
    ColumnSpec("id_number", "身份证号", kind="digits"),
    ColumnSpec("bank_card", "银行卡号", kind="digits"),
    ColumnSpec("phone", "联系电话", kind="digits"),
    ColumnSpec("unit", "所在单位", required=True),
    ColumnSpec("place", "所在地点", required=True),
    ColumnSpec("address", "地址"),
    ColumnSpec("category", "类别", required=True),
    ColumnSpec("household_size", "家庭人口", kind="int"),
    ColumnSpec("marital_status", "婚姻状况"),
    ColumnSpec("children", "未婚子女数", kind="int"),
    ColumnSpec("monthly_income", "家庭月收入", kind="yuan"),
    ColumnSpec("children_in_school", "子女上学", kind="yesno"),
    ColumnSpec("disabled", "残疾", kind="yesno"),
    ColumnSpec("single_parent", "单亲", kind="yesno"),
    ColumnSpec("serious_illness", "重大疾病", kind="yesno"),
    ColumnSpec("accident", "意外灾害", kind="yesno"),
    ColumnSpec("medical_cost", "自负医药费", kind="yuan"),
    ColumnSpec("archived", "已建档", kind="yesno"),
    ColumnSpec("last_visited_year", "上次慰问年份", kind="int"),
    ColumnSpec("difficulty", "困难程度"),
    ColumnSpec("tier", "慰问层级"),
    ColumnSpec("visit", "走访", kind="visit"),
    ColumnSpec("window_date", "可走访日期", kind="date"),
    ColumnSpec("window_start", "可走访开始", kind="time"),
    ColumnSpec("window_end", "可走访结束", kind="time"),
)
"""households.csv, as docs/scenario.md lists it."""

PLACE_COLUMNS = (
    ColumnSpec("id", "编号", required=True),
    ColumnSpec("name", "名称", required=True),
    ColumnSpec("district", "所属乡镇"),
    ColumnSpec("kind", "类型"),
    ColumnSpec("x", "经度", required=True, kind="number"),
    ColumnSpec("y", "纬度", required=True, kind="number"),
)
"""places.csv, as docs/scenario.md lists it."""

ROAD_COLUMNS = (
    ColumnSpec("a", "起点", required=True, english="from"),
    ColumnSpec("b", "终点", required=True, english="to"),
    ColumnSpec("minutes", "分钟", required=True, kind="int"),
)
"""roads.csv, as docs/scenario.md lists it."""

HISTORY_COLUMNS = (
    ColumnSpec("household_id", "编号", required=True),
    ColumnSpec("year", "年份", required=True, kind="int"),
    ColumnSpec("place", "地点"),
)
"""history.csv, as docs/scenario.md lists it."""

_TABLES = {"households": True, "places": True, "roads": True, "history": False}
"""Each table of a scenario and whether the folder must have it."""

_SECTIONS = ("campaign", "budget", "visits", "travel", "rules", "calendar", "teams", "tables")
_TEAM_SHORTHAND = ("hours", "lunch", "days", "working_days_only")
_CALENDAR_KEYS = ("working_days_only", "years")
_YEAR_KEYS = ("holidays", "workdays")
_DAY_KEYS = ("date", "hours", "lunch")
_YAML_WORDS = frozenset(
    [*_SECTIONS, *_TEAM_SHORTHAND, *_TABLES]
    + [
        key
        for model in (Campaign, Budget, BudgetLine, VisitSettings, Travel, Team)
        for key in model.model_fields
    ]
)
"""Every key scenario.yaml knows, to suggest the intended one for a misspelt key."""

_YES = frozenset({"是", "y", "yes", "true", "1", "√"})
_NO = frozenset({"否", "n", "no", "false", "0", "×"})
_VISITS = {"必访": "must", "可访": "may", "不访": "no", "must": "must", "may": "may", "no": "no"}
_NO_LUNCH = frozenset({"", "none", "no", "无"})
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})(?:[:：]\d{2})?$")
_WHOLE = re.compile(r"^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.0*)?$")
_DASHES = re.compile(r"\s*[-–—~～]\s*")

M = TypeVar("M", bound=BaseModel)
YamlPath = tuple[str | int, ...]
"""A key path into scenario.yaml, as pydantic reports locations: ("teams", 0, "depot")."""


def load_scenario(folder: Path | str) -> Scenario:
    """Read and check a scenario folder; raise one `ScenarioError` listing every problem."""
    root = Path(folder)
    loader = _Loader(root, _read_yaml(root))
    scenario = loader.scenario()
    if loader.problems or scenario is None:
        raise ScenarioError(sorted(loader.problems, key=_reading_order))
    return scenario


def load_table(
    path: Path, columns: Sequence[ColumnSpec], model: type[M]
) -> tuple[Table, tuple[tuple[int, M], ...], list[Problem]]:
    """A table given beside a scenario (re-planning's done.csv), read as the scenario's own are.

    Same encodings, headers and cell messages, so an office fixes it the same way. Returns the
    table (for its headers), the models of the good rows with their spreadsheet rows, and the
    problems at `file:row:column` of `path` as the user wrote it, for the caller to raise
    together with its own checks of the good rows.
    """
    loader = _Loader(Path(), CommentedMap())
    read = loader._read(str(path), columns, model)
    if read is None:
        raise ScenarioError(loader.problems)
    return read.table, read.items, loader.problems


def load_added_households(path: Path, scenario: Scenario) -> tuple[Household, ...]:
    """Households to add to a loaded scenario (re-planning's `--add`), checked as its own are.

    The columns of households.csv, ids new to the scenario, places of its places table, windows
    on days its teams work. Raises one `ScenarioError` with every problem of the file.
    """
    loader = _Loader(Path(), CommentedMap())
    read = loader._read(str(path), HOUSEHOLD_COLUMNS, Household)
    if read is None:
        raise ScenarioError(loader.problems)
    known = {household.id: household.row for household in scenario.households}
    for number, household in read.items:
        if household.id in known:
            message = f"id {household.id} is already in {scenario.households_file} "
            message += f"(row {known[household.id]}); each id must be unique"
            loader._cell(read.table, number, "id", message)
    ids = {place.id for place in scenario.places}
    loader._check_places(read, ("place",), ids, "the scenario's places table")
    loader._check_windows(read, [day for team in scenario.teams for day in team.days])
    if loader.problems:
        raise ScenarioError(loader.problems)
    return read.models


def _reading_order(problem: Problem) -> tuple[bool, str, int]:
    """scenario.yaml first, then each table, top to bottom: the order a user fixes them in."""
    return (problem.file != SCENARIO_FILE, problem.file, problem.row or 0)


def _read_yaml(folder: Path) -> CommentedMap:
    """scenario.yaml as a round-trip mapping (which knows the line of every key)."""
    if not folder.is_dir():
        raise ScenarioError([Problem(str(folder), None, None, "not a folder")])
    path = folder / SCENARIO_FILE
    if not path.is_file():
        message = "missing: a scenario folder needs scenario.yaml (see docs/scenario.md)"
        raise ScenarioError([Problem(SCENARIO_FILE, None, None, message)])
    yaml = YAML(typ="rt")
    yaml.Constructor = _DatesAsText
    try:
        doc = yaml.load(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ScenarioError([_file_problem("not UTF-8 text: save it as UTF-8")]) from None
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        message = f"not valid YAML: {exc.problem}"
        raise ScenarioError([Problem(SCENARIO_FILE, line, None, message)]) from None
    except YAMLError as exc:
        raise ScenarioError([_file_problem(f"not valid YAML: {exc}")]) from None
    if not isinstance(doc, CommentedMap):
        message = "expected a mapping with campaign, budget and teams (see docs/scenario.md)"
        raise ScenarioError([_file_problem(message)])
    return doc


class _DatesAsText(RoundTripConstructor):
    """Round-trip loading that leaves dates as text.

    ruamel raises a bare ValueError, without a line, on a date like 2027-02-30; as text the
    date is parsed by `_Loader._dates` and a wrong one is reported at its line like any other value.
    """


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", _DatesAsText.construct_yaml_str)


def _file_problem(message: str) -> Problem:
    """A problem with scenario.yaml as a whole."""
    return Problem(SCENARIO_FILE, None, None, message)


@dataclass(frozen=True)
class _Shift:
    """Working hours and lunch as a team gives them by default or a day overrides them."""

    hours: tuple[dt.time, dt.time] | None
    lunch: LunchBreak | None


@dataclass(frozen=True)
class _Teams:
    """The teams that could be read, with their index in scenario.yaml, and whether all could."""

    items: tuple[tuple[int, Team], ...]
    ok: bool


@dataclass(frozen=True)
class _Read(Generic[M]):
    """A table as read: its models with their spreadsheet rows, and whether every row was fine."""

    table: Table
    items: tuple[tuple[int, M], ...]
    ok: bool

    @property
    def models(self) -> tuple[M, ...]:
        """The models in the order of the table."""
        return tuple(model for _, model in self.items)


class _Loader:
    """One load run: the parsed YAML, the folder's tables, and the problems found so far."""

    def __init__(self, folder: Path, doc: CommentedMap) -> None:
        self.folder = folder
        self.doc = doc
        self.problems: list[Problem] = []
        self.year: int | None = None
        """The campaign's (Spring Festival) year, for dates written without one."""
        self.working_days_only = False
        self.work = WorkCalendar()

    def scenario(self) -> Scenario | None:
        """Every part read and cross-checked; None when a part is unusable."""
        for key in self.doc:
            if key not in _SECTIONS:
                self._yaml((key,), _unknown_key(str(key), _SECTIONS))
        campaign = self._validate(Campaign, "campaign", required=True)
        self.year = campaign.year if campaign else None
        self._calendar()
        budget = self._budget()
        visits = self._validate(VisitSettings, "visits", required=False)
        travel = self._validate(Travel, "travel", required=False) or Travel()
        rules = self._rules()
        teams = self._teams()
        light = self._check_team_sizes(teams, travel)
        names = self._table_names()
        places = self._read(names["places"], PLACE_COLUMNS, Place)
        roads = self._read(names["roads"], ROAD_COLUMNS, Road)
        households = self._read(names["households"], HOUSEHOLD_COLUMNS, Household)
        if households and households.ok and not households.items:
            message = "no households below the header (of an XLSX, the first sheet is read)"
            self.problems.append(Problem(households.table.file, None, None, message))
        history = self._read(names["history"], HISTORY_COLUMNS, HistoryEntry)
        self._cross_check(teams, places, roads, households)
        if campaign is None or budget is None or not (teams.ok and light) or rules is None:
            return None
        if places is None or roads is None or households is None:
            return None
        return Scenario(
            folder=self.folder,
            campaign=campaign,
            budget=budget,
            visits=visits or VisitSettings(),
            travel=travel,
            teams=tuple(team for _, team in teams.items),
            places=places.models,
            roads=roads.models,
            households=households.models,
            history=history.models if history else (),
            households_file=households.table.file,
            rules=rules,
        )

    # -- scenario.yaml -------------------------------------------------------------------------

    def _yaml(self, path: YamlPath, message: str) -> None:
        """Report a problem at a key path of scenario.yaml, on the line of that key."""
        self.problems.append(Problem(SCENARIO_FILE, _line(self.doc, path), _dotted(path), message))

    def _section(self, name: str, required: bool) -> Any:
        """A top-level section as plain data; None (reported if required) when absent."""
        if self.doc.get(name) is None:
            if required:
                self._yaml((name,), f"missing section {name} (see docs/scenario.md)")
            return None
        return _plain(self.doc[name])

    def _validate(self, model: type[M], name: str, required: bool) -> M | None:
        """A top-level section as `model`."""
        data = self._section(name, required)
        return None if data is None else self._model(model, data, (name,))

    def _model(self, model: type[M], data: object, path: YamlPath) -> M | None:
        """`data` validated as `model`; pydantic's complaints placed at their YAML lines."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                self._yaml(path + tuple(error["loc"]), _pydantic_message(error))
            return None

    def _budget(self) -> Budget | None:
        """The budget, with its lines and standards checked against each other."""
        budget = self._validate(Budget, "budget", required=True)
        if budget is not None:
            self._check_lines(budget)
            self._check_standards(budget)
        return budget

    def _check_lines(self, budget: Budget) -> None:
        """Each line within the total; each category it names has a standard and one line."""
        paid_by: dict[str, str] = {}
        for i, line in enumerate(budget.lines):
            if line.amount > budget.total:
                message = f"line {line.id} ({line.amount}) is more than the total ({budget.total})"
                self._yaml(("budget", "lines", i, "amount"), message)
            for j, category in enumerate(line.categories):
                where = ("budget", "lines", i, "categories", j)
                if category not in budget.standards:
                    message = f"category {category} has no standard: add `{category}: <yuan>`"
                    self._yaml(where, message + " under budget.standards")
                if category in paid_by:
                    message = f"category {category} is already paid by line {paid_by[category]}"
                    self._yaml(where, message + "; each category is paid from one line")
                paid_by.setdefault(category, line.id)

    def _check_standards(self, budget: Budget) -> None:
        """Each standard is a positive amount that some line can pay."""
        for category, amount in budget.standards.items():
            where = ("budget", "standards", category)
            if amount <= 0:
                self._yaml(where, "a standard is a number of yuan greater than 0")
            if budget.line_for(category) is None:
                message = f"no budget line pays {category}: add it to a line's categories"
                self._yaml(where, message + " or add a line without categories")

    def _rules(self) -> dict[str, dict[str, Any]] | None:
        """The options of each organisation plugin: a mapping per plugin name."""
        rules = self._section("rules", required=False)
        if rules is None:
            return {}
        if not isinstance(rules, dict):
            self._yaml(("rules",), "expected plugin names with their options (docs/plugins.md)")
            return None
        bad = [name for name, options in rules.items() if not isinstance(options, dict | None)]
        for name in bad:
            self._yaml(("rules", name), "expected the plugin's options, e.g. dibao_line: 780")
        return None if bad else {str(name): options or {} for name, options in rules.items()}

    # -- teams ---------------------------------------------------------------------------------

    def _teams(self) -> _Teams:
        """The teams with their days expanded from the hours/lunch/days shorthand."""
        raw = self._section("teams", required=True)
        if raw is None:
            return _Teams((), ok=False)
        if not isinstance(raw, list) or not raw:
            self._yaml(("teams",), "no teams: list at least one team under teams:")
            return _Teams((), ok=False)
        before = len(self.problems)
        teams = [
            (i, team) for i, item in enumerate(raw) if (team := self._team(("teams", i), item))
        ]
        first: dict[str, int] = {}
        for i, team in teams:
            if team.id in first:
                message = f"team id {team.id} is already used by teams[{first[team.id]}]"
                self._yaml(("teams", i, "id"), message + "; each team needs its own id")
            first.setdefault(team.id, i)
        return _Teams(tuple(teams), ok=len(self.problems) == before)

    def _check_team_sizes(self, teams: _Teams, travel: Travel) -> bool:
        """轻车简从: no team takes more people (leader + staff) than `travel.max_team_size`."""
        cap = travel.max_team_size
        large = [(i, team) for i, team in teams.items if cap is not None and team.headcount > cap]
        for i, team in large:
            message = f"team {team.id} is {team.headcount} people (leader + {team.staff})"
            self._yaml(("teams", i, "staff"), f"{message}; travel.max_team_size is {cap}")
        return not large

    def _team(self, path: YamlPath, raw: object) -> Team | None:
        """One team; without days when they are not usable, so that its depot is still checked."""
        if not isinstance(raw, dict):
            self._yaml(path, "expected a team with id, name, leader, tier, staff, depot, days")
            return None
        days = self._team_days(path, raw)
        fields = {key: value for key, value in raw.items() if key not in _TEAM_SHORTHAND}
        return self._model(Team, {**fields, "days": days or ()}, path)

    def _team_days(self, path: YamlPath, raw: Mapping[str, Any]) -> tuple[TeamDay, ...] | None:
        """The team's days, each with hours and lunch from the day or the team's defaults.

        An entry may be a span of days (`腊月初十至十八`); for a team out on working days only,
        the span's days off are left out.
        """
        shift = self._shift(path, raw, _Shift(None, None))
        days = raw.get("days")
        if isinstance(days, str):
            days = [days]
        if not isinstance(days, list) or not days:
            message = "no days: list the dates the team is out under days:, e.g. - 2027-01-31"
            self._yaml((*path, "days"), message)
            return None
        working = raw.get("working_days_only", self.working_days_only)
        if not isinstance(working, bool):
            self._yaml((*path, "working_days_only"), "write true or false")
            return None
        if shift is None:
            return None
        built = [
            self._day((*path, "days", j), item, shift, working) for j, item in enumerate(days)
        ]
        ok = all(group is not None for group in built)
        seen: set[dt.date] = set()
        for j, group in enumerate(built):
            for day in group or ():
                if day.date in seen:
                    message = f"{day.date} is listed twice; list each day once"
                    self._yaml((*path, "days", j), message)
                    ok = False
                seen.add(day.date)
        return tuple(day for group in built for day in group or ()) if ok else None

    def _shift(self, path: YamlPath, raw: Mapping[str, Any], default: _Shift) -> _Shift | None:
        """Hours and lunch given in `raw` (else `default`), checked to leave time for visits.

        The fit is checked only where hours or lunch are given, so that a team-wide mistake is
        reported once and not again for every day.
        """
        try:
            hours = _hours(raw["hours"]) if "hours" in raw else default.hours
        except ValueError as exc:
            self._yaml((*path, "hours"), str(exc))
            return None
        try:
            lunch = _lunch(raw["lunch"]) if "lunch" in raw else default.lunch
        except ValueError as exc:
            self._yaml((*path, "lunch"), str(exc))
            return None
        given = "hours" in raw or "lunch" in raw
        problem = _shift_problem(hours, lunch) if hours and given else ""
        if problem:
            self._yaml((*path, "lunch" if "lunch" in raw else "hours"), problem)
            return None
        return _Shift(hours, lunch)

    def _day(
        self, path: YamlPath, raw: object, default: _Shift, working: bool
    ) -> list[TeamDay] | None:
        """One entry of a team's days: a date or a span, or a mapping overriding hours and lunch."""
        item: Mapping[str, Any] = raw if isinstance(raw, dict) else {"date": raw}
        for key in item:
            if key not in _DAY_KEYS:
                self._yaml((*path, key), _unknown_key(str(key), _DAY_KEYS))
        try:
            dates = self._dates(item.get("date"), working)
        except ValueError as exc:
            self._yaml(path + (("date",) if isinstance(raw, dict) else ()), str(exc))
            return None
        shift = self._shift(path, item, default)
        if shift is None:
            return None
        if shift.hours is None:
            self._yaml(path, f'{dates[0]}: no working hours: add hours: "08:30-17:30"')
            return None
        start, end = shift.hours
        return [TeamDay(date=date, start=start, end=end, lunch=shift.lunch) for date in dates]

    def _dates(self, value: object, working: bool) -> list[dt.date]:
        """The dates of one days entry, resolved for the campaign year.

        With `working`, a span keeps its working days, and a single day off is an error: the
        office named that day, so dropping it quietly would hide a mistake.
        """
        if not isinstance(value, str):
            raise CalendarError(f"not a date: write it as {DATE_FORMS}")
        first, last = parse_span(value, self.year)
        dates = days_of(first, last)
        if not working:
            return dates
        try:
            off = {date: self.work.day_off(date) for date in dates}
        except MissingHolidays as missing:
            raise CalendarError(
                f"{missing}: add them to scenario.yaml as calendar.years.{missing.year} with "
                "holidays: [...] and workdays: [...] (see docs/scenario.md), "
                "or set working_days_only: false"
            ) from None
        if first == last and off[first]:
            raise CalendarError(
                f"{first} is {off[first]}, and this team works on working days only: "
                "choose another day or set working_days_only: false"
            )
        kept = [date for date in dates if not off[date]]
        if not kept:
            raise CalendarError(f"no working day from {first} to {last}")
        return kept

    # -- calendar ------------------------------------------------------------------------------

    def _calendar(self) -> None:
        """`calendar:`: whether teams work on working days only, and years the scenario gives.

        A year given here replaces the built-in holiday data for that year, so an office can
        plan a year the data does not cover yet, or correct it.
        """
        raw = self._section("calendar", required=False)
        if raw is None:
            return
        if not isinstance(raw, dict):
            self._yaml(("calendar",), "expected working_days_only and years (see docs/scenario.md)")
            return
        for key in raw:
            if key not in _CALENDAR_KEYS:
                self._yaml(("calendar", key), _unknown_key(str(key), _CALENDAR_KEYS))
        working = raw.get("working_days_only", False)
        if isinstance(working, bool):
            self.working_days_only = working
        else:
            self._yaml(("calendar", "working_days_only"), "write true or false")
        years = raw.get("years") or {}
        if not isinstance(years, dict):
            self._yaml(("calendar", "years"), "expected years, e.g. 2027: {holidays: [...]}")
            return
        given = {}
        for key, days in years.items():
            year_days = self._year_days(key, days)
            if year_days is not None:
                given[int(key)] = year_days
        self.work = WorkCalendar(given)

    def _year_days(self, key: object, raw: object) -> YearDays | None:
        """One year's holidays and adjusted working days (调休), each a date or a span."""
        path: YamlPath = ("calendar", "years", key if isinstance(key, int) else str(key))
        if not str(key).isdigit():
            self._yaml(path, "expected a year, e.g. 2027:")
            return None
        year = int(str(key))
        if not isinstance(raw, dict):
            self._yaml(path, "expected holidays: [...] and workdays: [...]")
            return None
        for name in raw:
            if name not in _YEAR_KEYS:
                self._yaml((*path, name), _unknown_key(str(name), _YEAR_KEYS))
        found: dict[str, set[dt.date]] = {}
        for name in _YEAR_KEYS:
            items = raw.get(name) or []
            found[name] = set()
            for j, item in enumerate(items if isinstance(items, list) else [items]):
                try:
                    dates = days_of(*parse_span(str(item), year))
                except CalendarError as exc:
                    self._yaml((*path, name, j), str(exc))
                    continue
                if any(date.year != year for date in dates):
                    self._yaml((*path, name, j), f"{item} is not in {year}")
                found[name].update(dates)
        return YearDays(frozenset(found["holidays"]), frozenset(found["workdays"]))

    # -- tables --------------------------------------------------------------------------------

    def _table_names(self) -> dict[str, str | None]:
        """The file of each table: named under `tables:`, else `<table>.csv` or `.xlsx`."""
        given = self._section("tables", required=False) or {}
        if not isinstance(given, dict):
            self._yaml(("tables",), "expected a file per table, e.g. households: 档案.xlsx")
            given = {}
        for key in given:
            if key not in _TABLES:
                self._yaml(("tables", key), _unknown_key(str(key), _TABLES))
        return {table: self._table_name(table, given.get(table)) for table in _TABLES}

    def _table_name(self, table: str, given: object) -> str | None:
        """The file of one table; None (reported if the table is required) when there is none."""
        if given is not None:
            if (self.folder / str(given)).is_file():
                return str(given)
            self._yaml(("tables", table), f"file {given} not found in the scenario folder")
            return None
        names = (f"{table}.csv", f"{table}.xlsx")
        found = [name for name in names if (self.folder / name).is_file()]
        if len(found) > 1:
            message = f"both {names[0]} and {names[1]} exist: remove one, or name one under tables:"
            self.problems.append(Problem(names[1], None, None, message))
            return None
        if not found and _TABLES[table]:
            message = f"missing: the scenario needs {names[0]} or {names[1]}"
            self.problems.append(Problem(names[0], None, None, message))
        return found[0] if found else None

    def _read(
        self, name: str | None, specs: Sequence[ColumnSpec], model: type[M]
    ) -> _Read[M] | None:
        """One table read and built into models; None when the scenario has no such file."""
        if name is None:
            return None
        before = len(self.problems)
        table = read_table(self.folder / name, specs, name)
        self.problems.extend(table.problems)
        items = []
        for row in table.rows:
            values = self._cells(table, row, specs)
            item = None if values is None else self._row_model(model, table, row, values)
            if item is not None:
                items.append((row.number, item))
        self._check_unique_ids(table, items)
        return _Read(table, tuple(items), ok=len(self.problems) == before)

    def _cells(self, table: Table, row: Row, specs: Sequence[ColumnSpec]) -> dict[str, Any] | None:
        """A row's non-empty cells converted to their kind; None if any cell is wrong.

        Empty cells are left out so that the model's defaults apply (已建档 defaults to 是).
        """
        values: dict[str, Any] = {}
        ok = True
        for spec in specs:
            text = row.cells.get(spec.field, "")
            if not text and spec.required:
                message = f"empty: every row needs {table.column(spec.field)}"
                self._cell(table, row.number, spec.field, message)
                ok = False
            elif text:
                try:
                    values[spec.field] = _CONVERTERS[spec.kind](text)
                except ValueError as exc:
                    self._cell(table, row.number, spec.field, str(exc))
                    ok = False
        return values if ok else None

    def _row_model(
        self, model: type[M], table: Table, row: Row, values: dict[str, Any]
    ) -> M | None:
        """`values` validated as `model`; errors placed at the row's cells, without values.

        Models that keep their origin (`Household`) also get the row number and the columns
        songnuan does not know.
        """
        if "extra" in model.model_fields:
            values = {**values, "row": row.number, "extra": dict(row.extra)}
        try:
            return model.model_validate(values)
        except ValidationError as exc:
            for error in exc.errors():
                self._cell(table, row.number, str(error["loc"][0]), _pydantic_message(error))
            return None

    def _check_unique_ids(self, table: Table, items: Sequence[tuple[int, BaseModel]]) -> None:
        """Ids of households and places are unique; a repeat names both rows."""
        first: dict[str, int] = {}
        for number, item in items:
            key = getattr(item, "id", None)
            if key is not None and key in first:
                message = f"id {key} is already used in row {first[key]}; each id must be unique"
                self._cell(table, number, "id", message)
            elif key is not None:
                first[key] = number

    def _cell(self, table: Table, row: int, field: str, message: str) -> None:
        """Report a problem at a cell of a table, named by the header the file uses."""
        self.problems.append(Problem(table.file, row, table.column(field), message))

    # -- cross-checks --------------------------------------------------------------------------

    def _cross_check(
        self,
        teams: _Teams,
        places: _Read[Place] | None,
        roads: _Read[Road] | None,
        households: _Read[Household] | None,
    ) -> None:
        """References between parts, each checked when the parts it needs are usable.

        References need only the place ids, which a places table with a good header has even
        when some coordinates are wrong; windows need every team, connectivity every road.
        """
        if households:
            days = [day for _, team in teams.items for day in team.days] if teams.ok else None
            self._check_windows(households, days)
        if not (places and places.table.headers):
            return
        file = places.table.file
        ids = {row.cells["id"] for row in places.table.rows} - {""}
        depots_ok = self._check_depots(teams, ids, file)
        if households:
            self._check_places(households, ("place",), ids, file)
        if roads is None or not self._check_places(roads, ("a", "b"), ids, file):
            return
        if roads.ok and places.ok and teams.ok and depots_ok:
            self._check_connected([team for _, team in teams.items], places, roads, households)

    def _check_windows(self, households: _Read[Household], days: Sequence[TeamDay] | None) -> None:
        """Each household window is a real interval, on a day and at hours some team works.

        `days` is None when the teams could not all be read: then only the interval is checked.
        """
        for number, household in households.items:
            problem = _window_problem(household, days)
            if problem:
                self._cell(households.table, number, *problem)

    def _check_depots(self, teams: _Teams, ids: set[str], file: str) -> bool:
        """Each team's depot is a place of the places table."""
        for i, team in teams.items:
            if team.depot not in ids:
                self._yaml(("teams", i, "depot"), _unknown_place(team.depot, ids, file))
        return all(team.depot in ids for _, team in teams.items)

    def _check_places(
        self,
        read: _Read[Household] | _Read[Road],
        fields: Sequence[str],
        ids: set[str],
        file: str,
    ) -> bool:
        """Each place a household or a road names is a place of the places table."""
        ok = True
        for number, item in read.items:
            for field in fields:
                place = getattr(item, field)
                if place not in ids:
                    self._cell(read.table, number, field, _unknown_place(place, ids, file))
                    ok = False
        return ok

    def _check_connected(
        self,
        teams: Sequence[Team],
        places: _Read[Place],
        roads: _Read[Road],
        households: _Read[Household] | None,
    ) -> None:
        """Every depot and every household place is reachable by road from the first depot.

        Roads are two-way, so reaching everything from one depot means every depot reaches
        every place. A cut-off place is reported once, in the places table, not per household.
        """
        graph = nx.Graph()
        graph.add_nodes_from(place.id for place in places.models)
        graph.add_edges_from((road.a, road.b) for road in roads.models)
        home = teams[0].depot
        reach = nx.node_connected_component(graph, home)
        advice = f"; add a road to {roads.table.file}"
        for i, team in enumerate(teams):
            if team.depot not in reach:
                message = f"depot {team.depot} is not connected by roads to depot {home}"
                self._yaml(("teams", i, "depot"), message + advice)
        cut_off: dict[str, list[int]] = {}
        for number, household in households.items if households else ():
            if household.place in graph and household.place not in reach:
                cut_off.setdefault(household.place, []).append(number)
        row_of = {place.id: number for number, place in reversed(places.items)}
        for place, rows in cut_off.items():
            users = f"{len(rows)} household(s), first in row {rows[0]} of the households table"
            message = f"place {place} ({users}) is not connected by roads to depot {home}"
            self._cell(places.table, row_of[place], "id", message + advice)


# -- YAML helpers ------------------------------------------------------------------------------


def _plain(node: Any) -> Any:
    """Round-trip YAML data as plain dicts, lists and scalars, for pydantic to validate."""
    if isinstance(node, dict):
        return {_plain(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    for kind in (bool, int, float, str):
        if isinstance(node, kind):
            return kind(node)
    return node


def _line(doc: CommentedMap, path: YamlPath) -> int | None:
    """The line of the deepest key of `path` that the file has (a missing key: its parent's)."""
    line = None
    node: Any = doc
    for key in path:
        if isinstance(node, CommentedMap) and key in node:
            line = node.lc.key(key)[0] + 1
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line = node.lc.item(key)[0] + 1
        else:
            break
        node = node[key]
    return line


def _dotted(path: YamlPath) -> str:
    """A key path the way a reader finds it in the file: teams[0].days[2].lunch."""
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else f".{key}" if text else str(key)
    return text


def _pydantic_message(error: Any) -> str:
    """A pydantic error in the words of the file (pydantic's messages never quote the input)."""
    key = str(error["loc"][-1]) if error["loc"] else ""
    if error["type"] == "missing":
        return "missing: this key is required"
    if error["type"] == "extra_forbidden":
        return _unknown_key(key, _YAML_WORDS)
    if error["type"] in ("tuple_type", "list_type"):
        return "expected a list, e.g. [a, b]"
    message = str(error["msg"]).removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


def _unknown_key(key: str, known: Iterable[str]) -> str:
    """An unknown key, with the known key it most likely means."""
    options = sorted(known)
    hint = _did_you_mean(key, options)
    if not hint:
        few = len(options) <= 8
        hint = f"; expected one of {', '.join(options)}" if few else "; see docs/scenario.md"
    return f"unknown key {key}{hint}"


def _unknown_place(place: str, ids: Iterable[str], file: str) -> str:
    """A place id the places table lacks, with the id it most likely means."""
    hint = _did_you_mean(place, sorted(ids))
    return f"place {place} is not in {file}; add it there or correct the id{hint}"


def _did_you_mean(word: str, options: Sequence[str]) -> str:
    """The closest option as "; did you mean X?", or "" when none is close."""
    close = difflib.get_close_matches(word, options, n=1)
    return f"; did you mean {close[0]}?" if close else ""


def _hours(value: object) -> tuple[dt.time, dt.time]:
    """Working hours "08:30-17:30"."""
    if not isinstance(value, str):
        raise ValueError('write working hours as "08:30-17:30"')
    return _span(value, "working hours")


def _lunch(value: object) -> LunchBreak | None:
    """A lunch "11:30-13:30/60" (60 minutes between), "12:00-13:00" (fixed), or none."""
    if value is None or value is False:
        return None
    if not isinstance(value, str):
        raise ValueError(_LUNCH_FORMS)
    if value.strip().casefold() in _NO_LUNCH:
        return None
    window, _, minutes = value.partition("/")
    earliest, latest = _span(window, "lunch")
    span = _minutes(earliest, latest)
    if not minutes:
        return LunchBreak(earliest=earliest, latest=latest, minutes=span)
    if not minutes.strip().isdigit() or int(minutes) <= 0:
        raise ValueError(_LUNCH_FORMS)
    if int(minutes) > span:
        raise ValueError(f"a {int(minutes)}-minute lunch does not fit in {window.strip()}")
    return LunchBreak(earliest=earliest, latest=latest, minutes=int(minutes))


_LUNCH_FORMS = (
    'write lunch as "11:30-13:30/60" (60 minutes between 11:30 and 13:30), '
    '"12:00-13:00" (fixed) or none'
)


def _span(text: str, what: str) -> tuple[dt.time, dt.time]:
    """A start-end pair of times that ends after it starts."""
    parts = _DASHES.split(text.strip())
    if len(parts) != 2:
        raise ValueError(f'write {what} as "08:30-17:30"')
    try:
        start, end = _time(parts[0]), _time(parts[1])
    except ValueError:
        raise ValueError(f'write {what} as "08:30-17:30"') from None
    if end <= start:
        raise ValueError(f"{what} {text.strip()} end before they start")
    return start, end


def _shift_problem(hours: tuple[dt.time, dt.time], lunch: LunchBreak | None) -> str:
    """Why a day's hours and lunch leave no time for visits, or "" when they fit."""
    start, end = hours
    if lunch is None:
        return ""
    if lunch.earliest < start or lunch.latest > end:
        return (
            f"lunch {lunch.earliest:%H:%M}-{lunch.latest:%H:%M} is outside the working hours "
            f"{start:%H:%M}-{end:%H:%M}: give this day its own lunch, or lunch: none"
        )
    if lunch.minutes >= _minutes(start, end):
        return "lunch takes the whole working day"
    return ""


def _minutes(start: dt.time, end: dt.time) -> int:
    """Minutes from `start` to `end` on one day."""
    return (end.hour - start.hour) * 60 + end.minute - start.minute


# -- cell converters ---------------------------------------------------------------------------


def _text(text: str) -> str:
    """Text stays text (ID numbers, bank cards and phones above all)."""
    return text


def _whole(text: str) -> int:
    """A whole number; thousands separators and a zero fraction (1,200.00) are accepted."""
    if not _WHOLE.match(text):
        raise ValueError("not a whole number; write digits only, e.g. 3")
    return int(text.replace(",", "").split(".")[0])


def _yuan(text: str) -> int:
    """A whole number of yuan."""
    try:
        return _whole(text)
    except ValueError:
        raise ValueError("not a whole number of yuan; write digits only, e.g. 1200") from None


def _number(text: str) -> float:
    """A decimal number (coordinates)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError("not a number; write a decimal number, e.g. 106.71")
    return value


def _yes_no(text: str) -> bool:
    """是/否 and the other ways offices write yes and no."""
    word = text.casefold()
    if word in _YES or word in _NO:
        return word in _YES
    raise ValueError("not a yes/no value; write 是 or 否 (Y/N, yes/no, 1/0, √/× also work)")


def _date(text: str) -> dt.date:
    """A date as 2027-01-31, 2027/1/31, 2027.1.31 or 2027年1月31日."""
    match = _DATE.match(text.strip())
    try:
        if match:
            return dt.date(*map(int, match.groups()))
    except ValueError:
        pass
    raise ValueError("not a date; write it as 2027-01-31")


def _time(text: str) -> dt.time:
    """A time of day as HH:MM (seconds, as Excel may add them, are ignored)."""
    match = _TIME.match(text.strip())
    try:
        if match:
            return dt.time(int(match[1]), int(match[2]))
    except ValueError:
        pass
    raise ValueError("not a time; write it as 09:30")


def _visit(text: str) -> str:
    """必访 / 可访 / 不访 as the visit wish the rules stage uses: must / may / no."""
    wish = _VISITS.get(text.casefold())
    if wish is None:
        raise ValueError("write 必访, 可访 or 不访")
    return wish


_CONVERTERS: dict[Kind, Callable[[str], object]] = {
    "text": _text,
    "digits": _text,
    "int": _whole,
    "yuan": _yuan,
    "number": _number,
    "yesno": _yes_no,
    "date": _date,
    "time": _time,
    "visit": _visit,
}


# -- household windows -------------------------------------------------------------------------


def _window_problem(household: Household, days: Sequence[TeamDay] | None) -> tuple[str, str] | None:
    """(field, message) when no team can be there in the household's window, else None."""
    date, start, end = household.window_date, household.window_start, household.window_end
    if start and end and end < start:
        return "window_end", f"the window ends at {end:%H:%M}, before it starts at {start:%H:%M}"
    if days is None:
        return None
    on = [day for day in days if date is None or day.date == date]
    if date and not on:
        return "window_date", f"no team works on {date}; teams work on {_dates(days)}"
    if not (start or end):
        return None
    earliest, latest = start or dt.time.min, end or dt.time.max
    if any(day.start <= latest and earliest <= day.end for day in on):
        return None
    field = "window_start" if start else "window_end"
    return field, "no team works " + _when(start, end) + (f" on {date}" if date else "")


def _when(start: dt.time | None, end: dt.time | None) -> str:
    """A window in words: between 09:00 and 11:00, after 14:00, before 11:00."""
    if start and end:
        return f"between {start:%H:%M} and {end:%H:%M}"
    return f"after {start:%H:%M}" if start else f"before {end:%H:%M}"


def _dates(days: Iterable[TeamDay]) -> str:
    """The dates teams work, short enough for a message."""
    dates = sorted({day.date for day in days})
    if len(dates) <= 5:
        return ", ".join(map(str, dates))
    return f"{len(dates)} days from {dates[0]} to {dates[-1]}"
