"""`allocation.xlsx`: the office's sheets — disbursement list, sign-off sheet, budget, schedule.

The office pays by bank card and needs the card numbers, so the disbursement list (发放名单) is
the one sheet that holds them; it says so in its first row. Every other sheet, and every other
file, goes without. Totals are formulas with their values stored beside them, because WPS
previews, phone viewers and openpyxl show stored values and do not recalculate. Numbers that are
really text (IDs, bank cards) are written as text, so Excel neither drops a leading zero nor
shows 6.22E+18.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_range, xl_rowcol_to_cell

from planner.export import Register
from planner.export.lookup import PlanIndex, index_plan, local
from planner.hookspecs import hookimpl
from planner.plan import Plan

FILENAME = "allocation.xlsx"
FONT = "宋体"
A4 = 9
MIN_WIDTH, MAX_WIDTH = 6, 48

DISBURSEMENT_HEADERS = (
    "序号",
    "编号",
    "姓名",
    "所在单位",
    "所在乡镇",
    "类别",
    "金额(元)",
    "资金渠道",
    "银行卡号",
)
SIGN_OFF_HEADERS = ("序号", "姓名", "所在单位", "类别", "金额(元)", "签名", "日期")
BUDGET_HEADERS = ("编号", "资金渠道", "预算(元)", "已分配(元)", "结余(元)", "户数")
SCHEDULE_HEADERS = (
    "小组",
    "带队领导",
    "日期",
    "顺序",
    "到达",
    "离开",
    "姓名",
    "所在单位",
    "地址",
    "路程(分钟)",
)

Value = str | int | dt.date | dt.time
Format = Any
"""An xlsxwriter Format (the package ships no type hints)."""


@dataclass(frozen=True)
class Cell:
    """A value with the format to write it in."""

    value: Value
    style: str = "text"


@dataclass(frozen=True)
class Total:
    """A total cell: a formula plus the value it evaluates to, stored for viewers."""

    formula: str
    value: int
    style: str = "total_money"


@hookimpl
def songnuan_register_writers(register: Register) -> None:
    """Offer the workbook writer under the name `workbook`."""
    register("workbook", write_workbook)


def write_workbook(plan: Plan, folder: Path) -> None:
    """Write `allocation.xlsx` with its four sheets into `folder`."""
    index = index_plan(plan)
    workbook = xlsxwriter.Workbook(
        str(folder / FILENAME),
        {"default_format_properties": {"font_name": FONT, "font_size": 11}},
    )
    # A fixed creation date keeps the file byte-identical when the same plan is exported again.
    created = index.first_day().astimezone(dt.UTC).replace(tzinfo=None)
    workbook.set_properties(
        {
            "title": f"{index.campaign.name} 慰问金发放",
            "company": index.campaign.organisation,
            "comments": "含个人敏感信息（银行卡号），仅限经办科室使用",
            "created": created,
        }
    )
    styles = _styles(workbook)
    _disbursement_sheet(workbook.add_worksheet("发放名单"), styles, index)
    _sign_off_sheet(workbook.add_worksheet("签领表"), styles, index)
    _budget_sheet(workbook.add_worksheet("预算汇总"), styles, index)
    _schedule_sheet(workbook.add_worksheet("走访安排"), styles, index)
    workbook.close()


def _styles(workbook: Any) -> dict[str, Format]:
    """The few formats the sheets share, by name."""
    border = {"border": 1, "valign": "vcenter"}
    return {
        "title": workbook.add_format({"bold": True, "font_size": 16, "align": "center"}),
        "warning": workbook.add_format({"bold": True, "font_color": "#C00000"}),
        "note": workbook.add_format({"italic": True}),
        "header": workbook.add_format(
            {**border, "bold": True, "align": "center", "bg_color": "#D9D9D9", "text_wrap": True}
        ),
        "text": workbook.add_format({**border, "num_format": "@"}),
        "center": workbook.add_format({**border, "align": "center"}),
        "money": workbook.add_format({**border, "num_format": "#,##0"}),
        "total": workbook.add_format({**border, "bold": True, "align": "center"}),
        "total_money": workbook.add_format({**border, "bold": True, "num_format": "#,##0"}),
        "date": workbook.add_format({**border, "align": "center", "num_format": "yyyy-mm-dd"}),
        "time": workbook.add_format({**border, "align": "center", "num_format": "hh:mm"}),
    }


def _disbursement_sheet(sheet: Any, styles: dict[str, Format], index: PlanIndex) -> None:
    """发放名单: every grant with its bank card — the one sheet that may hold personal data."""
    headers = DISBURSEMENT_HEADERS
    rows: list[list[Cell | Total]] = []
    for number, grant in enumerate(index.grants_in_table_order(), start=1):
        household = index.households[grant.household_id]
        rows.append(
            [
                Cell(number, "center"),
                Cell(household.id),
                Cell(household.name),
                Cell(household.unit),
                Cell(index.district(household.id)),
                Cell(index.category(household.id)),
                Cell(grant.amount, "money"),
                Cell(index.line_names[grant.line_id]),
                Cell(household.bank_card),
            ]
        )
    _banner(sheet, styles["title"], 0, len(headers), f"{index.campaign.name} 慰问金发放名单")
    warning = "本表含个人敏感信息（银行卡号），仅供经办科室内部使用，不得公示、转发或外传。"
    _banner(sheet, styles["warning"], 1, len(headers), warning)
    _table(sheet, styles, 2, headers, rows, totals=[6])
    sheet.set_landscape()
    _print_setup(sheet, index, header_row=2)


def _sign_off_sheet(sheet: Any, styles: dict[str, Format], index: PlanIndex) -> None:
    """签领表: the printed sheet recipients sign, without bank cards so it can be passed round."""
    headers = SIGN_OFF_HEADERS
    rows: list[list[Cell | Total]] = []
    for number, grant in enumerate(index.grants_in_table_order(), start=1):
        household = index.households[grant.household_id]
        rows.append(
            [
                Cell(number, "center"),
                Cell(household.name),
                Cell(household.unit),
                Cell(index.category(household.id)),
                Cell(grant.amount, "money"),
                Cell(""),
                Cell(""),
            ]
        )
    _banner(sheet, styles["title"], 0, len(headers), f"{index.campaign.name} 慰问金签领表")
    _banner(sheet, styles["note"], 1, len(headers), f"发放单位：{index.campaign.organisation}")
    last = _table(sheet, styles, 2, headers, rows, totals=[4])
    for row in range(3, last + 1):
        sheet.set_row(row, 30)  # room for a handwritten signature
    sheet.set_column(5, 5, 18)
    sheet.set_column(6, 6, 12)
    sheet.set_portrait()
    _print_setup(sheet, index, header_row=2)


def _budget_sheet(sheet: Any, styles: dict[str, Format], index: PlanIndex) -> None:
    """预算汇总: each budget line's budget, allocated money, what is left and households paid."""
    allocation = index.plan.allocation
    headers = BUDGET_HEADERS
    first = 3
    rows: list[list[Cell | Total]] = []
    for offset, line in enumerate(allocation.lines):
        left = f"={xl_rowcol_to_cell(first + offset, 2)}-{xl_rowcol_to_cell(first + offset, 3)}"
        rows.append(
            [
                Cell(line.line_id),
                Cell(line.name),
                Cell(line.budget, "money"),
                Cell(line.allocated, "money"),
                Total(left, line.left, "money"),
                Cell(line.households, "center"),
            ]
        )
    _banner(sheet, styles["title"], 0, len(headers), f"{index.campaign.name} 预算使用汇总")
    cap = allocation.total_budget
    note = f"预算总额（上限）{cap:,}元；已分配{allocation.total_allocated:,}元；"
    note += f"符合条件但未获资助{len(allocation.unfunded)}户。"
    _banner(sheet, styles["note"], 1, len(headers), note)
    _table(sheet, styles, first - 1, headers, rows, totals=[2, 3, 4, 5])
    sheet.set_portrait()
    _print_setup(sheet, index, header_row=first - 1)


