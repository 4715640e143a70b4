"""The solvers' states in words a planner reads, never the solvers' own codes."""

from __future__ import annotations

import enum

from planner.summary import solver_words


class Coded(enum.Enum):
    """A status enum whose members print as codes."""

    ROUTING_SUCCESS = 1


class Worded(enum.StrEnum):
    """A status enum whose members are already plain words."""

    FOUND = "routes found, search stopped on its work limit"


def test_codes_become_plain_words_in_either_language() -> None:
    """CP-SAT's and OR-Tools' codes, one routing status per part of a split plan, read as words."""
    text = solver_words(
        "OPTIMAL", "ROUTING_SUCCESS+ROUTING_PARTIAL_SUCCESS_LOCAL_OPTIMUM_NOT_REACHED"
    )
    assert text == "经费分配：最优；路线：已找到、已找到，搜索停止时仍可能改进"
    english = solver_words("FEASIBLE", "ROUTING_FAIL_TIMEOUT", "en")
    assert english == "grants: feasible, not proven optimal; routes: none within the time limit"


def test_an_unknown_code_is_said_in_general_words_not_shown() -> None:
    """A code songnuan has no words for is still not shown as it is."""
    assert (
        solver_words("MODEL_INVALID", "ROUTING_INVALID") == "经费分配：未得出结果；路线：未得出结果"
    )


def test_an_enum_is_shown_by_its_words_or_looked_up_by_its_name() -> None:
    """A status enum that speaks plain words is shown as it is; one that prints as a code is
    looked up by its name."""
    assert solver_words("OPTIMAL", Worded.FOUND, "en").endswith(Worded.FOUND.value)
    assert solver_words("", Coded.ROUTING_SUCCESS) == "路线：已找到"
