"""What would fund everyone, and which money binds: the figures each what-if variant gives."""

from __future__ import annotations

import pluggy

from builders import household, scenario
from planner.allocate import allocate
from planner.rules import apply_rules
from planner.scenario import BudgetLine, Household
from planner.whatif.compare import binding
from planner.whatif.needs import Needs, needs_of

LINES = (
    BudgetLine(id="model", name="劳模慰问金", amount=1000, categories=("劳模",)),
    BudgetLine(id="needy", name="困难职工慰问金", amount=5000),
)


def needs(pm: pluggy.PluginManager, total: int, standard: int = 500) -> Needs:
    """Two 劳模 at 1,000 each and four needy households at `standard`, under LINES."""
    households: tuple[Household, ...] = (
        household("m1", category="劳模"),
        household("m2", category="劳模"),
        *(household(f"n{i}", monthly_income=1500) for i in range(4)),
    )
    standards = {"劳模": 1000, "困难职工": standard}
    built = scenario(households, total=total, lines=LINES, standards=standards)
    return needs_of(allocate(apply_rules(built, pm)))


def test_what_funds_everyone_is_the_sum_of_the_standards(union_pm: pluggy.PluginManager) -> None:
    """Each line needs its households' standards together; the total needs the lines' sum; a
    higher standard raises the need by the same amount per household."""
    found = {line.line_id: line for line in needs(union_pm, 10_000).lines}
    assert (found["model"].needed, found["needy"].needed) == (2000, 2000)
    assert needs(union_pm, 10_000).total_needed == 4000
    assert {line.line_id: line.needed for line in needs(union_pm, 10_000, 600).lines} == {
        "model": 2000,
        "needy": 2400,
    }


def test_the_line_that_runs_out_binds_with_its_shortfall(union_pm: pluggy.PluginManager) -> None:
    """Plenty of total: only the 劳模 line (1,000 for 2,000 of grants) binds, 1,000 short."""
    found = needs(union_pm, 10_000)
    model, needy = found.lines
    assert model.binds and model.short == 1000 and model.coverage == 50.0
    assert not needy.binds and needy.short == 0 and needy.coverage == 100.0
    assert not found.total_binds and found.total_short == 0
    assert binding(found, "zh") == "劳模慰问金缺1,000元"


def test_the_total_binds_when_the_lines_have_enough(union_pm: pluggy.PluginManager) -> None:
    """A 2,500-yuan total under lines of 1,000 and 5,000: the needy line has money left but
    the total does not, so the total binds, 1,500 short of the 4,000 that funds everyone."""
    found = needs(union_pm, 2500)
    assert found.total_binds and found.total_short == 1500
    assert "预算总额缺1,500元" in binding(found, "zh")
    assert binding(found, "en").endswith("total short 1,500")
