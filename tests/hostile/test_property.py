"""Property: whatever bytes the table reader or the YAML loader get, they end in a scenario or
in problems (exit 2), never in a traceback, and within the limits.

Files are the tiny scenario's, mutated (bytes flipped, inserted, cut, lines shuffled,
cells replaced by hostile text) or made up from scratch; each example loads the whole folder.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

import openpyxl
from hostile_files import TINY, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from planner.load import load_scenario
from planner.load.household_tables import HOUSEHOLD_COLUMNS
from planner.problems import ScenarioError
from planner.scenario import Scenario
from planner.tables import read_table

HOSTILE = [
    "=1+1",
    "\x00",
    "\x1b[31m",
    "[/bold]",
    "9" * 40,
    "1e30",
    "-0",
    "NaN",
    "春节后99999999天",
    "*a",
    "&a [*a, *a]",
    "{",
    "[[[[[[[[",
    "\r",
    "\u202e",
    "2027-02-30",
    "长" * 50,
]

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """`original` with a few random edits: flips, insertions, cuts, hostile text, line shuffles."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "cut", "hostile", "shuffle", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(max_size=16))
        elif kind == "cut":
            del data[at:]
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "hostile":
            data[at:at] = draw(st.sampled_from(HOSTILE)).encode("utf-8")
        else:
            lines = bytes(data).split(b"\n")
            data = bytearray(b"\n".join(draw(st.permutations(lines))))
    return bytes(data)


def load_folder(changes: dict[str, bytes]) -> Scenario | ScenarioError:
    """The tiny scenario with `changes`, loaded: a scenario or the problems, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "tiny"
        shutil.copytree(TINY, root)
        for name, data in changes.items():
            (root / name).write_bytes(data)
        try:
            return load_scenario(root)
        except ScenarioError as error:
            assert error.problems
            assert all(str(problem) for problem in error.problems)
            return error


def tiny_bytes(name: str) -> bytes:
    """A file of the tiny scenario, as bytes."""
    return (TINY / name).read_bytes()


@SETTINGS
@given(st.data())
def test_mutated_scenario_yaml_ends_in_a_scenario_or_problems(data: st.DataObject) -> None:
    """scenario.yaml mutated at random: load ends in a scenario or problems."""
    text = data.draw(mutated(tiny_bytes("scenario.yaml")))
    load_folder({"scenario.yaml": text})


@SETTINGS
@given(st.text(max_size=300))
def test_random_yaml_text_ends_in_a_scenario_or_problems(text: str) -> None:
    """Any text as scenario.yaml: problems, never a traceback."""
    load_folder({"scenario.yaml": text.encode("utf-8", "surrogatepass")})


@SETTINGS
@given(st.data(), st.sampled_from(["households.csv", "places.csv", "roads.csv", "history.csv"]))
def test_mutated_csv_tables_end_in_a_scenario_or_problems(data: st.DataObject, name: str) -> None:
    """A CSV table mutated at random: load ends in a scenario or problems."""
    load_folder({name: data.draw(mutated(tiny_bytes(name)))})


def workbook_bytes(rows: list[list[object]]) -> bytes:
    """An XLSX workbook of these rows, as bytes."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HOUSEHOLDS_XLSX = workbook_bytes(
    [line.split(",") for line in tiny_bytes("households.csv").decode("utf-8").splitlines()]
)

CELLS = st.one_of(
    st.none(),
    st.sampled_from(HOSTILE),
    st.text(max_size=20),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)


@SETTINGS
@given(st.data())
def test_mutated_xlsx_households_end_in_a_scenario_or_problems(data: st.DataObject) -> None:
    """households.xlsx with random bytes changed (mostly a broken zip): problems, no traceback."""
    changes = {"households.xlsx": data.draw(mutated(HOUSEHOLDS_XLSX))}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "tiny"
        shutil.copytree(TINY, root)
        (root / "households.csv").unlink()
        for name, content in changes.items():
            (root / name).write_bytes(content)
        try:
            load_scenario(root)
        except ScenarioError as error:
            assert error.problems


@SETTINGS
@given(st.lists(st.lists(CELLS, max_size=30), max_size=15))
def test_random_workbooks_read_as_tables_or_problems(rows: list[list[object]]) -> None:
    """Workbooks of random cells (numbers, text, hostile text, NaN): read_table returns a table,
    every problem placed in the file, and no cell longer than the limit."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "households.xlsx"
        try:
            path.write_bytes(workbook_bytes(rows))
        except (IllegalCharacterError, ValueError, TypeError):
            return  # openpyxl refuses to write some cells (illegal characters): not our input
        table = read_table(path, HOUSEHOLD_COLUMNS)
        assert all(problem.file == "households.xlsx" for problem in table.problems)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data(), st.sampled_from(["scenario.yaml", "households.csv", "roads.csv"]))
def test_mutated_files_end_in_a_plan_or_exit_2(data: st.DataObject, name: str) -> None:
    """`plan` on a folder with one mutated file: exit 0 or 3 with a plan, or exit 2; never
    another exception."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "tiny"
        shutil.copytree(TINY, root)
        (root / name).write_bytes(data.draw(mutated(tiny_bytes(name))))
        out = Path(folder) / "out"
        result = run("plan", root, "--out", out, "--time-limit", "1")
        assert isinstance(result.exception, SystemExit | None), result.output
        assert result.exit_code in (0, 2, 3), result.output
        assert (result.exit_code == 2) != (out / "plan.json").is_file()
