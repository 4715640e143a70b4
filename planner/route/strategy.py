"""The routing search's parameters, read from `search.toml`: one place for campaigns and benchmarks.

Each `[[search]]` entry is one search; `portfolio` runs the first in the calling process and the
others side by side in their own processes. An entry's `parameters` are OR-Tools 9.15
`RoutingSearchParameters` in protobuf text format, merged onto OR-Tools' defaults, so a name in
the file is exactly the proto field and a misspelt one fails when the file is read. The time and
solution limits are the caller's and are set here, never in the file.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

from google.protobuf import text_format
from ortools.constraint_solver import pywrapcp, routing_parameters_pb2


@dataclass(frozen=True)
class Strategy:
    """One search: a short name for progress lines, and its OR-Tools parameters as text."""

    name: str
    parameters: str

    def search_parameters(
        self, time_limit: float, solution_limit: int | None
    ) -> routing_parameters_pb2.RoutingSearchParameters:
        """OR-Tools' defaults, this strategy's parameters, then the caller's limits.

        OR-Tools also stops each large-neighbourhood step (and the first solution a search
        restores) at `lns_time_limit`, 100 ms by default, by the clock: on a busy machine a
        step then ends elsewhere, or a descent from given routes fails at once. With a
        solution limit it is set to the whole time limit, so that only the solution limit
        decides where the search goes; a search stopped by the clock keeps OR-Tools' own.
        """
        parameters = pywrapcp.DefaultRoutingSearchParameters()
        text_format.Merge(self.parameters, parameters)
        parameters.time_limit.FromMilliseconds(max(1, round(time_limit * 1000)))
        if solution_limit is not None:
            parameters.solution_limit = solution_limit
            parameters.lns_time_limit.CopyFrom(parameters.time_limit)
        found: routing_parameters_pb2.RoutingSearchParameters = parameters
        return found


@functools.cache
def strategies() -> tuple[Strategy, ...]:
    """The searches of `search.toml`, in order, each checked against the OR-Tools proto."""
    text = resources.files("planner.route").joinpath("search.toml").read_text(encoding="utf-8")
    found = tuple(
        Strategy(name=entry["name"], parameters=entry["parameters"])
        for entry in tomllib.loads(text)["search"]
    )
    for strategy in found:
        strategy.search_parameters(time_limit=1, solution_limit=None)
    return found
