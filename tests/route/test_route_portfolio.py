"""The search configurations of `search.toml` and the portfolio that runs them side by side."""

from __future__ import annotations

import random
import time

from route.test_route_vrptw import instance

from planner.route import portfolio, search
from planner.route.settings import Settings
from planner.route.solution import Status
from planner.route.strategy import strategies
from planner.route.vrptw import routing_data


def test_every_search_in_the_file_is_named_and_valid() -> None:
    """Each entry parses as OR-Tools parameters, and the caller's limits override the file; with
    a solution limit no step of the search is cut by the clock before the whole time limit."""
    found = strategies()
    assert found
    assert len({strategy.name for strategy in found}) == len(found)
    for strategy in found:
        parameters = strategy.search_parameters(time_limit=2.5, solution_limit=7)
        assert parameters.time_limit.ToMilliseconds() == 2500
        assert parameters.solution_limit == 7
        assert parameters.lns_time_limit.ToMilliseconds() == 2500


def test_portfolio_keeps_the_cheapest_plan() -> None:
    """Each search stops on its work and is reproducible; the portfolio returns the best one."""
    data = routing_data(instance(capacity=12))
    settings = Settings(time_limit=5, solutions=50, workers=1)
    alone = [search.solve(data, settings, strategy=strategy) for strategy in strategies()]
    together = portfolio.solve(data, settings)
    assert together.objective == min(solution.objective for solution in alone)
    assert together.tours in [solution.tours for solution in alone]


def spread_instance() -> dict[str, object]:
    """60 customers scattered over a square, 12 vehicles: enough work for a few seconds."""
    rng = random.Random(3)
    customers = 60
    return {
        "vehicles": 12,
        "capacity": 200,
        "service_time": 10,
        "node_coord": [(50, 50)]
        + [(rng.randint(0, 100), rng.randint(0, 100)) for _ in range(customers)],
        "demand": [0] + [rng.randint(5, 20) for _ in range(customers)],
        "time_window": [(0, 1000)] + [(0, 1000)] * customers,
    }


def test_one_core_and_two_give_the_same_plan() -> None:
    """The searches run are the same whatever the workers: side by side on two processes or
    one after another here, the plan kept is the same, and it is not time-limited."""
    data = routing_data(spread_instance())
    one = portfolio.solve(data, Settings(time_limit=60, solutions=100, workers=1))
    two = portfolio.solve(data, Settings(time_limit=60, solutions=100, workers=2))
    assert two == one
    assert one.status is not Status.TIME_LIMIT


def test_every_search_gets_the_time_limit_even_while_the_first_holds_the_interpreter() -> None:
    """Stopped only by the clock, the first search never lets go of the interpreter lock; the
    other must still have received its work and found a plan, not 0.001 s at the end."""
    said: list[str] = []
    settings = Settings(time_limit=2, solutions=None, workers=2)
    together = portfolio.solve(routing_data(spread_instance()), settings, progress=said.append)
    assert together.status is Status.TIME_LIMIT
    for strategy in strategies():
        assert any(line.startswith(f"route: search {strategy.name}: cost") for line in said), said


def test_on_one_process_each_search_stopped_by_the_clock_gets_its_share() -> None:
    """One process, stopped only by the clock (the VRPTW bench at --processes 1): the searches
    run one after another on equal shares of the time, so the last one also finds a plan
    instead of the first taking all of it, and the whole run stays within the time limit."""
    said: list[str] = []
    settings = Settings(time_limit=2, solutions=None, workers=1)
    data = routing_data(spread_instance())
    began = time.monotonic()
    together = portfolio.solve(data, settings, progress=said.append)
    assert time.monotonic() - began < settings.time_limit + 1
    assert together.status is Status.TIME_LIMIT
    for strategy in strategies():
        assert any(line.startswith(f"route: search {strategy.name}: cost") for line in said), said
