"""The variants side by side: the tables the terminal prints and the workbook holds.

One row per variant in each table, because a planner reads them with different questions:

- the overview: how many households, visits and road hours does this budget buy, what is left
  on each line, which money binds (and by how much), and how even the districts' coverage is
  (the Gini of `planner.fairness`);
- money: per line and for the total, the yuan that would fund every eligible household it pays,
  the shortfall, and the line's coverage (`planner.whatif.needs`) — the direct answer to "how
  much would it take";
- funded households per category, per district, and each district's coverage.

Each row starts with the variant's number and values (in the workbook under Chinese names:
预算总额, 劳模慰问金金额, 困难职工标准 …), so that a table stands on its own when sorted or
forwarded. What went wrong with a variant is a note below the tables, not a column, so the
tables stay narrow enough for a terminal. The terminal and `whatif.xlsx` show the same tables
and notes; only the language of the fixed texts differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.i18n import Lang, Phrase
from planner.summary import Summary
from planner.whatif.needs import Needs
from planner.whatif.run import Outcome
from planner.whatif.vary import Knob, describe, knob_label

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
GINI = Phrase("乡镇覆盖率基尼系数", "district Gini")
BINDING = Phrase("资金受限（缺口）", "binding (short)")
SHORT_BY = Phrase("{name}缺{short:,}元", "{name} short {short:,}")
BINDS_WITHOUT_SHORT = Phrase("{name}用尽", "{name} used up")
TOTAL_LINE = Phrase("预算总额", "total")
NONE_BINDS = Phrase("无", "none")
NEEDED = Phrase("{line}全额所需", "{line}: needed")
SHORT = Phrase("{line}缺口", "{line}: short")
LINE_COVERAGE = Phrase("{line}覆盖率%", "{line}: coverage %")
MONEY = Phrase("资金缺口", "money needed")
MONEY_TITLE = Phrase(
    "各渠道资助全部符合条件户所需金额与缺口（元）",
    "yuan to fund every eligible household, and the shortfall, per line",
)
TIME_LIMITED = Phrase(
    "{variant}：达到时限，路线搜索未到规定的解数即停止，数字可能随运行而变；"
    "加大 --time-limit 可复现",
    "{variant}: reached the time limit before the route search's set number of solutions, so its "
    "figures may vary between runs; a larger --time-limit makes them repeatable",
)
NOT_PROVEN = Phrase(
    "{variant}：经费分配为求解器找到的最好方案，未证明最优",
    "{variant}: the allocation is the best the solver found, not proven best",
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
DISTRICT_COVERAGE = Phrase("各乡镇覆盖率", "coverage per district")
DISTRICT_COVERAGE_TITLE = Phrase(
    "各乡镇获资助户数占符合条件户数（%）", "eligible households funded per district (%)"
)
DISTRICT_HEADER = Phrase("{district}（{eligible}户）", "{district} ({eligible})")


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
        headers=(VARIANT.say(lang), *_knobs(outcomes, lang)),
        rows=tuple(_start(outcome, settings=True) for outcome in outcomes),
    )


def tables(outcomes: Sequence[Outcome], lang: Lang, *, settings: bool = True) -> list[Table]:
    """The overview, money, per-category, per-district and district coverage tables, in `lang`.

    Each row starts with the variant's number and, with `settings`, its values; without them
    the tables are narrow enough for a terminal, next to the `legend`.
    """
    planned = [outcome.summary for outcome in outcomes if outcome.summary is not None]
    head = (VARIANT.say(lang), *(_knobs(outcomes, lang) if settings else []))
    categories = list(dict.fromkeys(c.category for s in planned for c in s.categories))
    districts = {d.district: d.eligible for s in planned for d in s.fairness.districts}
    return [
        _overview(outcomes, lang, head, settings),
        _money(outcomes, lang, head, settings),
        Table(
            name=BY_CATEGORY.say(lang),
            title=BY_CATEGORY.say(lang),
            headers=(*head, *categories),
            rows=tuple(
                _counts_row(outcome, categories, _category_counts(outcome), settings)
                for outcome in outcomes
            ),
        ),
        Table(
            name=BY_DISTRICT.say(lang),
            title=BY_DISTRICT.say(lang),
            headers=(*head, *districts),
            rows=tuple(
                _counts_row(outcome, list(districts), _district_counts(outcome), settings)
                for outcome in outcomes
            ),
        ),
        Table(
            name=DISTRICT_COVERAGE.say(lang),
            title=DISTRICT_COVERAGE_TITLE.say(lang),
            headers=(
                *head,
                *(DISTRICT_HEADER.say(lang, district=d, eligible=n) for d, n in districts.items()),
            ),
            rows=tuple(
                _counts_row(outcome, list(districts), _district_coverage(outcome), settings)
                for outcome in outcomes
            ),
        ),
    ]


def _overview(
    outcomes: Sequence[Outcome], lang: Lang, head: tuple[str, ...], settings: bool
) -> Table:
    """Households, money, visits and road hours per variant; what is left; what binds."""
    planned = [outcome.summary for outcome in outcomes if outcome.summary is not None]
    lines = list(dict.fromkeys(line.name for s in planned for line in s.lines))
    eligible = max((summary.eligible for summary in planned), default=0)
    figures = (FUNDED, COVERAGE, ALLOCATED, VISITS, DROPPED, ROAD_HOURS)
    return Table(
        name=OVERVIEW.say(lang),
        title=OVERVIEW_TITLE.say(lang, eligible=eligible),
        headers=(
            *head,
            *(p.say(lang) for p in figures),
            *(LEFT.say(lang, line=line) for line in lines),
            BINDING.say(lang),
            GINI.say(lang),
        ),
        rows=tuple(_overview_row(outcome, lines, settings, lang) for outcome in outcomes),
    )


def _money(outcomes: Sequence[Outcome], lang: Lang, head: tuple[str, ...], settings: bool) -> Table:
    """Per line and for the total: the yuan that funds every eligible household, the shortfall,
    and the line's coverage."""
    needs = [outcome.needs for outcome in outcomes if outcome.needs is not None]
    lines = list(dict.fromkeys(line.name for n in needs for line in n.lines))
    headers = [
        text
        for line in lines
        for text in (
            NEEDED.say(lang, line=line),
            SHORT.say(lang, line=line),
            LINE_COVERAGE.say(lang, line=line),
        )
    ]
    total = TOTAL_LINE.say(lang)
    headers += [NEEDED.say(lang, line=total), SHORT.say(lang, line=total)]
    return Table(
        name=MONEY.say(lang),
        title=MONEY_TITLE.say(lang),
        headers=(*head, *headers),
        rows=tuple(_money_row(outcome, lines, settings) for outcome in outcomes),
    )


