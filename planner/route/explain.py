"""Why a wished-for visit is not in the plan, as reason codes the edge words for office staff.

A visit no team can make at all is explained by the first routing rule that rules out the last
team (the model applies them from the most to the least fundamental: tier, district, date,
hours, working minutes), so the reason names what an office would fix first.

A visit some team could make but the plan leaves out is explained by what stops each such team
in the plan as found: no car left in the day's pool, the day's visit cap reached, no working
minutes left for even the shortest detour, or otherwise the hours, lunch and other visits'
windows. When the caps and the pool stop every such team and the visits made are all at least
as important, capacity binds, and no longer search places it; only otherwise may the reason be
that the search stopped (`crowded_out_reasons`).

Each reason's words are declared here, next to the code that gives it (`planner.reasons`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from planner.cases import Case
from planner.reasons import Reason, template
from planner.route.data import Call, RoutingData
from planner.route.solution import Solution, Status, Tour
from planner.scenario import Household

Binding = Literal["no_days", "tier", "district", "date", "hours", "minutes"]
"""The routing rule that leaves a visit without any team that could make it."""

OUT_OF_TIME = template(
    "route.out_of_time",
    zh="求解时限内未能排入，延长求解时间后可能排得下",
    en="not placed within the search's time limit; with more time it may fit",
)
OUT_OF_WORK = template(
    "route.out_of_work",
    zh="设定的搜索量内未能排入，加大搜索量（--solutions）后可能排得下",
    en="not placed within the search's work; with more solutions (--solutions) it may fit",
)
FULL_HOURS = template(
    "route.full_hours",
    zh="工作时间和午休内排不下",
    en="no room left within working hours and lunch",
)
FULL_VISITS = template(
    "route.full_visits", zh="已达每日走访上限", en="the day's visit cap is reached"
)
FULL_MINUTES = template(
    "route.full_minutes", zh="已达每日工作时长上限", en="the day's working-minute cap is reached"
)
CARS_OUT = template(
    "route.cars_out",
    zh="{dates}车辆已全部派出（每日{cars}辆）",
    en="every car is out on {dates} ({cars} a day)",
)
NO_CAR = template(
    "route.no_car",
    zh="{cars_out}，能走访该户的小组当天留在驻地",
    en="{cars_out}; the teams that could visit the household stay at their base that day",
)
CLAUSES = template("route.clauses", zh="{first}；{rest}", en="{first}; {rest}")
CROWDED_MUST = template(
    "route.crowded_out_must",
    zh="各组行程已满（{limits}），时间已用于其他必访户",
    en="every team's days are full ({limits}); their time went to other must-visits",
)
CAPACITY_MUST = template(
    "route.capacity_must",
    zh="能走访该户的各组当日名额已满（{limits}），已排入的都是同等或更重要的必访户",
    en="every team-day that could visit is at its cap ({limits}), with must-visits at least "
    "as important",
)
CAPACITY_MAY = template(
    "route.capacity",
    zh="能走访该户的各组当日名额已满（{limits}），已排入的走访都不比该户次要",
    en="every team-day that could visit is at its cap ({limits}), with visits at least as "
    "important",
)
CROWDED_MAY = template(
    "route.crowded_out",
    zh="行程已满（{limits}），按优先级未安排",
    en="the days are full ({limits}); left out by priority",
)
NO_DAYS = template("route.no_days", zh="没有安排任何走访日", en="no visiting days are planned")
NO_TIER = template(
    "route.no_tier", zh="没有“{tier}”带队的走访小组", en="no visiting team is led by “{tier}”"
)
TEAM_OF_TIER = template("route.team_of_tier", zh="“{tier}”带队的小组", en="team led by “{tier}”")
ANY_TEAM = template("route.any_team", zh="走访小组", en="visiting team")
NO_DISTRICT = template(
    "route.no_district", zh="没有负责“{district}”的{team}", en="no {team} covers “{district}”"
)
NO_DATE = template(
    "route.no_date",
    zh="{date}没有{team}出行，而该户只能在当天走访",
    en="no {team} is out on {date}, the only day the household can be visited",
)
NO_HOURS = template(
    "route.no_hours",
    zh="没有小组能在工作时间内赶到、走访并返回驻地{window}",
    en="no team can get there, visit and be back at its base within working hours{window}",
)
WINDOW = template("route.window", zh="（可走访时段：{when}）", en=" (visiting window: {when})")
DAY_AND_TIMES = template("route.day_and_times", zh="{date} {times}", en="{date} {times}")
TOO_FAR = template("route.too_far", zh="（路程过远）", en=" (too far)")
NO_MINUTES = template(
    "route.no_minutes",
    zh="往返路程加走访超过各组每日工作时长上限",
    en="the drive there and back plus the visit exceed every team's daily working minutes",
)
STATUS_WORDS = {
    Status.NO_VISITS: template(
        "route.status.no_visits", zh="没有需要安排的走访", en="no visits to route"
    ),
    Status.SETTLED: template(
        "route.status.settled",
        zh="已完成设定的搜索量，方案稳定",
        en="the search did its work; the plan is settled",
    ),
    Status.WORK_LIMIT: template(
        "route.status.work_limit",
        zh="已完成设定的搜索量，加大搜索量可能还能多排",
        en="the search did its work; more search might place more visits",
    ),
    Status.TIME_LIMIT: template(
        "route.status.time_limit",
        zh="达到求解时限，搜索被提前中止：方案可能随机器快慢而不同，请延长时限",
        en="the time limit stopped the search: the plan may differ with the machine's speed; "
        "allow more time",
    ),
}
"""The words for people of each way the search ends; plan.json keeps the status code."""


def status_reason(code: str) -> Reason:
    """How the search ended, from the status code plan.json keeps, as a reason to word for
    people; a code this version does not know (an older plan.json's) is kept as it is."""
    known = {status.value: status for status in Status}
    status = known.get(code)
    return Reason.of(code) if status is None else Reason.of(STATUS_WORDS[status])


def unservable_reason(binding: Binding, case: Case, household: Household) -> Reason:
    """The reason no team at all can make this visit, from the rule that binds."""
    team = Reason.of(TEAM_OF_TIER, tier=case.tier) if case.tier else Reason.of(ANY_TEAM)
    if binding == "no_days":
        return Reason.of(NO_DAYS)
    if binding == "tier":
        return Reason.of(NO_TIER, tier=case.tier)
    if binding == "district":
        return Reason.of(NO_DISTRICT, district=case.district or "", team=team)
    if binding == "date":
        assert household.window_date is not None
        return Reason.of(NO_DATE, date=household.window_date, team=team)
    if binding == "hours":
        return Reason.of(NO_HOURS, window=_window(household))
    return Reason.of(NO_MINUTES)


def no_car_reason(dates: Sequence[dt.date], cars: Mapping[dt.date, int]) -> Reason:
    """The reason for a visit whose every possible team-day stays home for want of a car."""
    return Reason.of(NO_CAR, cars_out=_cars_out(dates, cars))


def crowded_out_reasons(data: RoutingData, solution: Solution) -> list[Reason]:
    """The reason for each call `solution` leaves out, in its order (`_crowded_out_reason`).

    Who makes what is looked up once for all of them: a province leaves out some 5,000 calls
    over 1,300 tours, and finding the tours again for each took 1.3 s of a 60 s stage.
    """
    tours = {tour.vehicle: tour for tour in solution.tours}
    least = {
        v: min(data.calls[stop.call].penalty / data.calls[stop.call].visits for stop in tour.stops)
        for v, tour in tours.items()
    }
    return [
        _crowded_out_reason(data.calls[k], data, solution, _Routed(tours, least))
        for k in solution.dropped
    ]


@dataclass(frozen=True)
class _Routed:
    """A plan's tours by team-day, and the least penalty a visit on each tour is worth."""

    tours: Mapping[int, Tour]
    least_worth: Mapping[int, float]


def _crowded_out_reason(
    call: Call, data: RoutingData, solution: Solution, routed: _Routed
) -> Reason:
    """The reason for a visit some team could make but the chosen plan leaves out.

    Capacity binds (`_capacity_binds`) when every team-day that could make the visit is at its
    visit or minutes cap (or stays home for the car pool, `pool`) and carries only visits at
    least as important: placing it would cost another visit at least as important, which no
    search does, so the reason names the caps however long the search ran. Otherwise a search
    that stopped on its work or its time could still place it, and says so; a settled search
    says the days are full.
    """
    found = _limits(call, data, routed)
    if _capacity_binds(call, data, routed):
        code = CAPACITY_MUST if call.must else CAPACITY_MAY
        return Reason.of(code, limits=_clauses([r for r in found if r != Reason.of(FULL_HOURS)]))
    if not solution.settled:
        cut = OUT_OF_TIME if solution.status is Status.TIME_LIMIT else OUT_OF_WORK
        return Reason.of(cut)
    return Reason.of(CROWDED_MUST if call.must else CROWDED_MAY, limits=_clauses(found))


def _capacity_binds(call: Call, data: RoutingData, routed: _Routed) -> bool:
    """Every team-day that could make the call is capped, with nothing less important on it."""
    worth = call.penalty / call.visits
    for v in call.vehicles:
        tour = routed.tours.get(v)
        if tour is None:
            return False
        full = len(tour.stops) == data.vehicles[v].max_visits
        if not (full or _out_of_minutes(call, data, tour)):
            return False
        if routed.least_worth[v] < worth:
            return False
    return bool(call.vehicles) or bool(call.home)


def _clauses(reasons: Sequence[Reason]) -> Reason:
    """Reasons as one, read as clauses (甲；乙；丙)."""
    if len(reasons) == 1:
        return reasons[0]
    return Reason.of(CLAUSES, first=reasons[0], rest=_clauses(reasons[1:]))


def _limits(call: Call, data: RoutingData, routed: _Routed) -> list[Reason]:
    """What stops each team that could make the call, each limit once, the pool first."""
    limits: set[str] = set()
    for v in call.vehicles:
        vehicle, tour = data.vehicles[v], routed.tours.get(v)
        if tour is not None and len(tour.stops) == vehicle.max_visits:
            limits.add(FULL_VISITS)
        elif tour is not None and _out_of_minutes(call, data, tour):
            limits.add(FULL_MINUTES)
        else:
            limits.add(FULL_HOURS)
    order = [FULL_VISITS, FULL_MINUTES, FULL_HOURS]
    full = [Reason.of(code) for code in sorted(limits, key=order.index)]
    if not call.home:
        return full
    return [_cars_out(sorted({data.vehicles[v].date for v in call.home}), data.cars), *full]


def _cars_out(dates: Sequence[dt.date], cars: Mapping[dt.date, int]) -> Reason:
    """The dates whose cars are all out, e.g. 1月31日、2月1日车辆已全部派出（每日2辆）."""
    return Reason.of(CARS_OUT, dates=tuple(dates), cars=cars[dates[0]])


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


def _window(household: Household) -> Reason:
    """The household's window as the office wrote it, e.g. （可走访时段：2月1日 14:00–15:00）."""
    day, times = household.window_date, ""
    if household.window_start is not None or household.window_end is not None:
        first = f"{household.window_start:%H:%M}" if household.window_start else ""
        last = f"{household.window_end:%H:%M}" if household.window_end else ""
        times = f"{first}–{last}"
    if day is None and not times:
        return Reason.of(TOO_FAR)
    if day is not None and times:
        return Reason.of(WINDOW, when=Reason.of(DAY_AND_TIMES, date=day, times=times))
    return Reason.of(WINDOW, when=day if day is not None else times)
