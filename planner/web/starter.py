"""The starter scenario a new campaign begins with, for one organisation plugin.

This is the app's stand-in for `songnuan init` (issue 13, `planner.intake`), kept to one function
with init's shape — `write_starter(folder, plugin, name=…, year=…)` writes a scenario that loads
and plans as it stands — so that swapping it for the library's init is a one-line change in
`pages/campaigns.py`. The tables carry the loader's own headers and one example row each.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from planner.load.household_tables import HOUSEHOLD_COLUMNS
from planner.load.network_tables import PLACE_COLUMNS, ROAD_COLUMNS
from planner.plugins import make_plugin_manager
from planner.rules import registered_categories
from planner.web.scenario_edit import dump_yaml

DEPOT, VILLAGE = "depot", "village-1"
DEFAULT_STANDARD = 500


def write_starter(folder: Path, plugin: str, *, name: str, year: int, organisation: str) -> None:
    """Write scenario.yaml, households.csv, places.csv and roads.csv for `plugin` into `folder`.

    The budget has one line for every category the plugin serves, each at a standard of 500
    yuan; one team works the five days before Spring Festival (`春节前5天` counted back).
    """
    known = registered_categories(make_plugin_manager([plugin])).values()
    categories = [c.name for c in known if c.targeted] or [c.name for c in known] or ["困难群众"]
    doc = {
        "campaign": {"name": name, "year": year, "organisation": organisation,
                     "plugins": [plugin], "seed": 1, "contact": ""},
        "budget": {
            "total": 10000,
            "lines": [{"id": "main", "name": "慰问金", "amount": 10000}],
            "standards": dict.fromkeys(categories, DEFAULT_STANDARD),
        },
        "visits": {"service_minutes": 30},
        "teams": [{
            "id": "team-1", "name": "第一慰问组", "leader": "组长", "tier": "领导", "staff": 3,
            "depot": DEPOT, "hours": "08:30-17:30", "lunch": "11:30-13:30/60",
            "days": ["春节前7天至春节前3天"],
        }],
    }
    (folder / "scenario.yaml").write_text(dump_yaml(CommentedMap(doc)), encoding="utf-8")
    household = {"id": "H0001", "name": "示例户", "unit": "示例单位", "place": VILLAGE,
                 "category": categories[0] if categories else "", "household_size": "3"}
    _write_table(folder / "households.csv", [c.chinese for c in HOUSEHOLD_COLUMNS],
                 [[household.get(c.field, "") for c in HOUSEHOLD_COLUMNS]])
    _write_table(folder / "places.csv", [c.chinese for c in PLACE_COLUMNS], [
        [DEPOT, "单位驻地", "城关镇", "县城", "106.70000", "26.60000"],
        [VILLAGE, "示例村", "城关镇", "村", "106.75000", "26.62000"],
    ])
    _write_table(folder / "roads.csv", [c.chinese for c in ROAD_COLUMNS], [[DEPOT, VILLAGE, "15"]])


def _write_table(path: Path, headers: list[str], rows: list[list[str]]) -> None:
    """A CSV as offices open it in Excel and WPS: UTF-8 with a BOM, Chinese headers."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8-sig")
