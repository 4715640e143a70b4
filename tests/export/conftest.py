"""A small finished plan built by hand, and a headless Chromium to open pages with.

The plan has two teams, four households, one of them unfunded. The households carry ID
numbers, bank cards, incomes and a diagnosis so that tests can check these never leave through
a calendar, the notice, the report or plan.json.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import pluggy
import pytest

from builders import case, scenario
from planner.allocate import LINE_SHORT
from planner.allocation import Allocation, Grant, LineUse, Unfunded
from planner.cases import Cases
from planner.plan import DroppedVisit, Plan, Route, Visit
from planner.plugins import make_plugin_manager
from planner.reasons import Reason
from planner.route.explain import FULL_HOURS
from planner.rule_types import Category
from planner.rules import category_templates, listed_reason
from planner.scenario import (
    TZ,
    BudgetLine,
    Campaign,
    Household,
    LunchBreak,
    Place,
    Road,
    Scenario,
    Team,
    TeamDay,
)

DAY1 = dt.date(2027, 1, 18)
DAY2 = dt.date(2027, 1, 19)

PERSONAL = {
    "h1": {"id_number": "110101197001011234", "bank_card": "6222020200112233445", "income": 1377},
    "h2": {"id_number": "11010119800202567X", "bank_card": "6217000011112222333", "income": 2468},
    "h3": {"id_number": "110101199003034321", "bank_card": "6228480011223344556", "income": 1753},
    "h4": {"id_number": "110101198504045678", "bank_card": "6214830099887766554", "income": 1579},
}
"""Personal data of the households, by household id."""

DIAGNOSIS = "尿毒症"
"""A diagnosis kept in the archive's extra columns; it must never be exported."""

LINE_SHORT_REASON = Reason.of(LINE_SHORT, line="困难职工慰问金", left=0, standard=500, priority=1)
"""Why 赵六 is unfunded: allocation's reason, as data."""


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A wall-clock time in Asia/Shanghai."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def household(hid: str, name: str, category: str, place: str, **more: object) -> Household:
    """A household with the personal data of PERSONAL[hid]."""
    data = PERSONAL[hid]
    return Household.model_validate(
        {
            "id": hid,
            "name": name,
            "unit": "红星机械厂" if place == "f1" else "县城建公司",
            "place": place,
            "category": category,
            "id_number": data["id_number"],
            "bank_card": data["bank_card"],
            "monthly_income": data["income"],
            **more,
        }
    )


def make_scenario() -> Scenario:
    """Two teams from the union office, four households in two villages and a factory."""
    lunch = LunchBreak(earliest=dt.time(11, 30), latest=dt.time(13, 30), minutes=60)
    day = {"start": dt.time(8, 30), "end": dt.time(17, 30), "lunch": lunch}
    return scenario(
        (
            household(
                "h1",
                "张三",
                "劳模",
                "f1",
                phone="13800001111",
                serious_illness=True,
                extra={"病情": DIAGNOSIS},
            ),
            household("h2", "李四", "困难职工", "v1", address="东村3组12号", phone="0851-7654321"),
            household("h3", "王五", "农民工", "v2"),
            household("h4", "赵六", "困难职工", "v1"),
        ),
        folder=Path("scenarios/test"),
        campaign=Campaign(
            name="2027年春节送温暖活动", year=2027, organisation="示例县总工会", plugins=("union",)
        ),
        total=10000,
        lines=(
            BudgetLine(id="model", name="劳模慰问金", amount=4000, categories=("劳模",)),
            BudgetLine(id="needy", name="困难职工慰问金", amount=6000),
        ),
        standards={"劳模": 2000, "困难职工": 500, "农民工": 500},
        teams=(
            Team(
                id="t1",
                name="第一组",
                leader="王书记",
                tier="county",
                staff=2,
                depot="hq",
                days=(TeamDay(date=DAY1, **day), TeamDay(date=DAY2, **day)),
            ),
            Team(
                id="t2",
                name="第二组",
                leader="李主席",
                tier="union",
                staff=2,
                depot="hq",
                days=(TeamDay(date=DAY1, **day),),
            ),
        ),
        places=(
            Place(id="hq", name="县总工会", district="城关镇", x=0, y=0),
            Place(id="f1", name="红星机械厂", district="城关镇", x=1, y=0),
            Place(id="v1", name="东村", district="东镇", x=2, y=1),
            Place(id="v2", name="西村", district="西镇", x=-2, y=1),
        ),
        roads=(
            Road(a="hq", b="f1", minutes=20),
            Road(a="f1", b="v1", minutes=20),
            Road(a="hq", b="v2", minutes=35),
        ),
    )


