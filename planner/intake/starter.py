"""`songnuan init`: a starter scenario folder that validates and plans as it stands.

A clerk starts from files that already work and changes them, rather than from a blank page and
the documentation: scenario.yaml with a short Chinese comment on every key, each table with its
Chinese header and one example row, and README.txt saying what to fill in, in order. The
example household is of the organisation plugin's first category, and the minutes are
estimated from coordinates, so that no road table is needed to begin with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from planner.atomic_folder import write_folder
from planner.calendar_cn import spring_festival
from planner.intake.starter_text import README, scenario_yaml
from planner.load import load_scenario
from planner.load.household_tables import HISTORY_COLUMNS, HOUSEHOLD_COLUMNS
from planner.load.network_tables import PLACE_COLUMNS, ROAD_COLUMNS
from planner.plugins import make_plugin_manager
from planner.problems import ScenarioError
from planner.rule_types import Category
from planner.rules import apply_rules, registered_categories

EXAMPLE_ID_NUMBER = "11010519491231002X"
"""The example number printed in GB 11643 itself: well-formed, and nobody's."""

TEAM_DAYS = 3
DAYS_BEFORE_FESTIVAL = 10
"""The example team works the last weekdays ending this many days before Spring Festival."""


def campaign_year(today: dt.date) -> int:
    """The Spring Festival year a campaign started on `today` is for: this year's until it
    has passed, then next year's."""
    return today.year if today < spring_festival(today.year) else today.year + 1


def team_days(year: int) -> list[dt.date]:
    """`TEAM_DAYS` weekdays ending `DAYS_BEFORE_FESTIVAL` days before Spring Festival."""
    day = spring_festival(year) - dt.timedelta(days=DAYS_BEFORE_FESTIVAL)
    found: list[dt.date] = []
    while len(found) < TEAM_DAYS:
        if day.weekday() < 5:
            found.insert(0, day)
        day -= dt.timedelta(days=1)
    return found


class NoCategories(ValueError):
    """The plugins chosen register no category of households (they refine another plugin's)."""


def target_categories(plugins: Sequence[str]) -> list[Category]:
    """The categories the plugins register that are targets of their campaign, in order.

    The first is the example household's; each gets a standard in the starter's budget, so
    that an imported archive of any of them plans without a missing standard.
    """
    categories = registered_categories(make_plugin_manager(plugins)).values()
    found = [c for c in dict.fromkeys(categories) if c.targeted]
    if found:
        return found
    names = ", ".join(plugins)
    raise NoCategories(
        f"plugin {names} registers no household categories; name the plugin whose categories "
        "it builds on as well (--plugin A --plugin B; docs/plugins.md says which)"
    )


def write_starter(folder: Path, plugins: Sequence[str], year: int) -> list[Path]:
    """Write the starter scenario into `folder`, which must not exist (OutputExistsError).

    `plugins` must be installed organisation plugins (PluginError otherwise) of which one at
    least registers categories (NoCategories otherwise).
    """
    categories = [category.name for category in target_categories(plugins)]
    days = team_days(year)

    def fill(staging: Path) -> None:
        text = scenario_yaml(plugins=plugins, year=year, categories=categories, days=days)
        (staging / "scenario.yaml").write_text(text, encoding="utf-8")
        (staging / "README.txt").write_text(README, encoding="utf-8")
        _table(
            staging / "households.csv",
            [s.chinese for s in HOUSEHOLD_COLUMNS],
            _example_household(categories[0]),
        )
        _table(staging / "places.csv", [s.chinese for s in PLACE_COLUMNS], EXAMPLE_PLACES)
        _table(
            staging / "roads.csv",
            [s.chinese for s in ROAD_COLUMNS],
            [["office", "p-example", "20"]],
        )
        _table(
            staging / "history.csv",
            [s.chinese for s in HISTORY_COLUMNS],
            [["例1", str(year - 10), "p-example"]],
        )
        tier = _visiting_tier(staging, plugins)
        if tier:
            text = scenario_yaml(
                plugins=plugins, year=year, categories=categories, days=days, tier=tier
            )
            (staging / "scenario.yaml").write_text(text, encoding="utf-8")

    return write_folder(folder, fill)


def _visiting_tier(folder: Path, plugins: Sequence[str]) -> str:
    """The leader tier the plugins' rules want for the example household (school: its office,
    bureau: 局领导 …), so that the starter's team can make its visit; empty when any may."""
    try:
        cases = apply_rules(load_scenario(folder), make_plugin_manager(plugins))
    except ScenarioError:
        return ""
    return cases.cases[0].tier if cases.cases else ""


EXAMPLE_PLACES = [
    ["office", "本单位", "城关镇", "县城", "106.70000", "26.60000"],
    ["p-example", "示例村", "示例镇", "村", "106.78000", "26.65000"],
]


def _example_household(category: str) -> list[list[str]]:
    values = {
        "id": "例1",
        "name": "张示例",
        "id_number": EXAMPLE_ID_NUMBER,
        "phone": "13800000000",
        "unit": "示例单位",
        "place": "p-example",
        "address": "示例镇示例村1组",
        "category": category,
        "household_size": "3",
        "marital_status": "已婚",
        "children": "1",
        "monthly_income": "2400",
        "archived": "是",
        "difficulty": "相对困难",
        "visit": "可访",
    }
    return [[values.get(spec.field, "") for spec in HOUSEHOLD_COLUMNS]]


def _table(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A CSV table in UTF-8 with a BOM, so that Excel and WPS show the Chinese."""
    lines = [",".join(header), *(",".join(row) for row in rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