def _schedule_sheet(sheet: Any, styles: dict[str, Format], index: PlanIndex) -> None:
    """走访安排: per team and day, the stops in order with arrival times and addresses."""
    headers = SCHEDULE_HEADERS
    rows: list[list[Cell | Total]] = []
    for team in index.scenario.teams:
        for route in index.routes_of(team.id):
            for number, visit in enumerate(route.visits, start=1):
                household = index.households[visit.household_id]
                place = index.places.get(visit.place)
                address = household.address or (place.name if place else visit.place)
                rows.append(
                    [
                        Cell(team.name),
                        Cell(team.leader),
                        Cell(route.date, "date"),
                        Cell(number, "center"),
                        Cell(local(visit.arrival).time(), "time"),
                        Cell(local(visit.departure).time(), "time"),
                        Cell(household.name),
                        Cell(household.unit),
                        Cell(address),
                        Cell(visit.travel_minutes, "center"),
                    ]
                )
    _banner(sheet, styles["title"], 0, len(headers), f"{index.campaign.name} 走访安排")
    _table(sheet, styles, 1, headers, rows)
    sheet.freeze_panes(2, 0)
    sheet.autofilter(1, 0, max(1, len(rows) + 1), len(headers) - 1)
    sheet.set_landscape()
    _print_setup(sheet, index, header_row=1)


