"""The facts of a plan that `explain` needs, read from plan.json or from a plan just made.

Both sources are the same model, `planner.plan_file.PlanFile`: a fresh plan is turned into its
plan.json document (`plan_document`), a file is read and validated by `read_plan_file`, so
`explain` with and without `--plan` cannot disagree about what a plan says. The rules' reasons
are not among these facts (plan.json leaves them out: they name illness and income); `explain`
takes them from the scenario.
"""

from __future__ import annotations

from pathlib import Path

from planner.export.plan_json import plan_document
from planner.plan import Plan
from planner.plan_file import (
    CaseRecord,
    PlanFile,
    PlanFileError,
    RouteRecord,
    VisitRecord,
    read_plan_file,
)

__all__ = [
    "CaseFacts",
    "ExplainError",
    "PlanFacts",
    "RouteFacts",
    "VisitFacts",
    "facts_of",
    "read_facts",
]

PlanFacts = PlanFile
CaseFacts = CaseRecord
RouteFacts = RouteRecord
VisitFacts = VisitRecord


class ExplainError(Exception):
    """`explain` cannot answer: an unknown household, or a plan.json it cannot read."""


def facts_of(plan: Plan) -> PlanFacts:
    """The facts of a plan made in this run, through its plan.json document."""
    return plan_document(plan)


def read_facts(path: Path) -> PlanFacts:
    """The facts of a plan.json file; raise `ExplainError` if it cannot be used."""
    try:
        return read_plan_file(path)
    except PlanFileError as error:
        raise ExplainError(f"{path}: {error}") from None
