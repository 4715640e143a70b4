"""What the bundled county-union-2027 example promises (its README), checked through the real
union rules and the real allocation, so that the generator needs no copy of the rules."""

from __future__ import annotations

import pytest

from builders import EXAMPLE
from planner.allocate import allocate
from planner.allocation import Allocation
from planner.load import load_scenario
from planner.plugins import make_plugin_manager
from planner.rules import apply_rules

MODEL_WORKERS = "model-workers"


@pytest.fixture(scope="module")
def allocation() -> Allocation:
    """The example's grants, as `plan` makes them."""
    scenario = load_scenario(EXAMPLE)
    return allocate(apply_rules(scenario, make_plugin_manager(scenario.campaign.plugins)))


def test_the_model_worker_line_runs_short(allocation: Allocation) -> None:
    """The eligible 劳模 ask for more than the 90,000-yuan line: it is spent to within one
    standard and some eligible model workers are left out, each with a reason."""
    cases = allocation.cases
    standard = cases.scenario.budget.standards["劳模"]
    eligible = [c for c in cases.cases if c.eligible and c.category == "劳模"]
    line = next(use for use in allocation.lines if use.line_id == MODEL_WORKERS)
    assert len(eligible) * standard > line.budget
    assert line.left < standard
    unfunded = {u.household_id for u in allocation.unfunded}
    assert {c.household_id for c in eligible} & unfunded


def test_the_general_line_covers_every_eligible_needy_worker(allocation: Allocation) -> None:
    """Every eligible household outside the 劳模 line is funded: only model workers go short."""
    funded = {grant.household_id for grant in allocation.grants}
    needy = [c for c in allocation.cases.cases if c.eligible and c.category != "劳模"]
    assert needy and all(c.household_id in funded for c in needy)


def test_the_example_has_every_kind_of_exclusion(allocation: Allocation) -> None:
    """Households left out by each rule the README names: last year's visit, no archive, the
    income test, and the categories a union does not serve."""
    book = allocation.cases.reason_book()
    said = {book.render(r) for c in allocation.cases.cases if not c.eligible for r in c.reasons}
    for words in ("2026年已慰问", "未建档", "人均月收入超出", "不属于本次慰问对象"):
        assert any(words in text for text in said), words
