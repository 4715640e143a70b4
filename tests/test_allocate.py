"""CP-SAT allocation: lines never exceeded, must-funds, priority first, fairness, determinism,
alike households counted as classes, and a solver stopped early still giving an allocation."""

from __future__ import annotations

import pluggy
import pytest

from builders import household, scenario
from planner.allocate import allocate
from planner.allocation import Allocation
from planner.problems import InfeasibleError
from planner.reasons import ReasonBook
from planner.rules import apply_rules
from planner.scenario import BudgetLine, Household, Scenario


def allocated(pm: pluggy.PluginManager, built: Scenario) -> Allocation:
    return allocate(apply_rules(built, pm))


def needy(id: str, **facts: object) -> Household:
    """An eligible 困难职工 household (per-capita income well below 150% of 780)."""
    return household(id, monthly_income=1500, **facts)


def test_line_and_total_are_never_exceeded(union_pm: pluggy.PluginManager) -> None:
    """With more demand than money, every line and the total stay within their amounts."""
    households = tuple(needy(f"n{i}") for i in range(10)) + tuple(
        household(f"m{i}", category="劳模") for i in range(5)
    )
    lines = (
        BudgetLine(id="model", name="劳模慰问金", amount=2500, categories=("劳模",)),
        BudgetLine(id="needy", name="困难职工慰问金", amount=2000),
    )
    result = allocated(union_pm, scenario(households, total=4000, lines=lines))
    use = {line.line_id: line for line in result.lines}
    assert use["model"].allocated == 2000  # two 1000-yuan grants fit in 2500
    assert use["needy"].allocated == 2000
    assert result.total_allocated <= 4000
    assert all(line.allocated <= line.budget for line in result.lines)
    assert len(result.unfunded) == 15 - len(result.grants)


def test_higher_priority_is_funded_first(union_pm: pluggy.PluginManager) -> None:
    """When money is short, 深度困难 households get it before 相对困难 ones."""
    households = (
        needy("low1", difficulty="相对困难"),
        needy("deep1", difficulty="深度困难"),
        needy("low2", difficulty="相对困难"),
        needy("deep2", difficulty="深度困难"),
    )
    result = allocated(union_pm, scenario(households, total=1000, lines=_one_line(1000)))
    assert {grant.household_id for grant in result.grants} == {"deep1", "deep2"}
    reasons = {u.household_id: ReasonBook().render(u.reason) for u in result.unfunded}
    assert "余额0元" in reasons["low1"]


def test_must_fund_households_are_funded(union_pm: pluggy.PluginManager) -> None:
    """A 必访 household is funded even when others have higher priority."""
    households = (
        needy("deep", difficulty="深度困难"),
        needy("must", difficulty="相对困难", visit="必访"),
    )
    result = allocated(union_pm, scenario(households, total=500, lines=_one_line(500)))
    assert [grant.household_id for grant in result.grants] == ["must"]


def test_must_funds_beyond_a_line_name_the_line(union_pm: pluggy.PluginManager) -> None:
    """Must-fund households costing more than their line: an error naming line and households."""
    households = (needy("a", visit="必访"), needy("b", visit="必访"))
    with pytest.raises(InfeasibleError) as error:
        allocated(union_pm, scenario(households, total=500, lines=_one_line(500)))
    assert "困难职工慰问金" in str(error.value) and "a、b" in str(error.value)


def test_equal_priority_is_spread_over_districts(union_pm: pluggy.PluginManager) -> None:
    """With money for two of four equal cases, each district gets one."""
    households = (
        needy("e1", place="v1"),
        needy("e2", place="v1"),
        needy("w1", place="v2"),
        needy("w2", place="v2"),
    )
    result = allocated(union_pm, scenario(households, total=1000, lines=_one_line(1000)))
    funded = {grant.household_id[0] for grant in result.grants}
    assert funded == {"e", "w"}


def test_same_scenario_gives_same_grants(union_pm: pluggy.PluginManager) -> None:
    """Determinism: one worker and the scenario's seed give the same grants every run."""
    households = tuple(needy(f"n{i}", place="v1" if i % 2 else "v2") for i in range(30))
    built = scenario(households, total=6000, lines=_one_line(6000))
    first = allocated(union_pm, built)
    second = allocated(union_pm, built)
    assert first.grants == second.grants


