"""The variants side by side: the tables the terminal prints and the workbook holds.

Three tables, one row per variant each, because a planner reads them with different questions:
the overview (how many households, visits and road hours does this budget buy, what is left on
each line), funded households per category, and funded households per district (is any town
left behind). Each row starts with the variant's number and values, so that a table stands on
its own when sorted or forwarded. What went wrong with a variant is a note below the tables, not
a column, so the tables stay narrow enough for a terminal. The terminal and `whatif.xlsx` show
the same tables and notes; only the language of the fixed texts differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.i18n import Lang, Phrase
from planner.summary import Summary
from planner.whatif.run import Outcome
from planner.whatif.vary import describe

Value = int | float | str | None
"""A cell: a count, yuan, hours or a percentage; the variant's label; None where it failed."""

VARIANT = Phrase("方案", "#")
VARIANTS = Phrase("方案", "variants")
FUNDED = Phrase("资助户数", "funded")
COVERAGE = Phrase("覆盖率%", "coverage %")
ALLOCATED = Phrase("发放金额", "allocated")
VISITS = Phrase("走访户数", "visits")
DROPPED = Phrase("未安排走访", "dropped")
ROAD_HOURS = Phrase("路上小时", "road h")
LEFT = Phrase("{line}余额", "left: {line}")
TIME_LIMITED = Phrase(
    "{variant}：达到时限，路线搜索未到规定的解数即停止，数字可能随运行而变；"
    "加大 --time-limit 可复现",
    "{variant}: reached the time limit before the route search's set number of solutions, so its "
    "figures may vary between runs; a larger --time-limit makes them repeatable",
)
FAILED = Phrase(
    "{variant}（{settings}）无法规划：{problem}",
    "{variant} ({settings}) cannot be planned: {problem}",
)
OVERVIEW = Phrase("方案对比", "comparison")
OVERVIEW_TITLE = Phrase(
    "方案对比（符合条件{eligible}户）", "comparison ({eligible} eligible households)"
)
BY_CATEGORY = Phrase("各类别资助户数", "households funded per category")
BY_DISTRICT = Phrase("各乡镇资助户数", "households funded per district")


@dataclass(frozen=True)
class Table:
    """A titled table: header texts, then one row of values per variant."""

    name: str
    """A short name, e.g. for the workbook's sheet tab."""
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


def coverage(summary: Summary) -> float:
    """The share of eligible households that are funded, in percent, one decimal."""
    return round(100 * summary.funded / summary.eligible, 1) if summary.eligible else 0.0


def legend(outcomes: Sequence[Outcome], lang: Lang) -> Table:
    """Each variant's number and values: the key to tables made without `settings`."""
    return Table(
        name=VARIANTS.say(lang),
        title=VARIANTS.say(lang),
        headers=(VARIANT.say(lang), *_knobs(outcomes)),
        rows=tuple(_start(outcome, settings=True) for outcome in outcomes),
    )


def tables(outcomes: Sequence[Outcome], lang: Lang, *, settings: bool = True) -> list[Table]:
    """The overview, per-category and per-district tables of the outcomes, in `lang`.

    Each row starts with the variant's number and, with `settings`, its values; without them
    the tables are narrow enough for a terminal, next to the `legend`.
    """
    planned = [outcome.summary for outcome in outcomes if outcome.summary is not None]
    knobs = _knobs(outcomes) if settings else []
    lines = list(dict.fromkeys(line.name for s in planned for line in s.lines))
    categories = list(dict.fromkeys(c.category for s in planned for c in s.categories))
    districts = list(dict.fromkeys(d.district for s in planned for d in s.districts))
    head = (VARIANT.say(lang), *knobs)
    eligible = max((summary.eligible for summary in planned), default=0)
    overview = Table(
        name=OVERVIEW.say(lang),
        title=OVERVIEW_TITLE.say(lang, eligible=eligible),
        headers=(
            *head,
            *(p.say(lang) for p in (FUNDED, COVERAGE, ALLOCATED, VISITS, DROPPED, ROAD_HOURS)),
            *(LEFT.say(lang, line=line) for line in lines),
        ),
        rows=tuple(_overview_row(outcome, lines, settings) for outcome in outcomes),
    )
    by_category = Table(
        name=BY_CATEGORY.say(lang),
        title=BY_CATEGORY.say(lang),
        headers=(*head, *categories),
        rows=tuple(
            _counts_row(outcome, categories, _category_counts(outcome), settings)
            for outcome in outcomes
        ),
    )
    by_district = Table(
        name=BY_DISTRICT.say(lang),
        title=BY_DISTRICT.say(lang),
        headers=(*head, *districts),
        rows=tuple(
            _counts_row(outcome, districts, _district_counts(outcome), settings)
            for outcome in outcomes
        ),
    )
    return [overview, by_category, by_district]


def transposed(table: Table) -> Table:
    """The table turned on its side: one row per column, one column per variant.

    Fifteen districts side by side do not fit a terminal; fifteen rows under a dozen variant
    numbers do.
    """
    columns = list(zip(*table.rows, strict=True)) if table.rows else []
    labels = tuple(str(value) for value in columns[0]) if columns else ()
    return Table(
        name=table.name,
        title=table.title,
        headers=("", *labels),
        rows=tuple(
            (header, *values) for header, values in zip(table.headers[1:], columns[1:], strict=True)
        ),
    )


def notes(outcomes: Sequence[Outcome], lang: Lang) -> list[str]:
    """What the tables cannot show: why a variant has no plan, or that it may not repeat."""
    found = []
    for outcome in outcomes:
        if outcome.summary is None:
            settings = describe(outcome.settings)
            found.append(
                FAILED.say(lang, variant=label(outcome), settings=settings, problem=outcome.problem)
            )
        elif outcome.time_limited:
            found.append(TIME_LIMITED.say(lang, variant=label(outcome)))
    return found


def label(outcome: Outcome) -> str:
    """The variant's number as the tables and the chart show it, e.g. `#3`."""
    return f"#{outcome.number}"


def _knobs(outcomes: Sequence[Outcome]) -> list[str]:
    return [knob.path for knob, _ in outcomes[0].settings] if outcomes else []


def _start(outcome: Outcome, *, settings: bool) -> tuple[Value, ...]:
    values = (value for _, value in outcome.settings) if settings else ()
    return (label(outcome), *values)


def _overview_row(outcome: Outcome, lines: Sequence[str], settings: bool) -> tuple[Value, ...]:
    start = _start(outcome, settings=settings)
    summary = outcome.summary
    if summary is None:
        return (*start, *(None,) * (6 + len(lines)))
    left = {line.name: line.left for line in summary.lines}
    road = sum(team.road_minutes for team in summary.teams)
    return (
        *start,
        summary.funded,
        coverage(summary),
        summary.allocated,
        summary.visits_planned,
        summary.visits_dropped,
        round(road / 60, 1),
        *(left.get(line) for line in lines),
    )


def _category_counts(outcome: Outcome) -> dict[str, int]:
    summary = outcome.summary
    return {c.category: c.funded for c in summary.categories} if summary else {}


def _district_counts(outcome: Outcome) -> dict[str, int]:
    summary = outcome.summary
    return {d.district: d.funded for d in summary.districts} if summary else {}


def _counts_row(
    outcome: Outcome, names: Sequence[str], counts: dict[str, int], settings: bool
) -> tuple[Value, ...]:
    return (*_start(outcome, settings=settings), *(counts.get(name) for name in names))
