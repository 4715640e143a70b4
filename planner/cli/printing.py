"""What planning prints: the summary tables and the plugins' findings, Chinese by default.

Words come from `SUMMARY` (Chinese and English side by side); the figures from
`planner.summary`. Households funded but not visited are called that (获资助未走访), and the
solvers' states are said in plain words, never as the solvers' codes.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from planner.cli.terminal import console, out_console, tagged
from planner.fairness import fairness_table
from planner.i18n import Lang, Phrase
from planner.loads import load_lines
from planner.reasons import ReasonBook
from planner.rule_types import Finding
from planner.summary import Summary, solver_words

SUMMARY = {
    "head": Phrase(
        "共{households}户，符合条件{eligible}户，获资助{funded}户：{allocated:,}元（预算{budget:,}元）",
        "{households} households, {eligible} eligible, {funded} funded: "
        "{allocated:,} of {budget:,} yuan",
    ),
    "categories": Phrase("各类别", "by category"),
    "category": Phrase("类别", "category"),
    "eligible": Phrase("符合条件", "eligible"),
    "funded": Phrase("获资助", "funded"),
    "yuan": Phrase("金额（元）", "yuan"),
    "lines": Phrase("预算渠道", "budget lines"),
    "line": Phrase("渠道", "line"),
    "budget": Phrase("预算", "budget"),
    "allocated": Phrase("已分配", "allocated"),
    "left": Phrase("余额", "left"),
    "households": Phrase("户数", "households"),
    "teams": Phrase("走访小组", "teams"),
    "team": Phrase("小组", "team"),
    "days": Phrase("天数", "days"),
    "visits": Phrase("走访户数", "visits"),
    "road": Phrase("路上小时", "road hours"),
    "visits_line": Phrase(
        "安排走访{planned}户，获资助未走访{dropped}户（其中必访{must}户）",
        "visits planned {planned}; funded, not visited {dropped} (must-visits among them {must})",
    ),
    "note": Phrase("注意", "note"),
    "districts": Phrase("各乡镇覆盖率", "coverage by district"),
    "not_proven": Phrase(
        "资金分配：求解器提前停止，所用方案是已找到的最好方案，未证明最优",
        "allocation: the best CP-SAT found, not proven best (solver stopped)",
    ),
    "must_dropped": Phrase("必访未安排", "must-visit not planned"),
    "wrote": Phrase("已写出{count}个文件到{out}", "Wrote {count} files to {out}"),
}
"""Every text the summary prints, in Chinese and English."""


def say(key: str, lang: Lang, **params: object) -> str:
    """One of the summary's texts in `lang`."""
    return SUMMARY[key].say(lang, **params)


def print_findings(found: Sequence[Finding], book: ReasonBook, lang: Lang = "zh") -> None:
    """Plugins' findings (a late nomination …): worth a look, but they do not stop the run."""
    for finding in found:
        console.print(tagged(say("note", lang), "yellow", finding.text(book, lang)))


def print_summary(summary: Summary, lang: Lang = "zh") -> None:
    """Households, money, budget lines, teams and visits of a plan, as tables on stdout."""
    out_console.print(
        say(
            "head",
            lang,
            households=summary.households,
            eligible=summary.eligible,
            funded=summary.funded,
            allocated=summary.allocated,
            budget=summary.total_budget,
        )
    )
    headers = [say(key, lang) for key in ("category", "eligible", "funded", "yuan")]
    categories = Table(*headers, title=say("categories", lang))
    for c in summary.categories:
        categories.add_row(c.category, str(c.eligible), str(c.funded), f"{c.amount:,}")
    out_console.print(categories)
    headers, rows, gini = fairness_table(summary.fairness, lang)
    districts = Table(*headers, title=say("districts", lang))
    for row in rows:
        districts.add_row(*row)
    out_console.print(districts)
    out_console.print(gini)
    if not summary.allocation_proven:
        out_console.print(say("not_proven", lang))
    headers = [say(key, lang) for key in ("line", "budget", "allocated", "left", "households")]
    lines = Table(*headers, title=say("lines", lang))
    for line in summary.lines:
        lines.add_row(
            line.name,
            f"{line.budget:,}",
            f"{line.allocated:,}",
            f"{line.left:,}",
            str(line.households),
        )
    out_console.print(lines)
    headers = [say(key, lang) for key in ("team", "days", "visits", "road")]
    teams = Table(*headers, title=say("teams", lang))
    for team in summary.teams:
        teams.add_row(team.name, str(team.days), str(team.visits), f"{team.road_minutes / 60:.1f}")
    out_console.print(teams)
    for spread in load_lines(summary.loads, lang):
        out_console.print(spread, markup=False)
    out_console.print(
        say(
            "visits_line",
            lang,
            planned=summary.visits_planned,
            dropped=summary.visits_dropped,
            must=summary.must_visits_dropped,
        )
    )
    words = solver_words(summary.allocation_status, summary.routing_status, lang)
    out_console.print(words, markup=False)