def test_ineligible_households_get_nothing(union_pm: pluggy.PluginManager) -> None:
    """Only eligible cases are funded, however much money is left."""
    households = (needy("ok"), household("rich", monthly_income=90000))
    result = allocated(union_pm, scenario(households))
    assert [grant.household_id for grant in result.grants] == ["ok"]


def test_alike_households_are_funded_in_table_order(union_pm: pluggy.PluginManager) -> None:
    """Among households the allocation cannot tell apart, the first in the table get the money."""
    households = tuple(needy(f"n{i}") for i in range(6))
    result = allocated(union_pm, scenario(households, total=1500, lines=_one_line(1500)))
    assert [grant.household_id for grant in result.grants] == ["n0", "n1", "n2"]
    assert result.proven_best and result.solver_status == "OPTIMAL"


def test_a_lower_level_gets_what_the_higher_one_cannot_use(
    union_pm: pluggy.PluginManager,
) -> None:
    """Money a higher priority cannot use (a 3000-yuan 劳模 grant does not fit) funds a lower one.

    The 劳模 line has 2,500 yuan: no 3,000-yuan grant fits, so it stays unspent; the general
    line funds 深度困难 first and the rest goes to 相对困难, one household per 500 yuan.
    """
    households = (
        household("m1", category="劳模", difficulty="深度困难"),
        needy("deep", difficulty="深度困难"),
        *(needy(f"low{i}", difficulty="相对困难") for i in range(4)),
    )
    lines = (
        BudgetLine(id="model", name="劳模慰问金", amount=2500, categories=("劳模",)),
        BudgetLine(id="needy", name="困难职工慰问金", amount=1500),
    )
    built = scenario(households, total=4000, lines=lines, standards={"劳模": 3000, "困难职工": 500})
    result = allocated(union_pm, built)
    assert {grant.household_id for grant in result.grants} == {"deep", "low0", "low1"}
    reasons = {u.household_id: ReasonBook().render(u.reason) for u in result.unfunded}
    assert "劳模慰问金余额2500元" in reasons["m1"]


def test_thousands_of_households_are_allocated_by_priority_and_district(
    union_pm: pluggy.PluginManager,
) -> None:
    """Six thousand households, money for half: every 深度困难 one first, districts even."""
    households = tuple(
        needy(f"h{i}", difficulty="深度困难" if i % 3 == 0 else "相对困难", place=f"v{i % 2 + 1}")
        for i in range(6000)
    )
    result = allocated(union_pm, scenario(households, total=1_500_000, lines=_one_line(1_500_000)))
    funded = {grant.household_id for grant in result.grants}
    assert len(funded) == 3000 and result.proven_best
    assert all(f"h{i}" in funded for i in range(0, 6000, 3))
    by_district = [sum(1 for i in range(d, 6000, 2) if f"h{i}" in funded) for d in (0, 1)]
    assert by_district == [1500, 1500]


def test_a_solver_stopped_early_still_gives_an_allocation(union_pm: pluggy.PluginManager) -> None:
    """Without time to search, the allocation is the best found (here the must-funds), within
    every line, and it says it is not proven best instead of saying there is no allocation."""
    households = (needy("must", visit="必访"), *(needy(f"n{i}") for i in range(20)))
    cases = apply_rules(scenario(households, total=3000, lines=_one_line(3000)), union_pm)
    result = allocate(cases, time_limit=0.0)
    assert not result.proven_best and result.solver_status == "FEASIBLE"
    assert "must" in {grant.household_id for grant in result.grants}
    assert all(line.allocated <= line.budget for line in result.lines)
    assert result.total_allocated <= 3000
    assert len(result.grants) + len(result.unfunded) == 21


def _one_line(amount: int) -> tuple[BudgetLine, ...]:
    return (
        BudgetLine(id="model", name="劳模慰问金", amount=0, categories=("劳模",)),
        BudgetLine(id="needy", name="困难职工慰问金", amount=amount),
    )