def _banner(sheet: Any, style: Format, row: int, columns: int, text: str) -> None:
    """A title or note across the table's width, so it prints centred above the table."""
    sheet.merge_range(row, 0, row, columns - 1, text, style)


def _table(
    sheet: Any,
    styles: dict[str, Format],
    header_row: int,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell | Total]],
    totals: Collection[int] = (),
) -> int:
    """Write headers, rows and (when `totals` names columns) a 合计 row; return the last row.

    `totals` lists the columns to sum; the sums are SUM formulas over the data rows, with the
    sum computed here stored as the cached value.
    """
    for column, header in enumerate(headers):
        sheet.write_string(header_row, column, header, styles["header"])
    first = header_row + 1
    for offset, row in enumerate(rows):
        for column, cell in enumerate(row):
            _write(sheet, styles, first + offset, column, cell)
    last = first + len(rows) - 1
    if totals:
        last += 1
        sheet.write_string(last, 0, "合计", styles["total"])
        for column in range(1, len(headers)):
            cell = _sum(rows, column, first) if column in totals else Cell("")
            _write(sheet, styles, last, column, cell, total=True)
    _fit_columns(sheet, headers, rows)
    return last


def _sum(rows: Sequence[Sequence[Cell | Total]], column: int, first: int) -> Total:
    """A SUM over the column's data rows, with its value; 0 when there are no rows."""
    if not rows:
        return Total("=0", 0)
    value = sum(_number(row[column]) for row in rows)
    return Total(f"=SUM({xl_range(first, column, first + len(rows) - 1, column)})", value)


def _number(cell: Cell | Total) -> int:
    """The numeric value of a data cell, for totals."""
    value = cell.value
    if not isinstance(value, int):
        raise TypeError(f"cannot total a non-number cell: {value!r}")
    return value


def _write(
    sheet: Any,
    styles: dict[str, Format],
    row: int,
    column: int,
    cell: Cell | Total,
    *,
    total: bool = False,
) -> None:
    """Write one cell with the method its type needs, so text never turns into a number."""
    if isinstance(cell, Total):
        sheet.write_formula(row, column, cell.formula, styles[cell.style], cell.value)
        return
    style = styles["total"] if total else styles[cell.style]
    if isinstance(cell.value, str):
        sheet.write_string(row, column, cell.value, style)
    elif isinstance(cell.value, int):
        sheet.write_number(row, column, cell.value, style)
    else:
        sheet.write_datetime(row, column, cell.value, style)


def _fit_columns(
    sheet: Any, headers: Sequence[str], rows: Sequence[Sequence[Cell | Total]]
) -> None:
    """Widen each column to its longest text, counting a Chinese character as two."""
    for column, header in enumerate(headers):
        texts = [header] + [_shown(row[column]) for row in rows]
        width = max(_display_width(text) for text in texts) + 2
        sheet.set_column(column, column, min(max(width, MIN_WIDTH), MAX_WIDTH))


def _shown(cell: Cell | Total) -> str:
    """Roughly what the cell displays, for sizing its column."""
    value = cell.value
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


def _display_width(text: str) -> int:
    """Width in Excel's character units: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_setup(sheet: Any, index: PlanIndex, *, header_row: int) -> None:
    """A4, fit to the page width, header row on every page, page numbers in the footer."""
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    sheet.repeat_rows(header_row)
    name = index.campaign.name.replace("&", "&&")
    sheet.set_footer(f"&L{name}&R第 &P 页，共 &N 页")
