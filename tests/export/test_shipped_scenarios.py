"""Every shipped scenario, planned and exported: outputs that leave the office stay clean.

Scenarios are found by globbing `scenarios/*/`, so a scenario added later is covered too. Before
export, each household's income, medical cost and extra archive columns are replaced by unique
markers, so a leak of any of them is found whatever the values look like; ID and bank card
numbers are checked as they are.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from ical.calendar_stream import IcsCalendarStream

from planner.export import export
from planner.load import load_scenario
from planner.pipeline import plan_scenario
from planner.plan import Plan
from planner.plugins import make_plugin_manager
from planner.route import Settings
from planner.scenario import Household

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(path.parent for path in ROOT.glob("scenarios/*/scenario.yaml"))
SENSITIVE_WORDS = ["身份证", "银行卡", "收入", "疾病", "大病", "病情", "诊断", "医药费", "残疾"]


MARK = "档案标记"
"""What every extra archive column's value is replaced with (followed by the household's number)."""


@dataclass(frozen=True)
class Exported:
    """A shipped scenario's plan (with markers), the folder its outputs were written to, and
    one pattern that finds any of its personal values, built once for every file searched."""

    plan: Plan
    out: Path
    secrets: re.Pattern[str]

    @property
    def households(self) -> tuple[Household, ...]:
        return self.plan.allocation.cases.scenario.households


def marked(plan: Plan) -> Plan:
    """The plan with incomes, medical costs and extra columns replaced by unique markers."""
    scenario = plan.allocation.cases.scenario
    households = tuple(
        h.model_copy(
            update={
                "monthly_income": 900_000 + i,
                "medical_cost": 800_000 + i,
                "extra": {key: f"{MARK}{i}-{key}" for key in h.extra},
            }
        )
        for i, h in enumerate(scenario.households)
    )
    cases = plan.allocation.cases.model_copy(
        update={"scenario": scenario.model_copy(update={"households": households})}
    )
    return plan.model_copy(
        update={"allocation": plan.allocation.model_copy(update={"cases": cases})}
    )


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda path: path.name)
def exported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """One shipped scenario planned with a short search and exported, markers in place."""
    scenario = load_scenario(request.param)
    pm = make_plugin_manager(scenario.campaign.plugins)
    plan = marked(plan_scenario(scenario, pm, Settings(solutions=30)))
    out = tmp_path_factory.mktemp(request.param.name) / "out"
    export(plan, out, pm)
    return Exported(plan, out, secrets(plan.allocation.cases.scenario.households))


def secrets(households: tuple[Household, ...]) -> re.Pattern[str]:
    """ID and bank card numbers as they are, and the markers of income, costs and extra columns.

    A number counts where it stands alone, not inside a longer run of letters and digits (a
    marker such as 900162 may well turn up inside an event's hex fingerprint: no leak); the
    extra columns' marker counts anywhere. Longer numbers are tried first.
    """
    values = {value for h in households for value in (h.id_number, h.bank_card) if value}
    values |= {str(900_000 + i) for i in range(len(households))}
    values |= {str(800_000 + i) for i in range(len(households))}
    numbers = "|".join(re.escape(v) for v in sorted(values, key=lambda v: (-len(v), v)))
    return re.compile(rf"(?<![0-9A-Za-z])(?:{numbers})(?![0-9A-Za-z])|{MARK}")


def leaks(text: str, exported: Exported, *, words: bool = True) -> list[str]:
    """The personal values, and with `words` the illness or income words, found in `text`.

    Category names (e.g. 大病员工家庭) are the office's reason for the grant and must be shown;
    they are taken out before looking for the words.
    """
    found = exported.secrets.findall(text)
    if words:
        for case in exported.plan.allocation.cases.cases:
            text = text.replace(case.category, "")
        found += [word for word in SENSITIVE_WORDS if word in text]
    return found


def _specific(address: str, exported: Exported) -> bool:
    """Whether an address says more than a public name (a village, town or unit) would.

    Some archives give only the village (白塘村) or 镇区 as address; such a word also names
    the place on the map and is no secret.
    """
    scenario = exported.plan.allocation.cases.scenario
    public = {p.name for p in scenario.places} | {p.district for p in scenario.places}
    public |= {h.unit for h in scenario.households}
    return len(address) >= 5 and not any(address in name for name in public)


def test_scenarios_are_found() -> None:
    """The glob finds the bundled example (and every scenario added later)."""
    assert ROOT / "scenarios" / "county-union-2027" in SCENARIOS


def test_calendars_are_strictly_valid(exported: Exported) -> None:
    """Every calendar of the scenario, team and leader, parses with the strict `ical` package."""
    calendars = sorted((exported.out / "calendars").rglob("*.ics"))
    teams = exported.plan.allocation.cases.scenario.teams
    leaders = {team.leader for team in teams}
    assert len(calendars) == len(teams) + len(leaders)
    for path in calendars:
        assert IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8")).timezones


def test_a_team_is_never_in_two_places(exported: Exported) -> None:
    """In each team calendar, drives, visits, lunch and the way back follow without overlap."""
    for team in exported.plan.allocation.cases.scenario.teams:
        text = (exported.out / "calendars" / f"{team.id}.ics").read_text(encoding="utf-8")
        events = sorted((e.start, e.end) for e in IcsCalendarStream.calendar_from_ics(text).events)
        overlaps = [(a, b) for a, b in pairwise(events) if b[0] < a[1]]
        assert overlaps == [], team.id


def test_no_personal_data_in_calendars(exported: Exported) -> None:
    """No ID number, bank card, income, medical cost, archive extra or illness word in any .ics."""
    for path in (exported.out / "calendars").rglob("*.ics"):
        unfolded = path.read_text(encoding="utf-8").replace("\r\n ", "")
        assert leaks(unfolded, exported) == [], path.name


def test_no_personal_data_in_notice_report_or_plan_json(exported: Exported) -> None:
    """Notice, report and plan.json carry no personal numbers, phones or addresses."""
    notice = openpyxl.load_workbook(exported.out / "notice.xlsx")["公示名单"]
    texts = {
        "notice.xlsx": " ".join(str(v) for row in notice.iter_rows(values_only=True) for v in row)
    }
    for name in ("notice.html", "report.html", "plan.json"):
        texts[name] = (exported.out / name).read_text(encoding="utf-8")
    contacts = [h.phone for h in exported.households if h.phone]
    contacts += [h.address for h in exported.households if _specific(h.address, exported)]
    for name, text in texts.items():
        assert leaks(text, exported) == [], name
        assert [value for value in contacts if value in text] == [], name


def reason_codes(reason: dict[str, Any]) -> list[str]:
    """A plan.json reason's code and those of the reasons among its parameters."""
    found = [reason["code"]]
    for value in reason["params"].values():
        for each in value if isinstance(value, list) else [value]:
            if isinstance(each, dict) and "reason" in each:
                found += reason_codes(each["reason"])
    return found


def test_plan_json_reasons_are_allocations_and_routings_only(exported: Exported) -> None:
    """plan.json's reasons are those of allocation and routing, whose parameters are figures
    of the plan; no rule's reason (which names incomes and illnesses) gets in, even nested."""
    document = json.loads((exported.out / "plan.json").read_text(encoding="utf-8"))
    reasons = [left["reason"] for left in (*document["unfunded"], *document["dropped"])]
    codes = {code for reason in reasons for code in reason_codes(reason)}
    assert {code.split(".")[0] for code in codes} <= {"allocate", "route"}
    for reason in reasons:
        assert leaks(json.dumps(reason["params"], ensure_ascii=False), exported) == []


def test_notice_names_are_masked(exported: Exported) -> None:
    """No full name of three or more characters appears in the public notice."""
    text = (exported.out / "notice.html").read_text(encoding="utf-8")
    assert "*" in text
    full = [h.name for h in exported.households if len(h.name) >= 3 and h.name in text]
    assert full == []


def test_report_shows_every_team(exported: Exported) -> None:
    """The report's timeline and map legend name every team of the scenario."""
    html = (exported.out / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 2
    for team in exported.plan.allocation.cases.scenario.teams:
        assert f"{team.name}（{team.leader}）" in html


def test_the_secrets_pattern_finds_each_kind_of_leak() -> None:
    """The one pattern finds an ID number, a bank card, an income marker and an extra column's
    marker, and not a marker inside a longer hex run (a fingerprint)."""
    household = Household(
        id="h1", name="张三", unit="厂", place="p", category="困难职工",
        id_number="529901199001011234", bank_card="6299990000000000001",
    )  # fmt: skip
    pattern = secrets((household,))
    text = (
        "身份 529901199001011234；卡 6299990000000000001；900000；指纹 ab900000cd；档案标记0-病情"
    )
    assert pattern.findall(text) == [
        "529901199001011234", "6299990000000000001", "900000", "档案标记"
    ]  # fmt: skip
