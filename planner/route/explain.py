"""Why a wished-for visit is not in the plan, in plain Chinese for office staff.

The reasons are checked from the most to the least fundamental, and the first that binds is
given: no team of the tier the household needs; no such team out on the only day it can be
visited; no such team able to get there within its window and be back by the end of its day;
otherwise the days were simply full.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.cases import Case
from planner.scenario import Household

if TYPE_CHECKING:
    from planner.route.model import Vehicle

MUST_CROWDED_OUT = "各组行程已满：在工作时间、午休和每日走访上限内排不下，时间已用于其他必访户"
MAY_CROWDED_OUT = "行程已满，按优先级未安排"
OUT_OF_TIME = "求解时限内未能排入，延长求解时间后可能排得下"


def unservable_reason(case: Case, household: Household, vehicles: Sequence[Vehicle]) -> str:
    """The reason no vehicle at all can make this visit (tier, date, then hours and distance)."""
    if not vehicles:
        return "没有安排任何走访日"
    able = [vehicle for vehicle in vehicles if not case.tier or vehicle.tier == case.tier]
    if not able:
        return f"没有“{case.tier}”带队的走访小组"
    date = household.window_date
    if date is not None and all(vehicle.date != date for vehicle in able):
        team = f"“{case.tier}”带队的小组" if case.tier else "走访小组"
        return f"{_date(date)}没有{team}出行，而该户只能在当天走访"
    return f"没有小组能在工作时间内赶到、走访并返回驻地{_window(household)}"


def crowded_out_reason(must: bool, *, settled: bool = True) -> str:
    """The reason for a visit some vehicle could make but the chosen plan leaves out.

    When the time limit stopped the search before it settled (on large campaigns even the first
    plan can be cut short), "the days are full" would be a guess, so the reason says so.
    """
    if not settled:
        return OUT_OF_TIME
    return MUST_CROWDED_OUT if must else MAY_CROWDED_OUT


def _date(date: dt.date) -> str:
    return f"{date.month}月{date.day}日"


def _window(household: Household) -> str:
    """The household's window as the office wrote it, e.g. （可走访时段：2月1日 14:00–15:00）."""
    parts = []
    if household.window_date is not None:
        parts.append(_date(household.window_date))
    if household.window_start is not None or household.window_end is not None:
        first = f"{household.window_start:%H:%M}" if household.window_start else ""
        last = f"{household.window_end:%H:%M}" if household.window_end else ""
        parts.append(f"{first}–{last}")
    return f"（可走访时段：{' '.join(parts)}）" if parts else "（路程过远）"
