"""Coverage per district and the Gini of coverage, as the summary, report and what-if show them."""

from __future__ import annotations

import pluggy
import pytest

from builders import household, scenario
from planner.allocate import allocate
from planner.fairness import district_fairness, fairness_table, gini
from planner.rules import apply_rules
from planner.scenario import BudgetLine


def test_equal_coverage_has_gini_zero_and_concentration_raises_it() -> None:
    """Equal shares give 0; one district with everything among four gives 0.75."""
    assert gini([0.5, 0.5, 0.5]) == 0.0
    assert gini([1.0, 0.0, 0.0, 0.0]) == 0.75
    assert gini([0.5, 1.0, 1.0]) == pytest.approx(0.1333, abs=1e-4)
    assert gini([]) == 0.0 and gini([0.0, 0.0]) == 0.0


def test_districts_show_eligible_funded_and_coverage(union_pm: pluggy.PluginManager) -> None:
    """Money for three of four needy households in two districts: 2 of 2 in one, 1 of 2 in
    the other, and the ineligible household counts in neither."""
    households = (
        household("e1", monthly_income=1500, place="v1"),
        household("e2", monthly_income=1500, place="v1"),
        household("w1", monthly_income=1500, place="v2"),
        household("w2", monthly_income=1500, place="v2"),
        household("rich", monthly_income=90000, place="v2"),
    )
    lines = (
        BudgetLine(id="model", name="劳模慰问金", amount=0, categories=("劳模",)),
        BudgetLine(id="needy", name="困难职工慰问金", amount=1500),
    )
    allocation = allocate(apply_rules(scenario(households, total=1500, lines=lines), union_pm))
    fairness = district_fairness(allocation)
    figures = sorted((d.eligible, d.funded) for d in fairness.districts)
    assert figures == [(2, 1), (2, 2)]
    assert fairness.gini == pytest.approx(gini([0.5, 1.0]))
    headers, rows, sentence = fairness_table(fairness, "zh")
    assert headers[-1] == "覆盖率" and sorted(row[-1] for row in rows) == ["100%", "50%"]
    assert f"{fairness.gini:.3f}" in sentence
