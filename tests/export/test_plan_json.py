"""plan.json: complete, deterministic, ISO times with +08:00, and free of personal data."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planner.export.plan_json import write_plan_json
from planner.plan import DroppedVisit, Plan
from planner.plan_file import read_plan_file
from planner.reasons import Reason, core_templates
from planner.route import explain as route_words

TOP_LEVEL = [
    "format_version",
    "campaign",
    "budget",
    "grants",
    "unfunded",
    "cases",
    "travel",
    "routes",
    "dropped",
    "calendars",
    "objective",
    "solver_status",
]


def write(plan: Plan, folder: Path) -> str:
    """Write plan.json for `plan` into `folder` and return its text."""
    folder.mkdir(parents=True, exist_ok=True)
    write_plan_json(plan, folder)
    return (folder / "plan.json").read_text(encoding="utf-8")


def load(plan: Plan, folder: Path) -> dict[str, Any]:
    """plan.json for `plan`, parsed."""
    data: dict[str, Any] = json.loads(write(plan, folder))
    return data


def test_round_trips_with_fixed_key_order(plan: Plan, tmp_path: Path) -> None:
    """The file parses as JSON, its top-level keys come in the documented order."""
    assert list(load(plan, tmp_path)) == TOP_LEVEL


def test_deterministic(build_plan: Callable[[], Plan], tmp_path: Path) -> None:
    """The same plan gives byte-identical files, with Chinese kept readable."""
    first = write(build_plan(), tmp_path / "a")
    assert first == write(build_plan(), tmp_path / "b")
    assert "张三" in first
    assert first.endswith("}\n")


def test_budget_and_grants(plan: Plan, tmp_path: Path) -> None:
    """Budget lines show use and remainder; grants carry names, unit, district and line."""
    data = load(plan, tmp_path)
    assert data["budget"]["total"] == 10000
    assert data["budget"]["allocated"] == sum(g["amount"] for g in data["grants"]) == 3000
    assert data["budget"]["lines"][1] == {
        "line_id": "needy",
        "name": "困难职工慰问金",
        "budget": 6000,
        "allocated": 1000,
        "left": 5000,
        "households": 2,
    }
    assert data["grants"][0] == {
        "household_id": "h1",
        "name": "张三",
        "unit": "红星机械厂",
        "district": "城关镇",
        "category": "劳模",
        "amount": 2000,
        "line_id": "model",
    }


def test_unfunded_dropped_and_cases(plan: Plan, tmp_path: Path) -> None:
    """Unfunded and dropped households come with their reasons: the code and parameters for
    other programs, the Chinese words for a person; every household has a case."""
    data = load(plan, tmp_path)
    short = {
        "code": "allocate.line_short",
        "params": {"line": "困难职工慰问金", "left": 0, "standard": 500, "priority": 1},
        "text": "困难职工慰问金余额0元，不足以支付标准500元；"
        "已按优先级先资助优先级更高的对象（本户优先级1）",
    }
    assert data["unfunded"] == [{"household_id": "h4", "name": "赵六", "reason": short}]
    full = {"code": "route.full_hours", "params": {}, "text": "工作时间和午休内排不下"}
    assert data["dropped"] == [
        {"household_id": "h4", "name": "赵六", "must": False, "reason": full}
    ]
    assert [case["household_id"] for case in data["cases"]] == ["h1", "h2", "h3", "h4"]
    assert data["cases"][0]["visit"] == "must"
    assert data["solver_status"] == {"allocation": "OPTIMAL", "routing": "ROUTING_SUCCESS"}


def test_routes_with_shanghai_times(plan: Plan, tmp_path: Path) -> None:
    """Routes carry team, leader, lunch and visits with ISO 8601 times at +08:00."""
    route1, route2 = load(plan, tmp_path)["routes"]
    assert (route1["team_id"], route1["team_name"], route1["leader"]) == ("t1", "第一组", "王书记")
    assert route1["lunch"] == {
        "start": "2027-01-18T12:00:00+08:00",
        "end": "2027-01-18T13:00:00+08:00",
    }
    assert [v["household_id"] for v in route1["visits"]] == ["h1", "h2"]
    assert route2["lunch"] is None
    assert route2["visits"][0]["arrival"] == "2027-01-18T09:05:00+08:00"
    assert route2["visits"][0]["departure"] == "2027-01-18T09:35:00+08:00"


def test_no_personal_data(plan: Plan, tmp_path: Path, personal_data: dict[str, list[str]]) -> None:
    """No ID number, bank card, income, diagnosis or phone, by value or by field name."""
    text = write(plan, tmp_path)
    for values in personal_data.values():
        assert not [value for value in values if value in text]
    for field in [*personal_data, "phone", "13800001111", "serious_illness", "address"]:
        assert field not in text


def keys(value: Any) -> set[str]:
    """Every key at any depth of a JSON value, but for a reason's parameters (documented by
    reason code)."""
    if isinstance(value, dict):
        inner = (keys(item) for key, item in value.items() if key != "params")
        return set(value).union(*inner)
    if isinstance(value, list):
        return set().union(*(keys(item) for item in value))
    return set()


def test_every_field_is_documented(plan: Plan, tmp_path: Path) -> None:
    """docs/plan.md has a table row for every key plan.json uses."""
    docs = (Path(__file__).parents[2] / "docs" / "plan.md").read_text(encoding="utf-8")
    missing = sorted(key for key in keys(load(plan, tmp_path)) if f"| `{key}` |" not in docs)
    assert missing == []


def test_every_reason_code_of_allocation_and_routing_is_documented() -> None:
    """docs/plan.md lists each code allocation and routing give, with its parameters, so a
    program reading `reason.code` and `reason.params` knows them all."""
    docs = (Path(__file__).parents[2] / "docs" / "plan.md").read_text(encoding="utf-8")
    rows = {line.split(" | ")[0].strip("| `"): line for line in docs.splitlines()}
    given = [
        each
        for each in core_templates()
        if each.code.split(".")[0] in ("allocate", "route", "plan_file")
        and not each.code.startswith("route.status.")
    ]
    assert len(given) > 20
    for each in given:
        assert each.code in rows, each.code
        assert all(f"`{field}`" in rows[each.code] for field in each.fields()), each.code


def test_the_deepest_routing_reason_reads_back(plan: Plan, tmp_path: Path) -> None:
    """A drop whose teams meet every limit at once (cars out, visit cap, minute cap, hours)
    nests deepest; its plan.json is read back and the reason is the same."""
    cars = Reason.of(
        route_words.CARS_OUT, dates=(dt.date(2027, 1, 18), dt.date(2027, 1, 19)), cars=2
    )
    limits = Reason.of(
        route_words.CLAUSES,
        first=cars,
        rest=Reason.of(
            route_words.CLAUSES,
            first=Reason.of(route_words.FULL_VISITS),
            rest=Reason.of(
                route_words.CLAUSES,
                first=Reason.of(route_words.FULL_MINUTES),
                rest=Reason.of(route_words.FULL_HOURS),
            ),
        ),
    )
    deep = Reason.of(route_words.CROWDED_MUST, limits=limits)
    dropped = (DroppedVisit(household_id="h4", must=True, reason=deep),)
    write(plan.model_copy(update={"dropped": dropped}), tmp_path)
    (read,) = read_plan_file(tmp_path / "plan.json").dropped
    assert read.reason.reason() == deep
    assert read.reason.text.startswith("各组行程已满（1月18日、1月19日车辆已全部派出（每日2辆）；")
