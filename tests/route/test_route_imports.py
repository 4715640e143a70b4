"""The routing stage's house: its modules import each other without a cycle, and the plain data
and solution modules at the bottom depend on no other routing module.

The import graph is read from the source (every `import` and `from … import`, also those under
`TYPE_CHECKING`), so a cycle hidden from the interpreter still fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import planner.route

ROUTE = Path(planner.route.__file__).parent
BOTTOM = {"data", "solution", "settings", "errors"}
"""Modules that hold plain values only: they import no other routing module but `settings`'s
own type for a split, and nothing that words reasons or decides (explain, pool, model)."""


def route_imports() -> dict[str, set[str]]:
    """Each module of planner/route → the routing modules it imports."""
    graph: dict[str, set[str]] = {}
    for path in sorted(ROUTE.glob("*.py")):
        name = path.stem
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.startswith("planner.route."):
                    found.add(node.module.split(".")[2])
                elif node.module == "planner.route":
                    found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(
                    alias.name.split(".")[2]
                    for alias in node.names
                    if alias.name.startswith("planner.route.")
                )
        graph[name] = found - {name}
    return graph


def test_the_routing_modules_import_each_other_without_a_cycle() -> None:
    """No routing module imports one that (through others) imports it back."""
    graph = nx.DiGraph([(a, b) for a, imported in route_imports().items() for b in imported])
    assert list(nx.simple_cycles(graph)) == []


def test_data_and_solution_depend_on_no_other_routing_module() -> None:
    """The plain values are at the bottom: no reason words, car pool or solver beneath them."""
    graph = route_imports()
    for name in BOTTOM:
        assert graph[name] <= BOTTOM, (name, graph[name])
    assert graph["data"] == set() and graph["solution"] == set()
