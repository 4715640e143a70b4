"""Tables given beside a loaded scenario for re-planning: done.csv and `--add` households.

They are read and checked as the scenario's own tables are, so an office fixes them the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from planner.load.cross_checks import check_places
from planner.load.household_tables import HOUSEHOLD_COLUMNS
from planner.load.id_numbers import check_id_numbers
from planner.load.locate import locate_added
from planner.load.report import M, Report
from planner.load.table_rows import read_models
from planner.load.windows import check_windows
from planner.problems import Problem, ScenarioError
from planner.scenario import Household, Scenario
from planner.tables import ColumnSpec, Table


def load_table(
    path: Path, columns: Sequence[ColumnSpec], model: type[M]
) -> tuple[Table, tuple[tuple[int, M], ...], list[Problem]]:
    """A table given beside a scenario (re-planning's done.csv), read as the scenario's own are.

    Same encodings, headers and cell messages, so an office fixes it the same way. Returns the
    table (for its headers), the models of the good rows with their spreadsheet rows, and the
    problems at `file:row:column` of `path` as the user wrote it, for the caller to raise
    together with its own checks of the good rows.
    """
    report = Report(CommentedMap())
    read = read_models(report, Path(), str(path), columns, model)
    if read is None:
        raise ScenarioError(report.problems)
    return read.table, read.items, report.problems


def load_added_households(path: Path, scenario: Scenario) -> tuple[Household, ...]:
    """Households to add to a loaded scenario (re-planning's `--add`), checked as its own are.

    The columns of households.csv, ids new to the scenario, places of its places table, windows
    on days its teams work. Raises one `ScenarioError` with every problem of the file.
    """
    report = Report(CommentedMap())
    read = read_models(report, Path(), str(path), HOUSEHOLD_COLUMNS, Household)
    if read is None:
        raise ScenarioError(report.problems)
    check_id_numbers(report, read)
    read = locate_added(report, read, scenario.places)
    known = {household.id: household.row for household in scenario.households}
    for number, household in read.items:
        if household.id in known:
            message = f"这个编号在 {scenario.households_file} 里已经有了"
            message += f"（第 {known[household.id]} 行）：每个编号只能用一次"
            report.at_cell(read.table, number, "id", message)
    ids = {place.id for place in scenario.places}
    check_places(report, read, ("place",), ids, "方案的地点表", private=True)
    check_windows(report, read, [day for team in scenario.teams for day in team.days])
    if report.problems:
        raise ScenarioError(report.problems)
    return read.models
