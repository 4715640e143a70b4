"""The office's tables, built as `Sheet`s from the plan.

发放名单 is the one table with bank cards and says so; 签领表 is one printable form per unit,
which that unit's recipients sign; 预算汇总, 送温暖统计表 and 走访安排 are what the office reports
upwards and hands to the teams. Every total is a formula whose value is stored as well.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from xlsxwriter.utility import xl_col_to_name

from planner.export.formats import yuan
from planner.export.lookup import PlanIndex, local
from planner.export.sheets import Cell, Formula, Row, Sheet
from planner.safe_text import printable
from planner.travel.labels import driving_note

SHEET_NAME_LENGTH = 31
UNSAFE_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
SIGN_OFF = "签领表"
SIGNATURES = "经办人：＿＿＿＿＿　　审核人：＿＿＿＿＿　　发放日期：＿＿年＿＿月＿＿日"


def disbursement_sheet(index: PlanIndex) -> Sheet:
    """发放名单: every grant with its bank card — the one table that may hold personal data."""
    rows: list[Row] = []
    for number, grant in enumerate(index.grants_in_table_order(), start=1):
        household = index.households[grant.household_id]
        rows.append(
            (
                Cell(number, "center"),
                Cell(household.id),
                Cell(household.name),
                Cell(household.unit),
                Cell(index.district(household.id)),
                Cell(index.category(household.id)),
                Cell(grant.amount, "money"),
                Cell(index.line_names[grant.line_id]),
                Cell(household.bank_card),
            )
        )
    headers = ("序号", "编号", "姓名", "所在单位", "所在乡镇", "类别", "金额(元)", "资金渠道")
    return Sheet(
        name="发放名单",
        title=f"{index.campaign.name}慰问金发放名单（内部·含个人敏感信息）",
        warning="本表含个人敏感信息（银行卡号），仅供经办科室内部使用，不得公示、转发或外传。",
        headers=(*headers, "银行卡号"),
        rows=tuple(rows),
        totals=(6,),
        landscape=True,
    )


def sign_off_sheets(index: PlanIndex) -> list[Sheet]:
    """签领表: one printable form per unit, so each unit's recipients sign their own pages."""
    taken: set[str] = set()
    sheets = []
    for unit, grants in index.grants_by_unit().items():
        rows = tuple(
            (
                Cell(number, "center"),
                Cell(index.households[grant.household_id].name),
                Cell(index.category(grant.household_id)),
                Cell(grant.amount, "money"),
                Cell(""),
                Cell(""),
            )
            for number, grant in enumerate(grants, start=1)
        )
        sheets.append(
            Sheet(
                name=sheet_name(f"{SIGN_OFF}-{unit}", taken),
                title=f"{index.campaign.name}慰问金签领表",
                notes=(f"领取单位：{unit}　　发放单位：{index.campaign.organisation}",),
                headers=("序号", "姓名", "类别", "金额(元)", "领取人签名", "领取日期"),
                rows=rows,
                totals=(3,),
                closing=(SIGNATURES,),
                repeat_title=True,
                page_header=f"{SIGN_OFF} · {unit}",
                row_height=32,
                min_widths=((4, 22), (5, 14)),
            )
        )
    return sheets


def sign_off_list(index: PlanIndex) -> Sheet:
    """All units' sign-off rows in one table, for the CSV copy of the 签领表 forms."""
    rows = tuple(
        (
            Cell(unit),
            Cell(number, "center"),
            Cell(index.households[grant.household_id].name),
            Cell(index.category(grant.household_id)),
            Cell(grant.amount, "money"),
            Cell(""),
            Cell(""),
        )
        for unit, grants in index.grants_by_unit().items()
        for number, grant in enumerate(grants, start=1)
    )
    return Sheet(
        name=SIGN_OFF,
        title=f"{index.campaign.name}慰问金签领表",
        headers=("所在单位", "序号", "姓名", "类别", "金额(元)", "领取人签名", "领取日期"),
        rows=rows,
    )


def budget_sheet(index: PlanIndex) -> Sheet:
    """预算汇总: each budget line's budget, allocated money, what is left and households paid."""
    allocation = index.plan.allocation
    rows = tuple(
        (
            Cell(line.line_id),
            Cell(line.name),
            Cell(line.budget, "money"),
            Cell(line.allocated, "money"),
            Formula("=C{row}-D{row}", line.left),
            Cell(line.households, "center"),
        )
        for line in allocation.lines
    )
    note = (
        f"预算总额（上限）{yuan(allocation.total_budget)}；已分配{yuan(allocation.total_allocated)}；"
        f"符合条件但未获资助{len(allocation.unfunded)}户。"
    )
    return Sheet(
        name="预算汇总",
        title=f"{index.campaign.name}预算使用汇总",
        notes=(note,),
        headers=("编号", "资金渠道", "预算(元)", "已分配(元)", "结余(元)", "户数"),
        rows=rows,
        totals=(2, 3, 4, 5),
    )


