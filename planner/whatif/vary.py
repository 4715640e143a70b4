"""`--vary PATH=VALUES`: which figure of a scenario a what-if changes, and to which values.

Planners try budgets before the money is approved, so the figures that can vary are the ones
they negotiate: the total, a budget line, a category's standard, and the minutes a visit takes.
Paths and values are checked against the scenario before any planning starts, so a typo costs
an error message (exit 2), not an hour of solving variants nobody asked for.

Values are whole numbers (yuan or minutes): a list `500,600`, a single value `500`, or an
inclusive range with a step `300000..400000/20000`.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import ValidationError

from planner.i18n import Lang, Phrase
from planner.scenario import Budget, Scenario, VisitSettings

KnobKind = Literal["total", "line", "standard", "service_minutes"]

PATHS = (
    "budget.total",
    "budget.lines.<line id>.amount",
    "standards.<category>",
    "visits.service_minutes",
)
"""The paths `--vary` accepts, as the error message lists them."""

MAX_VARIANTS = 500
"""More combinations than this is almost surely a typo in a step, not a plan."""


class VaryError(ValueError):
    """A `--vary` that names no variable figure, or values that a scenario cannot take."""


@dataclass(frozen=True)
class Knob:
    """One figure of the scenario that a what-if sets: its kind and the line or category."""

    kind: KnobKind
    name: str = ""

    @property
    def path(self) -> str:
        """The path as the user writes it, e.g. `budget.lines.model-workers.amount`."""
        if self.kind == "line":
            return f"budget.lines.{self.name}.amount"
        if self.kind == "standard":
            return f"standards.{self.name}"
        if self.kind == "service_minutes":
            return "visits.service_minutes"
        return "budget.total"


@dataclass(frozen=True)
class Vary:
    """One `--vary` option: the figure and the values it takes, in the order given."""

    knob: Knob
    values: tuple[int, ...]


KNOB_LABELS = {
    "total": Phrase("预算总额（元）", "total budget (yuan)"),
    "line": Phrase("{name}金额（元）", "budget line {name} (yuan)"),
    "standard": Phrase("{name}标准（元）", "standard for {name} (yuan)"),
    "service_minutes": Phrase("每户走访分钟数", "minutes per visit"),
}


def knob_label(knob: Knob, position: int, lang: Lang) -> str:
    """How the chart names a varied figure; `position` is its `--vary` option's, from 1."""
    if lang == "en" and not knob.name.isascii():
        return f"--vary #{position}"
    return KNOB_LABELS[knob.kind].say(lang, name=knob.name)


Settings = tuple[tuple[Knob, int], ...]
"""One variant: a value for each varied figure, in the order of the `--vary` options."""


def parse_vary(text: str) -> Vary:
    """`PATH=VALUES` as a `Vary`; raise `VaryError` saying what is wrong and what is accepted."""
    path, sep, values = text.partition("=")
    if not sep:
        example = "budget.total=300000..400000/20000"
        raise VaryError(f"--vary {text}: expected PATH=VALUES, e.g. {example}")
    return Vary(knob=_knob(path.strip()), values=_values(text, values.strip()))


def _knob(path: str) -> Knob:
    parts = path.split(".")
    if parts[0] == "budget" and len(parts) > 1 and parts[1] == "standards":
        parts = parts[1:]
    if path == "budget.total":
        return Knob("total")
    if path == "visits.service_minutes":
        return Knob("service_minutes")
    if len(parts) >= 4 and parts[:2] == ["budget", "lines"] and parts[-1] == "amount":
        return Knob("line", ".".join(parts[2:-1]))
    if len(parts) >= 2 and parts[0] == "standards" and all(parts[1:]):
        return Knob("standard", ".".join(parts[1:]))
    accepted = ", ".join(PATHS)
    raise VaryError(f"--vary {path}: not a figure a what-if can vary; use one of {accepted}")


def _values(text: str, values: str) -> tuple[int, ...]:
    """The values of `300000..400000/20000`, `500,600` or `500`."""
    if ".." in values:
        span, slash, step_text = values.partition("/")
        first_text, _, last_text = span.partition("..")
        if not slash:
            raise VaryError(f"--vary {text}: a range needs a step, e.g. 300000..400000/20000")
        first, last, step = (_whole(text, part) for part in (first_text, last_text, step_text))
        if step <= 0 or last < first:
            raise VaryError(f"--vary {text}: a range runs from low to high by a positive step")
        if (last - first) // step + 1 > MAX_VARIANTS:
            raise VaryError(f"--vary {text}: more than {MAX_VARIANTS} values; check the step")
        return tuple(range(first, last + 1, step))
    found = tuple(_whole(text, part) for part in values.split(","))
    if len(set(found)) != len(found):
        raise VaryError(f"--vary {text}: a value is given twice")
    return found


def _whole(text: str, part: str) -> int:
    try:
        return int(part.strip())
    except ValueError:
        raise VaryError(f"--vary {text}: {part.strip()!r} is not a whole number") from None


def check(varies: Sequence[Vary], scenario: Scenario, categories: Collection[str]) -> None:
    """Each path names a line or category the scenario has, once; raise `VaryError` if not.

    `categories` are the category names the enabled plugins know: a standard may be set for a
    category the scenario's `budget.standards` does not list yet.
    """
    seen: set[Knob] = set()
    lines = [line.id for line in scenario.budget.lines]
    known = {*categories, *scenario.budget.standards}
    for vary in varies:
        knob = vary.knob
        if knob in seen:
            raise VaryError(f"--vary {knob.path}: given twice; list all its values in one --vary")
        seen.add(knob)
        if knob.kind == "line" and knob.name not in lines:
            raise VaryError(f"--vary {knob.path}: no budget line {knob.name!r}; lines: {lines}")
        if knob.kind == "standard" and knob.name not in known:
            names = "、".join(sorted(known))
            raise VaryError(f"--vary {knob.path}: unknown category {knob.name!r}; known: {names}")
    count = 1
    for vary in varies:
        count *= len(vary.values)
    if count > MAX_VARIANTS:
        raise VaryError(f"{count} variants are more than {MAX_VARIANTS}; vary fewer values")


def combinations(varies: Sequence[Vary]) -> list[Settings]:
    """Every combination of the values, the first `--vary` changing slowest."""
    knobs = [vary.knob for vary in varies]
    return [
        tuple(zip(knobs, values, strict=True))
        for values in itertools.product(*(vary.values for vary in varies))
    ]


def describe(settings: Settings) -> str:
    """A variant as the user wrote it, e.g. `budget.total=300000 standards.困难职工=500`."""
    return " ".join(f"{knob.path}={value}" for knob, value in settings)


def apply(scenario: Scenario, settings: Settings) -> Scenario:
    """The scenario with the variant's values, validated like a loaded one.

    The changed parts are validated again (a negative amount, a zero-minute visit are refused
    as they would be in scenario.yaml); raises `VaryError` naming the variant.
    """
    budget = scenario.budget.model_dump()
    visits = scenario.visits.model_dump()
    for knob, value in settings:
        if knob.kind == "total":
            budget["total"] = value
        elif knob.kind == "line":
            for line in budget["lines"]:
                if line["id"] == knob.name:
                    line["amount"] = value
        elif knob.kind == "standard":
            budget["standards"][knob.name] = value
        else:
            visits["service_minutes"] = value
    try:
        changed = {
            "budget": Budget.model_validate(budget),
            "visits": VisitSettings.model_validate(visits),
        }
    except ValidationError as error:
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise VaryError(f"{describe(settings)}: {details}") from None
    return scenario.model_copy(update=changed)