def _money_row(outcome: Outcome, lines: Sequence[str], settings: bool) -> tuple[Value, ...]:
    start = _start(outcome, settings=settings)
    needs = outcome.needs
    if needs is None:
        return (*start, *(None,) * (3 * len(lines) + 2))
    by_name = {line.name: line for line in needs.lines}
    cells: list[Value] = []
    for name in lines:
        line = by_name.get(name)
        cells += [line.needed, line.short, line.coverage] if line else [None, None, None]
    return (*start, *cells, needs.total_needed, needs.total_short)


def binding(needs: Needs, lang: Lang) -> str:
    """The money that binds in a variant, with its shortfall: `劳模慰问金缺33,000元`."""
    named = [(line.name, line.short) for line in needs.lines if line.binds]
    if needs.total_binds:
        named.append((TOTAL_LINE.say(lang), needs.total_short))
    texts = [
        SHORT_BY.say(lang, name=name, short=short)
        if short
        else BINDS_WITHOUT_SHORT.say(lang, name=name)
        for name, short in named
    ]
    return "；".join(texts) if lang == "zh" and texts else "; ".join(texts) or NONE_BINDS.say(lang)


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
    """What the tables cannot show: why a variant has no plan, that it may not repeat, or that
    its allocation is not proven best."""
    found = []
    for outcome in outcomes:
        if outcome.summary is None:
            settings = describe(outcome.settings)
            found.append(
                FAILED.say(lang, variant=label(outcome), settings=settings, problem=outcome.problem)
            )
            continue
        if outcome.time_limited:
            found.append(TIME_LIMITED.say(lang, variant=label(outcome)))
        if not outcome.summary.allocation_proven:
            found.append(NOT_PROVEN.say(lang, variant=label(outcome)))
    return found


def label(outcome: Outcome) -> str:
    """The variant's number as the tables and the chart show it, e.g. `#3`."""
    return f"#{outcome.number}"


def _knobs(outcomes: Sequence[Outcome], lang: Lang = "en") -> list[str]:
    """The varied figures' headers: their `--vary` paths in English, Chinese names in Chinese."""
    if not outcomes:
        return []
    if lang == "en":
        return [knob.path for knob, _ in outcomes[0].settings]
    return [
        knob_label(named(knob, outcomes, lang), i + 1, lang)
        for i, (knob, _) in enumerate(outcomes[0].settings)
    ]


def named(knob: Knob, outcomes: Sequence[Outcome], lang: Lang) -> Knob:
    """In Chinese, a line's knob under the line's name (劳模慰问金), which a clerk knows better
    than its id; in English the id, which needs no CJK font."""
    if knob.kind != "line" or lang == "en":
        return knob
    names = {line.line_id: line.name for o in outcomes if o.needs for line in o.needs.lines}
    return Knob(knob.kind, names.get(knob.name, knob.name))


def _start(outcome: Outcome, *, settings: bool) -> tuple[Value, ...]:
    values = (value for _, value in outcome.settings) if settings else ()
    return (label(outcome), *values)


def _overview_row(
    outcome: Outcome, lines: Sequence[str], settings: bool, lang: Lang
) -> tuple[Value, ...]:
    start = _start(outcome, settings=settings)
    summary = outcome.summary
    if summary is None:
        return (*start, *(None,) * (8 + len(lines)))
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
        binding(outcome.needs, lang) if outcome.needs else None,
        summary.fairness.gini,
    )


def _category_counts(outcome: Outcome) -> dict[str, int]:
    summary = outcome.summary
    return {c.category: c.funded for c in summary.categories} if summary else {}


def _district_counts(outcome: Outcome) -> dict[str, int]:
    summary = outcome.summary
    return {d.district: d.funded for d in summary.districts} if summary else {}


def _district_coverage(outcome: Outcome) -> dict[str, float]:
    summary = outcome.summary
    districts = summary.fairness.districts if summary else ()
    return {d.district: round(100 * d.coverage, 1) for d in districts if d.eligible}


def _counts_row(
    outcome: Outcome,
    names: Sequence[str],
    counts: dict[str, int] | dict[str, float],
    settings: bool,
) -> tuple[Value, ...]:
    return (*_start(outcome, settings=settings), *(counts.get(name) for name in names))
