"""The search configurations of `search.toml` and the portfolio that runs them side by side."""

from __future__ import annotations

from route.test_route_vrptw import instance

from planner.route import portfolio, search
from planner.route.strategy import strategies
from planner.route.vrptw import routing_data


def test_every_search_in_the_file_is_named_and_valid() -> None:
    """Each entry parses as OR-Tools parameters, and the caller's limits override the file."""
    found = strategies()
    assert found
    assert len({strategy.name for strategy in found}) == len(found)
    for strategy in found:
        parameters = strategy.search_parameters(time_limit=2.5, solution_limit=7)
        assert parameters.time_limit.ToMilliseconds() == 2500
        assert parameters.solution_limit == 7


def test_portfolio_keeps_the_cheapest_plan() -> None:
    """With a solution limit each search is reproducible; the portfolio returns the best one."""
    data = routing_data(instance(capacity=12))
    alone = [
        search.solve(data, time_limit=2, solution_limit=50, strategy=strategy)
        for strategy in strategies()
    ]
    together = portfolio.solve(data, time_limit=2, solution_limit=50, workers=len(alone))
    assert together.objective == min(solution.objective for solution in alone)
    assert together.tours in [solution.tours for solution in alone]
