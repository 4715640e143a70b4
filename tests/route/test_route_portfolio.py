"""The search configurations of `search.toml` and the portfolio that runs them side by side."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
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


def test_every_search_gets_the_time_limit_even_while_the_first_holds_the_interpreter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a solution limit the first search never lets go of the interpreter lock; the
    others must still have received their work and found a plan, not 0.001 s at the end."""
    rng = random.Random(3)
    customers = 60
    spread = {
        "vehicles": 12,
        "capacity": 200,
        "service_time": 10,
        "node_coord": [(50, 50)]
        + [(rng.randint(0, 100), rng.randint(0, 100)) for _ in range(customers)],
        "demand": [0] + [rng.randint(5, 20) for _ in range(customers)],
        "time_window": [(0, 1000)] + [(0, 1000)] * customers,
    }
    answers: list[object] = []
    attempt_unrecorded = portfolio._attempt

    def recording(run: Callable[[], search.Solution]) -> object:
        answer = attempt_unrecorded(run)
        answers.append(answer)
        return answer

    monkeypatch.setattr(portfolio, "_attempt", recording)
    portfolio.solve(routing_data(spread), time_limit=2, workers=2)
    assert len(answers) == 2
    assert all(isinstance(answer, search.Solution) for answer in answers), answers