def statistics_sheet(index: PlanIndex) -> Sheet:
    """送温暖统计表: households and money by district (rows) and category (column pairs).

    Districts run down the page and categories across, because a county has many more towns
    than categories and the table must fit an A4 page's width.
    """
    categories = _categories(index)
    count: dict[tuple[str, str], int] = {}
    money: dict[tuple[str, str], int] = {}
    for grant in index.grants_in_table_order():
        key = (index.district(grant.household_id), index.category(grant.household_id))
        count[key] = count.get(key, 0) + 1
        money[key] = money.get(key, 0) + grant.amount
    count_columns = [xl_col_to_name(1 + 2 * i) for i in range(len(categories))]
    money_columns = [xl_col_to_name(2 + 2 * i) for i in range(len(categories))]
    rows: list[Row] = []
    for district in _districts(index, {district for district, _ in count}):
        cells: list[Cell | Formula] = [Cell(district)]
        for category in categories:
            cells.append(Cell(count.get((district, category), 0), "center"))
            cells.append(Cell(money.get((district, category), 0), "money"))
        households = sum(count.get((district, c), 0) for c in categories)
        amount = sum(money.get((district, c), 0) for c in categories)
        cells.append(Formula(_row_sum(count_columns), households, "center"))
        cells.append(Formula(_row_sum(money_columns), amount))
        rows.append(tuple(cells))
    pairs = [(category, 2) for category in (*categories, "合计")]
    return Sheet(
        name="送温暖统计表",
        title=f"{index.campaign.name}统计表",
        notes=(f"填报单位：{index.campaign.organisation}　　金额单位：元",),
        groups=(("乡镇（街道）", 1), *pairs),
        headers=("乡镇（街道）", *(("户数", "金额(元)") * len(pairs))),
        rows=tuple(rows),
        totals=tuple(range(1, 1 + 2 * len(pairs))),
        landscape=True,
    )


def _categories(index: PlanIndex) -> list[str]:
    """Categories in the order of the budget's standards, then any others that were funded."""
    funded = [index.category(grant.household_id) for grant in index.grants_in_table_order()]
    standards = [c for c in index.scenario.budget.standards if c in funded]
    return list(dict.fromkeys([*standards, *funded]))


def _districts(index: PlanIndex, funded: set[str]) -> list[str]:
    """Funded districts in the order of the places table, the order the office knows them in."""
    known = [place.district for place in index.scenario.places if place.district in funded]
    return list(dict.fromkeys([*known, *sorted(funded)]))


def _row_sum(columns: list[str]) -> str:
    """A formula adding the given columns of the same row."""
    return "=" + "+".join(f"{column}{{row}}" for column in columns) if columns else "=0"


def schedule_sheet(index: PlanIndex, subscriptions: Mapping[str, str] | None = None) -> Sheet:
    """走访安排: per team and day, the stops in order with arrival times and addresses.

    `subscriptions` (team id → calendar subscription address, from `songnuan serve`) prints
    each team's address above the table and its QR code below it, so a leader can subscribe
    from the printed sheet with the phone's camera.
    """
    addresses = subscriptions or {}
    subscribed = [team for team in index.scenario.teams if team.id in addresses]
    notes = tuple(
        f"{team.name}（{team.leader}）手机日历订阅：{addresses[team.id]}" for team in subscribed
    )
    codes = tuple(
        (f"{team.name}（{team.leader}）日历订阅二维码（手机相机扫码）", addresses[team.id])
        for team in subscribed
    )
    rows: list[Row] = []
    for team in index.scenario.teams:
        for route in index.routes_of(team.id):
            for number, visit in enumerate(route.visits, start=1):
                household = index.households[visit.household_id]
                rows.append(
                    (
                        Cell(team.name),
                        Cell(team.leader),
                        Cell(route.date, "date"),
                        Cell(number, "center"),
                        Cell(local(visit.arrival).time(), "time"),
                        Cell(local(visit.departure).time(), "time"),
                        Cell(household.name),
                        Cell(household.unit),
                        Cell(index.address(household.id, visit.place)),
                        Cell(visit.travel_minutes, "center"),
                    )
                )
    return Sheet(
        name="走访安排",
        title=f"{index.campaign.name}走访安排",
        headers=(
            "小组",
            "带队领导",
            "日期",
            "顺序",
            "到达",
            "离开",
            "姓名",
            "所在单位",
            "地址",
            "路程(分钟)" + driving_note(index.scenario),
        ),
        rows=tuple(rows),
        notes=notes,
        landscape=True,
        autofilter=True,
        qr_codes=codes,
    )


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\ nor control characters, no apostrophe at
    either end, at most 31 characters, numbered when taken."""
    cleaned = UNSAFE_IN_SHEET_NAME.sub("_", printable(wanted)).strip("'")
    base = cleaned[:SHEET_NAME_LENGTH] or "_"
    name, number = base, 2
    while name in taken:
        suffix = f"({number})"
        name = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix
        number += 1
    taken.add(name)
    return name
