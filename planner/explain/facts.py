"""The facts of a plan that `explain` needs, read from plan.json or from a plan just made.

Both sources go through the same reader: a fresh plan is first turned into its plan.json
document (`plan_document`), so `explain` with and without `--plan` cannot disagree about what a
plan says. Only the fields used here are read, and unknown ones are ignored, so plan.json may
grow (docs/plan.md) without breaking `explain`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from planner.export.plan_json import plan_document
from planner.plan import Plan
from planner.reasons import Reason


class ExplainError(Exception):
    """`explain` cannot answer: an unknown household, or a plan.json it cannot read."""


class _Read(BaseModel):
    """A part of plan.json: the documented fields used here; anything else is ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class LineFacts(_Read):
    line_id: str
    name: str
    budget: int
    allocated: int
    left: int
    households: int


class BudgetFacts(_Read):
    lines: tuple[LineFacts, ...]


class GrantFacts(_Read):
    household_id: str
    amount: int
    line_id: str


def _reason(value: object) -> object:
    """A reason as plan.json holds it: a code with parameters, or (older files) plain text."""
    if isinstance(value, Mapping) and "code" in value:
        return Reason.from_data(value)
    return value


StoredReason = Annotated[Reason | str, BeforeValidator(_reason)]


class UnfundedFacts(_Read):
    household_id: str
    reason: StoredReason


class CaseFacts(_Read):
    household_id: str
    category: str
    eligible: bool
    priority: int
    visit: str
    tier: str


class VisitFacts(_Read):
    household_id: str
    arrival: dt.datetime


class RouteFacts(_Read):
    team_id: str
    team_name: str
    leader: str
    date: dt.date
    visits: tuple[VisitFacts, ...]


class DroppedFacts(_Read):
    household_id: str
    must: bool
    reason: StoredReason


class PlanFacts(_Read):
    """Grants, cases, routes and dropped visits of one plan, as plan.json states them."""

    budget: BudgetFacts
    grants: tuple[GrantFacts, ...]
    unfunded: tuple[UnfundedFacts, ...]
    cases: tuple[CaseFacts, ...]
    routes: tuple[RouteFacts, ...]
    dropped: tuple[DroppedFacts, ...]


def facts_of(plan: Plan) -> PlanFacts:
    """The facts of a plan made in this run, through its plan.json document."""
    return PlanFacts.model_validate(plan_document(plan))


def read_facts(path: Path) -> PlanFacts:
    """The facts of a plan.json file; raise `ExplainError` if it is missing or not a plan."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return PlanFacts.model_validate(document)
    except OSError as error:
        raise ExplainError(f"cannot read {path}: {error.strerror}") from error
    except ValidationError as error:
        detail = error.errors()[0]
        where = ".".join(map(str, detail["loc"]))
        message = f"{path} is not a songnuan plan.json ({where}: {detail['msg']})"
        raise ExplainError(message) from error
    except ValueError as error:
        raise ExplainError(f"{path} is not JSON: {error}") from error