def make_cases(scenario: Scenario) -> Cases:
    """Every household eligible, being archived; the model worker must be visited."""
    districts = {"f1": "城关镇", "v1": "东镇", "v2": "西镇"}
    categories = {
        h.category: Category(name=h.category, description="已建档") for h in scenario.households
    }
    cases = tuple(
        case(
            h,
            districts[h.place],
            reasons=(listed_reason(categories[h.category]),),
            priority=2 if h.category == "劳模" else 1,
            standard=scenario.budget.standards[h.category],
            visit="must" if h.category == "劳模" else "may",
        )
        for h in scenario.households
    )
    return Cases(scenario=scenario, cases=cases, templates=category_templates(categories.values()))


def make_allocation(cases: Cases) -> Allocation:
    """Three grants; 赵六 left unfunded."""
    return Allocation(
        cases=cases,
        grants=(
            Grant(household_id="h1", amount=2000, line_id="model"),
            Grant(household_id="h2", amount=500, line_id="needy"),
            Grant(household_id="h3", amount=500, line_id="needy"),
        ),
        unfunded=(Unfunded(household_id="h4", reason=LINE_SHORT_REASON),),
        lines=(
            LineUse(line_id="model", name="劳模慰问金", budget=4000, allocated=2000, households=1),
            LineUse(
                line_id="needy", name="困难职工慰问金", budget=6000, allocated=1000, households=2
            ),
        ),
        total_budget=10000,
        solver_status="OPTIMAL",
    )


def make_plan() -> Plan:
    """Team t1 visits 张三 and 李四 on day 1 with lunch; t2 visits 王五; 赵六 is dropped."""
    allocation = make_allocation(make_cases(make_scenario()))
    route1 = Route(
        team_id="t1",
        date=DAY1,
        depot="hq",
        start=at(DAY1, 9, 10),
        end=at(DAY1, 14, 0),
        visits=(
            Visit(
                household_id="h1",
                place="f1",
                arrival=at(DAY1, 9, 30),
                departure=at(DAY1, 10, 0),
                travel_minutes=20,
            ),
            Visit(
                household_id="h2",
                place="v1",
                arrival=at(DAY1, 10, 20),
                departure=at(DAY1, 10, 50),
                travel_minutes=20,
            ),
        ),
        lunch_start=at(DAY1, 12, 0),
        lunch_end=at(DAY1, 13, 0),
        travel_minutes=80,
    )
    route2 = Route(
        team_id="t2",
        date=DAY1,
        depot="hq",
        start=at(DAY1, 8, 30),
        end=at(DAY1, 10, 15),
        visits=(
            Visit(
                household_id="h3",
                place="v2",
                # The router may hand back UTC; exports must still show Shanghai time.
                arrival=at(DAY1, 9, 5).astimezone(dt.UTC),
                departure=at(DAY1, 9, 35).astimezone(dt.UTC),
                travel_minutes=35,
            ),
        ),
        travel_minutes=70,
    )
    return Plan(
        allocation=allocation,
        routes=(route1, route2),
        dropped=(DroppedVisit(household_id="h4", must=False, reason=Reason.of(FULL_HOURS)),),
        objective=150,
        solver_status="ROUTING_SUCCESS",
    )


def personal_strings() -> dict[str, list[str]]:
    """Every personal value that must not leave the office, by kind."""
    kinds = {"id_number": "id_number", "bank_card": "bank_card", "monthly_income": "income"}
    values = {kind: [str(data[key]) for data in PERSONAL.values()] for kind, key in kinds.items()}
    return {**values, "diagnosis": [DIAGNOSIS]}


@pytest.fixture
def plan() -> Plan:
    """The hand-built plan."""
    return make_plan()


@pytest.fixture
def build_plan() -> Callable[[], Plan]:
    """A fresh, independently built copy of the plan on each call (for "plan again" tests)."""
    return make_plan


@pytest.fixture
def personal_data() -> dict[str, list[str]]:
    """The personal values of the households by kind: ID numbers, bank cards, incomes, diagnosis."""
    return personal_strings()


@pytest.fixture
def pm() -> pluggy.PluginManager:
    """A plugin manager with the core writers only."""
    return make_plugin_manager(enabled=[])


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def render(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], tuple[str, bytes]]:
    """Open an HTML file in headless Chromium: the DOM it built and a screenshot (PNG bytes)."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")

    def open_page(page: Path) -> tuple[str, bytes]:
        profile = tmp_path_factory.mktemp("chromium-profile")
        png = profile / "page.png"
        flags = [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--window-size=1280,2000",
        ]
        url = page.resolve().as_uri()
        dom = subprocess.run(
            [*flags, "--dump-dom", url], capture_output=True, text=True, timeout=120, check=True
        ).stdout
        subprocess.run(
            [*flags, f"--screenshot={png}", url], capture_output=True, timeout=120, check=True
        )
        return dom, png.read_bytes()

    return open_page
