"""`allocation.xlsx` and its CSV copies: the office's sheets.

The office pays by bank card and needs the card numbers, so 发放名单 is the one sheet (and
`csv/发放名单.csv` its one copy) that holds them; its title says so. The 签领表 forms come one
sheet per unit: each prints on its own pages with its unit, header and page numbers on every
page, and a unit's recipients sign only their own list.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from planner.export import Register
from planner.export.csv_copy import write_csv
from planner.export.lookup import index_plan
from planner.export.office_sheets import (
    budget_sheet,
    disbursement_sheet,
    schedule_sheet,
    sign_off_list,
    sign_off_sheets,
    statistics_sheet,
)
from planner.export.xlsx import write_workbook_file
from planner.hookspecs import hookimpl
from planner.plan import Plan

FILENAME = "allocation.xlsx"


@hookimpl
def songnuan_register_writers(register: Register) -> None:
    """Offer the workbook writer under the name `workbook`."""
    register("workbook", write_workbook)


def write_workbook(
    plan: Plan, folder: Path, subscriptions: Mapping[str, str] | None = None
) -> None:
    """Write `allocation.xlsx` and `csv/<table>.csv` for each of its tables into `folder`.

    `subscriptions` (team id → calendar subscription address) goes on the 走访安排 sheet.
    """
    index = index_plan(plan)
    disbursement = disbursement_sheet(index)
    budget = budget_sheet(index)
    statistics = statistics_sheet(index)
    schedule = schedule_sheet(index, subscriptions)
    sheets = [disbursement, *sign_off_sheets(index), budget, statistics, schedule]
    title = f"{index.campaign.name}慰问金发放"
    comments = "含个人敏感信息（银行卡号），仅限经办科室使用"
    write_workbook_file(folder / FILENAME, index, title, sheets, comments=comments)
    for table in (disbursement, sign_off_list(index), budget, statistics, schedule):
        write_csv(folder, table)
