"""The public notice (公示名单): `notice.xlsx` to print and post, `notice.html` to publish online.

Grants are announced before they are paid so that colleagues can object within the notice
period. The notice is public, so names are masked (张*明) and it carries no ID, bank card, phone,
address or income: only unit, category and amount, the period and whom to contact.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.export import Register
from planner.export.formats import cn_date
from planner.export.html_page import page, sheet_html
from planner.export.lookup import PlanIndex, index_plan
from planner.export.masking import mask_name
from planner.export.sheets import Cell, Sheet
from planner.export.xlsx import write_workbook_file
from planner.hookspecs import hookimpl
from planner.plan import Plan

XLSX, HTML = "notice.xlsx", "notice.html"


@hookimpl
def songnuan_register_writers(register: Register) -> None:
    """Offer the public notice writer under the name `notice`."""
    register("notice", write_notice)


def write_notice(plan: Plan, folder: Path) -> None:
    """Write `notice.xlsx` and `notice.html` into `folder`, both from the same table."""
    index = index_plan(plan)
    sheet = notice_sheet(index)
    write_workbook_file(folder / XLSX, index, sheet.title, [sheet])
    (folder / HTML).write_text(page(sheet.title, sheet_html(sheet)), encoding="utf-8")


def notice_period(index: PlanIndex) -> tuple[dt.date, dt.date]:
    """First and last day of the notice; by default it ends the day before the first visit day."""
    notice = index.campaign.notice
    start = notice.start or index.first_day().date() - dt.timedelta(days=notice.days)
    return start, start + dt.timedelta(days=notice.days - 1)


def notice_sheet(index: PlanIndex) -> Sheet:
    """公示名单: masked names by unit, with category and amount, period and contact."""
    campaign = index.campaign
    grants = [grant for unit in index.grants_by_unit().values() for grant in unit]
    rows = tuple(
        (
            Cell(number, "center"),
            Cell(mask_name(index.households[grant.household_id].name)),
            Cell(index.households[grant.household_id].unit),
            Cell(index.category(grant.household_id)),
            Cell(grant.amount, "money"),
        )
        for number, grant in enumerate(grants, start=1)
    )
    start, end = notice_period(index)
    total = sum(grant.amount for grant in grants)
    issuer = campaign.organisation or campaign.name
    return Sheet(
        name="公示名单",
        title=f"{campaign.name}慰问对象公示名单",
        notes=(
            f"经审核，拟向以下{len(grants)}户发放慰问金，共计{total:,}元，现予公示。",
            f"公示期：{cn_date(start)}至{cn_date(end)}（共{campaign.notice.days}天）。",
            f"公示期内如有异议，请向{campaign.contact or issuer}反映。",
        ),
        headers=("序号", "姓名", "所在单位", "类别", "金额(元)"),
        rows=rows,
        totals=(4,),
        closing=(issuer, cn_date(start)),
    )
