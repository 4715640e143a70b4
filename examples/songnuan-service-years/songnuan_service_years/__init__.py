"""A factory union's own rule and form, as a songnuan plugin from its own package.

- Eligibility: 工龄不足1年的职工本年度暂不慰问 (a worker with under one year of service is not
  visited this year). The rule reads the households column `工龄`; songnuan hands every column it
  does not know to plugins in `Household.extra`.
- Export: 送温暖统计表.csv, the statistics table a unit sends up: per unit, households on the
  list, households funded, and yuan.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from planner import hookimpl
from planner.plan import Plan
from planner.reasons import Reason
from planner.rule_types import Eligibility
from planner.scenario import Household

COLUMN = "工龄"
MINIMUM_YEARS = 1
FORM = "送温暖统计表.csv"
SHORT_SERVICE = "service_years.short"


@hookimpl
def songnuan_register_reasons(register: Callable[[str, str, str], None]) -> None:
    """The words of this plugin's one reason, in Chinese and English."""
    register(
        SHORT_SERVICE,
        "工龄不足{years}年，本年度暂不慰问",
        "under {years} year(s) of service: not visited this year",
    )


@hookimpl
def songnuan_eligibility(household: Household) -> Eligibility | None:
    """Under one year of service: not eligible. No 工龄 cell: no opinion (None)."""
    text = household.extra.get(COLUMN, "").strip()
    if not text:
        return None
    if float(text) < MINIMUM_YEARS:
        return Eligibility(eligible=False, reason=Reason.of(SHORT_SERVICE, years=MINIMUM_YEARS))
    return None


@hookimpl
def songnuan_register_writers(
    register: Callable[[str, Callable[[Plan, Path], None]], None],
) -> None:
    register("statistics", write_statistics)


def write_statistics(plan: Plan, folder: Path) -> None:
    """Per unit: households listed, households funded, yuan (UTF-8 with BOM, for Excel)."""
    units: dict[str, list[int]] = {}
    grants = {grant.household_id: grant.amount for grant in plan.allocation.grants}
    for case in plan.allocation.cases.cases:
        row = units.setdefault(case.unit, [0, 0, 0])
        row[0] += 1
        if case.household_id in grants:
            row[1] += 1
            row[2] += grants[case.household_id]
    with (folder / FORM).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["单位", "名单户数", "慰问户数", "慰问金额（元）"])
        for unit, (listed, funded, yuan) in sorted(units.items()):
            writer.writerow([unit, listed, funded, yuan])
        total = (
            [sum(values) for values in zip(*units.values(), strict=True)] if units else [0, 0, 0]
        )
        writer.writerow(["合计", *total])
