"""`--vary PATH=VALUES`: paths and values read, checked against the scenario, and applied."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.load import load_scenario
from planner.scenario import Scenario
from planner.whatif.vary import (
    Knob,
    VaryError,
    apply,
    check,
    combinations,
    describe,
    parse_vary,
)

TINY = Path(__file__).resolve().parent.parent / "data" / "tiny"
UNION_CATEGORIES = {"困难企业职工", "困难职工", "农民工", "劳模"}


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return load_scenario(TINY)


def test_a_range_includes_both_ends() -> None:
    """`300000..400000/20000` is six budgets, 300,000 and 400,000 included."""
    vary = parse_vary("budget.total=300000..400000/20000")
    assert vary.knob == Knob("total")
    assert vary.values == (300000, 320000, 340000, 360000, 380000, 400000)


def test_lists_lines_standards_and_service_minutes() -> None:
    """Each variable path maps to its figure; `budget.standards.X` is the same as `standards.X`."""
    short, long = "standards.困难职工=500,600", "budget.standards.困难职工=500,600"
    assert parse_vary(short) == parse_vary(long)
    assert parse_vary("standards.困难职工=500").knob == Knob("standard", "困难职工")
    line = parse_vary("budget.lines.model-workers.amount=900,1000")
    assert line.knob == Knob("line", "model-workers") and line.values == (900, 1000)
    assert parse_vary("visits.service_minutes=20,30").knob == Knob("service_minutes")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("budget.total", "expected PATH=VALUES"),
        ("budget.totl=1000", "not a figure a what-if can vary"),
        ("teams.county-1.staff=2", "budget.total, budget.lines.<line id>.amount"),
        ("budget.total=3万", "'3万' is not a whole number"),
        ("budget.total=1000..2000", "a range needs a step"),
        ("budget.total=2000..1000/100", "from low to high by a positive step"),
        ("budget.total=1..100000/1", "more than 500 values"),
        ("budget.total=500,500", "given twice"),
    ],
)
def test_bad_vary_says_what_is_wrong(text: str, message: str) -> None:
    """A malformed `--vary` is refused with a message that says what would be right."""
    with pytest.raises(VaryError, match=re.escape(message)):
        parse_vary(text)


def test_paths_must_name_what_the_scenario_has(tiny: Scenario) -> None:
    """An unknown budget line or category, or the same figure twice, is refused before planning."""
    with pytest.raises(VaryError, match="no budget line 'moon'"):
        check([parse_vary("budget.lines.moon.amount=1")], tiny, UNION_CATEGORIES)
    with pytest.raises(VaryError, match="unknown category '外星人'"):
        check([parse_vary("standards.外星人=1")], tiny, UNION_CATEGORIES)
    twice = [parse_vary("budget.total=1"), parse_vary("budget.total=2")]
    with pytest.raises(VaryError, match="given twice"):
        check(twice, tiny, UNION_CATEGORIES)


def test_combinations_vary_the_first_option_slowest() -> None:
    """Every combination, in the order a reader expects: the first --vary is the outer loop."""
    found = combinations([parse_vary("budget.total=1,2"), parse_vary("standards.劳模=3,4")])
    assert [describe(settings) for settings in found] == [
        "budget.total=1 standards.劳模=3",
        "budget.total=1 standards.劳模=4",
        "budget.total=2 standards.劳模=3",
        "budget.total=2 standards.劳模=4",
    ]


def test_apply_changes_only_the_varied_figures(tiny: Scenario) -> None:
    """The variant's scenario has the new total, line amount, standard and visit length."""
    (settings,) = combinations(
        [
            parse_vary("budget.total=5000"),
            parse_vary("budget.lines.model-workers.amount=2000"),
            parse_vary("standards.困难职工=600"),
            parse_vary("visits.service_minutes=45"),
        ]
    )
    varied = apply(tiny, settings)
    assert varied.budget.total == 5000
    assert {line.id: line.amount for line in varied.budget.lines}["model-workers"] == 2000
    assert varied.budget.standards["困难职工"] == 600
    assert varied.budget.standards["劳模"] == tiny.budget.standards["劳模"]
    assert varied.visits.service_minutes == 45
    assert varied.households == tiny.households and tiny.budget.total == 3000


def test_apply_refuses_values_a_scenario_cannot_take(tiny: Scenario) -> None:
    """A negative amount or a zero-minute visit is refused like in scenario.yaml, naming the
    variant."""
    (negative,) = combinations([parse_vary("budget.total=-1")])
    with pytest.raises(VaryError, match=r"budget\.total=-1: total"):
        apply(tiny, negative)
    (zero,) = combinations([parse_vary("visits.service_minutes=0")])
    with pytest.raises(VaryError, match="service_minutes"):
        apply(tiny, zero)
