"""Small scenarios made in code, so each test shows the facts it depends on.

Importable from every test folder as `builders` (pyproject sets `pythonpath = ["tests"]`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pluggy

from planner.cases import Case, Cases
from planner.reasons import Lang, Reason
from planner.rules import apply_rules, findings
from planner.scenario import (
    Budget,
    BudgetLine,
    Campaign,
    FairLoads,
    Household,
    LunchBreak,
    Place,
    Road,
    Scenario,
    Team,
    TeamDay,
    Travel,
)

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "scenarios" / "county-union-2027"


def household(id: str, **facts: Any) -> Household:
    """A union household with plausible defaults; `facts` override any field."""
    values: dict[str, Any] = {
        "id": id,
        "name": f"职工{id}",
        "unit": "示例机械厂",
        "place": "v1",
        "category": "困难职工",
        "marital_status": "已婚",
        "children": 1,
        "monthly_income": 2400,
        "id_number": "52010119800101001X",
        "bank_card": "6222020200112233445",
    }
    values.update(facts)
    return Household(**values)


def scenario(
    households: tuple[Household, ...],
    *,
    total: int = 100_000,
    lines: tuple[BudgetLine, ...] | None = None,
    rules: dict[str, dict[str, Any]] | None = None,
    plugins: tuple[str, ...] = ("union",),
    standards: dict[str, int] | None = None,
    campaign: Campaign | None = None,
    teams: tuple[Team, ...] | None = None,
    places: tuple[Place, ...] | None = None,
    roads: tuple[Road, ...] | None = None,
    travel: Travel | None = None,
    fair_loads: FairLoads | None = None,
    folder: Path = Path("."),
) -> Scenario:
    """The one scenario builder of the tests: by default a one-depot, two-district scenario with
    one team on one day around `households`; any part can be given instead.

    `standards` replaces the union's budget standards, for scenarios of other organisations;
    `campaign` replaces the campaign (its plugins then come from it, not from `plugins`).
    """
    return Scenario(
        folder=folder,
        campaign=campaign or Campaign(name="测试慰问", year=2027, plugins=plugins),
        budget=Budget(
            total=total,
            lines=lines
            or (
                BudgetLine(id="model", name="劳模慰问金", amount=total // 4, categories=("劳模",)),
                BudgetLine(id="needy", name="困难职工慰问金", amount=total - total // 4),
            ),
            standards=standards
            if standards is not None
            else {"困难企业职工": 500, "困难职工": 500, "农民工": 500, "劳模": 1000},
        ),
        travel=travel or Travel(),
        fair_loads=fair_loads or FairLoads(),
        teams=teams or (DEFAULT_TEAM,),
        places=places or DEFAULT_PLACES,
        roads=roads if roads is not None else DEFAULT_ROADS,
        households=households,
        rules=rules or {},
    )


DAY = TeamDay(
    date=dt.date(2027, 2, 1),
    start=dt.time(8, 30),
    end=dt.time(17, 30),
    lunch=LunchBreak(earliest=dt.time(11, 30), latest=dt.time(13, 30), minutes=60),
)
DEFAULT_TEAM = Team(
    id="t1", name="一组", leader="王主席", tier="工会领导", staff=2, depot="hq", days=(DAY,)
)
DEFAULT_PLACES = (
    Place(id="hq", name="县城", district="城关镇", x=0, y=0),
    Place(id="v1", name="东村", district="东镇", x=1, y=0),
    Place(id="v2", name="西村", district="西镇", x=-1, y=0),
)
DEFAULT_ROADS = (Road(a="hq", b="v1", minutes=20), Road(a="hq", b="v2", minutes=25))


def case(household: Household, district: str, **decided: Any) -> Case:
    """A case as the rules might have made it, for tests that start after the rules: eligible,
    priority 1, 500 yuan, "may" be visited, three people; `decided` overrides any of it."""
    values: dict[str, Any] = {
        "household_id": household.id,
        "category": household.category,
        "district": district,
        "unit": household.unit,
        "eligible": True,
        "reasons": (),
        "priority": 1,
        "standard": 500,
        "visit": "may",
        "counted_size": 3,
        **decided,
    }
    return Case(**values)


def org_scenario(
    households: tuple[Household, ...],
    plugin: str,
    *,
    standards: dict[str, int] | None = None,
    rules: dict[str, dict[str, Any]] | None = None,
    year: int = 2027,
) -> Scenario:
    """`scenario` for an organisation other than a union: one general line, its own standards."""
    built = scenario(
        households,
        lines=(BudgetLine(id="general", name="慰问金", amount=100_000),),
        rules=rules,
        plugins=(plugin,),
        standards=standards or {},
    )
    campaign = built.campaign.model_copy(update={"year": year})
    return built.model_copy(update={"campaign": campaign})


def household_of(id: str, category: str, **facts: Any) -> Household:
    """A household of another organisation: just the required facts and its category."""
    values: dict[str, Any] = {"name": f"人员{id}", "unit": "本单位", "place": "v1", **facts}
    return Household(id=id, category=category, **values)


def said(cases: Cases, reasons: tuple[Reason, ...] | Reason, lang: Lang = "zh") -> list[str]:
    """The reasons as a person reads them, rendered with the words the rules gathered."""
    book = cases.reason_book()
    many = (reasons,) if isinstance(reasons, Reason) else reasons
    return [book.render(reason, lang) for reason in many]


def noted(built: Scenario, pm: pluggy.PluginManager, lang: Lang = "zh") -> list[str]:
    """The plugins' findings on a scenario, as `validate` and `plan` print them."""
    cases = apply_rules(built, pm)
    return [finding.text(cases.reason_book(), lang) for finding in findings(cases, pm)]
