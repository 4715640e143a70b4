"""`report.html`: the planner's overview in one file that opens offline in any browser.

Summary figures, budget use per line, households per category, each team's days as a
timeline, a route map, and the visits and households the plan leaves out with the reason for
each — what a planner checks before sending the files out. Everything is inline (styles, SVG),
so the file can be mailed and opened without network. It names households but shows no ID,
bank card, phone, address or income.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from planner.export import Register
from planner.export.formats import yuan
from planner.export.gantt import KEY_NAMES, KEYS, timeline_svg
from planner.export.html_page import Markup, page, table
from planner.export.lookup import PlanIndex, index_plan
from planner.export.route_map import route_map_svg
from planner.export.svg import legend, team_colours
from planner.fairness import fairness_table
from planner.hookspecs import hookimpl
from planner.loads import load_lines
from planner.plan import Plan
from planner.summary import Summary, solver_words, summarise
from planner.travel.labels import driving_note

FILENAME = "report.html"

CSS = """
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 12px; }
.figure { border: 1px solid #ccc; border-radius: 6px; padding: 10px 12px; background: #fafafa; }
.figure b { display: block; font-size: 24px; color: #b22; }
.figure span { color: #555; font-size: 13px; }
.bar { background: #eee; height: 12px; min-width: 120px; border-radius: 3px; }
.bar span { display: block; height: 100%; background: #b22; border-radius: 3px; }
.picture { overflow-x: auto; border: 1px solid #ddd; padding: 4px; }
.legend .key { display: inline-block; margin-right: 14px; font-size: 13px; }
.legend .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px;
                  vertical-align: -1px; border-radius: 2px; border: 1px solid #777; }
.must { color: #b00; font-weight: bold; }
"""


@hookimpl
def songnuan_register_writers(register: Register) -> None:
    """Offer the report writer under the name `report`."""
    register("report", write_report)


def write_report(plan: Plan, folder: Path) -> None:
    """Write `report.html` into `folder`."""
    (folder / FILENAME).write_text(report_html(plan), encoding="utf-8")


def report_html(plan: Plan) -> str:
    """The whole report as one HTML document."""
    index = index_plan(plan)
    summary = summarise(plan)
    campaign = index.campaign
    colours = team_colours(team.id for team in index.scenario.teams)
    names = {team.id: f"{team.name}（{team.leader}）" for team in index.scenario.teams}
    status = solver_words(plan.allocation.solver_status, plan.solver_status)
    sections = [
        f"<h1>{escape(campaign.name)}规划报告</h1>",
        f"<p>{escape(campaign.organisation)}　{escape(status)}</p>",
        _section("概况", _figures(summary, driving_note(index.scenario))),
        _section("预算使用", _budget(summary)),
        _section("各类别", _categories(summary)),
        _section("各乡镇覆盖率", _districts(summary)),
        _section("各组走访", _teams(index, summary)),
        _section(
            "走访时间线",
            _picture(timeline_svg(index, colours))
            + legend(colours, names)
            + legend(KEYS, KEY_NAMES),
        ),
        _section("路线图", _picture(route_map_svg(index, colours)) + legend(colours, names)),
        _section(f"未安排的走访（{len(plan.dropped)}户）", _dropped(index)),
        _section(f"未获资助的户（{len(plan.allocation.unfunded)}户）", _unfunded(index)),
    ]
    return page(f"{campaign.name}规划报告", "\n".join(sections), CSS)


def _section(heading: str, content: str) -> str:
    """A titled section of the report."""
    return f"<section>\n<h2>{escape(heading)}</h2>\n{content}\n</section>"


def _picture(svg: str) -> str:
    """A picture that scrolls sideways on a narrow screen instead of shrinking."""
    return f'<div class="picture">{svg}</div>'


def _figures(summary: Summary, note: str) -> str:
    """The headline numbers as cards."""
    used = summary.allocated / summary.total_budget if summary.total_budget else 0.0
    road_hours = sum(team.road_minutes for team in summary.teams) / 60
    must = f"其中必访 {summary.must_visits_dropped} 户"
    figures = [
        (f"{summary.households}", "档案户数"),
        (f"{summary.eligible}", "符合条件"),
        (f"{summary.funded}", "获得慰问金（户）"),
        (yuan(summary.allocated), f"已分配，占预算 {yuan(summary.total_budget)} 的 {used:.0%}"),
        (f"{summary.visits_planned}", "计划走访（户）"),
        (f"{summary.visits_dropped}", f"未安排走访（户），{must}"),
        (f"{road_hours:.1f}", "各组车程合计（小时）" + note),
    ]
    cards = (
        f'<div class="figure"><b>{escape(value)}</b><span>{escape(label)}</span></div>'
        for value, label in figures
    )
    return f'<div class="figures">{"".join(cards)}</div>'


def _budget(summary: Summary) -> str:
    """Each budget line: budget, allocated, left, households, and a bar of the share used."""
    rows = []
    for line in summary.lines:
        share = line.allocated / line.budget if line.budget else 0.0
        bar = Markup(f'<div class="bar"><span style="width:{min(share, 1):.1%}"></span></div>')
        rows.append(
            [
                line.name,
                f"{line.budget:,}",
                f"{line.allocated:,}",
                f"{line.left:,}",
                str(line.households),
                f"{share:.0%}",
                bar,
            ]
        )
    headers = ["资金渠道", "预算(元)", "已分配(元)", "结余(元)", "户数", "使用率", ""]
    return table(headers, rows, numeric=range(1, 6))


def _categories(summary: Summary) -> str:
    """Households eligible and funded, and money, per category."""
    rows = [
        [c.category, str(c.eligible), str(c.funded), f"{c.amount:,}"] for c in summary.categories
    ]
    return table(["类别", "符合条件(户)", "获资助(户)", "金额(元)"], rows, numeric=range(1, 4))


def _districts(summary: Summary) -> str:
    """Households eligible and funded and the coverage per district, and the Gini of coverage."""
    headers, rows, gini = fairness_table(summary.fairness, "zh")
    return table(headers, rows, numeric=range(1, 4)) + f"<p>{escape(gini)}</p>"


def _teams(index: PlanIndex, summary: Summary) -> str:
    """Per team: its leader, days out, households visited and hours on the road."""
    rows = [
        [
            team.name,
            index.teams[team.team_id].leader,
            str(team.days),
            str(team.visits),
            f"{team.road_minutes / 60:.1f}",
        ]
        for team in summary.teams
    ]
    hours = "车程(小时)" + driving_note(index.scenario)
    headers = ["小组", "带队领导", "出行天数", "走访户数", hours]
    spreads = "".join(f"<p>{escape(line)}</p>" for line in load_lines(summary.loads, "zh"))
    return table(headers, rows, numeric=range(2, 5)) + spreads


def _dropped(index: PlanIndex) -> str:
    """Wished-for visits no team makes, must-visits first, each with its reason."""
    dropped = sorted(index.plan.dropped, key=lambda d: not d.must)
    if not dropped:
        return "<p>所有希望走访的户都已安排。</p>"
    book = index.plan.allocation.cases.reason_book()
    rows = [
        [
            index.households[d.household_id].name,
            index.households[d.household_id].unit,
            index.category(d.household_id),
            Markup('<span class="must">必访</span>') if d.must else "可访",
            book.render(d.reason),
        ]
        for d in dropped
    ]
    return table(["姓名", "所在单位", "类别", "走访要求", "未安排原因"], rows)


def _unfunded(index: PlanIndex) -> str:
    """Eligible households without a grant, each with its reason."""
    unfunded = index.plan.allocation.unfunded
    if not unfunded:
        return "<p>所有符合条件的户都获得了慰问金。</p>"
    book = index.plan.allocation.cases.reason_book()
    rows = [
        [
            index.households[u.household_id].name,
            index.households[u.household_id].unit,
            index.category(u.household_id),
            book.render(u.reason),
        ]
        for u in unfunded
    ]
    return table(["姓名", "所在单位", "类别", "未获资助原因"], rows)
