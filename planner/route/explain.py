"""Why a wished-for visit is not in the plan, in plain Chinese for office staff.

A visit no team can make at all is explained by the first routing rule that rules out the last
team (the model applies them from the most to the least fundamental: tier, district, date,
hours, working minutes), so the reason names what an office would fix first.

A visit some team could make but the plan leaves out is explained by what stops each such team
in the plan as found: no car left in the day's pool, the day's visit cap reached, no working
minutes left for even the shortest detour, or otherwise the hours, lunch and other visits'
windows. Each of the first three is a fact of the plan, not a guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from planner.cases import Case
from planner.scenario import Household

if TYPE_CHECKING:
    from planner.route.model import Call, RoutingData
    from planner.route.search import Solution, Tour

Binding = Literal["no_days", "tier", "district", "date", "hours", "minutes"]
"""The routing rule that leaves a visit without any team that could make it."""

OUT_OF_TIME = "求解时限内未能排入，延长求解时间后可能排得下"
FULL_HOURS = "工作时间和午休内排不下"
FULL_VISITS = "已达每日走访上限"
FULL_MINUTES = "已达每日工作时长上限"


def unservable_reason(binding: Binding, case: Case, household: Household) -> str:
    """The reason no team at all can make this visit, from the rule that binds."""
    team = f"“{case.tier}”带队的小组" if case.tier else "走访小组"
    if binding == "no_days":
        return "没有安排任何走访日"
    if binding == "tier":
        return f"没有“{case.tier}”带队的走访小组"
    if binding == "district":
        return f"没有负责“{case.district}”的{team}"
    if binding == "date":
        assert household.window_date is not None
        return f"{_date(household.window_date)}没有{team}出行，而该户只能在当天走访"
    if binding == "hours":
        return f"没有小组能在工作时间内赶到、走访并返回驻地{_window(household)}"
    return "往返路程加走访超过各组每日工作时长上限"


def no_car_reason(dates: Sequence[dt.date], cars: Mapping[dt.date, int]) -> str:
    """The reason for a visit whose every possible team-day stays home for want of a car."""
    return f"{_cars_out(dates, cars)}，能走访该户的小组当天留在驻地"


def crowded_out_reason(call: Call, data: RoutingData, solution: Solution) -> str:
    """The reason for a visit some team could make but the chosen plan leaves out.

    A full visit cap, a spent minutes cap and an empty car pool are facts of the plan however
    long the search ran. "The hours are full" is only a fact once the search settled: when the
    time limit stopped it earlier (on large campaigns even the first plan can be cut short) and
    some team is stopped by nothing firmer, the reason says the search ran out of time.
    """
    found = _limits(call, data, solution)
    if not solution.settled and FULL_HOURS in found:
        return OUT_OF_TIME
    limits = "；".join(found)
    if call.must:
        return f"各组行程已满（{limits}），时间已用于其他必访户"
    return f"行程已满（{limits}），按优先级未安排"


def _limits(call: Call, data: RoutingData, solution: Solution) -> list[str]:
    """What stops each team that could make the call, each limit once, the pool first."""
    tours = {tour.vehicle: tour for tour in solution.tours}
    limits: set[str] = set()
    for v in call.vehicles:
        vehicle, tour = data.vehicles[v], tours.get(v)
        if tour is not None and len(tour.stops) == vehicle.max_visits:
            limits.add(FULL_VISITS)
        elif tour is not None and _out_of_minutes(call, data, tour):
            limits.add(FULL_MINUTES)
        else:
            limits.add(FULL_HOURS)
    order = [FULL_VISITS, FULL_MINUTES, FULL_HOURS]
    full = sorted(limits, key=order.index)
    if not call.home:
        return full
    return [_cars_out(sorted({data.vehicles[v].date for v in call.home}), data.cars), *full]


def _cars_out(dates: Sequence[dt.date], cars: Mapping[dt.date, int]) -> str:
    """The dates whose cars are all out, e.g. 1月31日、2月1日车辆已全部派出（每日2辆）."""
    return f"{'、'.join(map(_date, dates))}车辆已全部派出（每日{cars[dates[0]]}辆）"


def _out_of_minutes(call: Call, data: RoutingData, tour: Tour) -> bool:
    """Even the cheapest insertion of the call would run past the team's working minutes.

    The tour's length here leaves out the lunch break, so the test never blames the minutes
    cap wrongly: with lunch the day is only longer.
    """
    vehicle = data.vehicles[tour.vehicle]
    if vehicle.max_minutes is None:
        return False
    travel, stops = data.travel, [data.calls[stop.call] for stop in tour.stops]
    left = tour.stops[0].arrival - travel[vehicle.depot][stops[0].place]
    back = tour.stops[-1].arrival + stops[-1].service + travel[stops[-1].place][vehicle.depot]
    path = [vehicle.depot, *(stop.place for stop in stops), vehicle.depot]
    detour = min(
        travel[a][call.place] + travel[call.place][b] - travel[a][b] for a, b in pairwise(path)
    )
    return back - left + detour + call.service > vehicle.max_minutes


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
