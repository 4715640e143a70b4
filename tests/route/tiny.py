"""A tiny campaign built in code for routing tests: roads, teams, and households with wishes.

Import from tests as `route.tiny` (pyproject puts `tests` on the path); the `campaign` fixture
lives in this folder's conftest.

Each test states the few facts it depends on (a window, a lunch, a tier) and routes; everything
else has a plain default: one county seat `hq` and villages a–d on a road graph in which
hq→a→b→c is 10 minutes a leg, d is an hour out and `far` is 400 minutes away.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from builders import case, scenario
from planner.allocation import Allocation, Grant
from planner.cases import Case, Cases, VisitWish
from planner.network import RoadNetwork
from planner.plan import Plan, Route
from planner.route import Settings, route
from planner.route.settings import Split
from planner.scenario import (
    TZ,
    BudgetLine,
    Campaign,
    FairLoads,
    Household,
    LunchBreak,
    Place,
    Road,
    Scenario,
    Team,
    TeamDay,
    Travel,
)

DAY1 = dt.date(2027, 1, 31)
DAY2 = dt.date(2027, 2, 1)
ROADS = {("hq", "a"): 10, ("a", "b"): 10, ("b", "c"): 10, ("hq", "c"): 40, ("hq", "d"): 60}
ROADS[("hq", "far")] = 400
COORDS = {"hq": (0, 0), "a": (10, 0), "b": (10, 10), "c": (0, 20), "d": (-60, 0), "far": (0, -400)}
"""Where the places lie, for splitting by area; the roads, not these, give the minutes."""
GRANT = 500


def hhmm(text: str) -> dt.time:
    return dt.datetime.strptime(text, "%H:%M").time()


def span(text: str) -> tuple[dt.time, dt.time]:
    """The two times of "08:30-17:30"."""
    first, last = text.split("-")
    return hhmm(first), hhmm(last)


class TinyCampaign:
    """A campaign being described; `plan()` routes it.

    Households are funded unless told otherwise. `plan()` stops each search after 200
    solutions, which on these sizes takes a fraction of a second and makes every test
    reproducible; the 10 s time limit is only the safety net.
    """

    def __init__(self) -> None:
        self.roads = dict(ROADS)
        self.teams: list[Team] = []
        self.households: list[Household] = []
        self.cases: list[Case] = []
        self.unfunded: set[str] = set()
        self.travel = Travel()
        self.fair_loads = FairLoads()

    def team(
        self,
        id: str = "t1",
        *,
        tier: str = "县领导",
        depot: str = "hq",
        dates: tuple[dt.date, ...] = (DAY1,),
        hours: str | tuple[str, ...] = "08:30-17:30",
        lunch: str | None = None,
        max_visits: int | None = None,
        max_minutes: int | None = None,
        district: str | None = None,
    ) -> None:
        """A team out on `dates`; `lunch` reads "11:30-13:30/60" (window / minutes).

        `hours` is one span for every date or one per date (a morning-only day, say).
        """
        spans = [
            span(text) for text in ((hours,) * len(dates) if isinstance(hours, str) else hours)
        ]
        brk = None
        if lunch is not None:
            window, minutes = lunch.split("/")
            earliest, latest = span(window)
            brk = LunchBreak(earliest=earliest, latest=latest, minutes=int(minutes))
        days = tuple(
            TeamDay(date=date, start=start, end=end, lunch=brk)
            for date, (start, end) in zip(dates, spans, strict=True)
        )
        self.teams.append(
            Team(
                id=id,
                name=f"{id}组",
                leader=f"{id}领导",
                tier=tier,
                staff=2,
                depot=depot,
                days=days,
                max_visits_per_day=max_visits,
                max_minutes_per_day=max_minutes,
                district=district,
            )
        )

    def home(
        self,
        id: str,
        place: str = "a",
        *,
        visit: VisitWish = "may",
        priority: int = 1,
        tier: str = "",
        date: dt.date | None = None,
        window: str | None = None,
        funded: bool = True,
        district: str = "城关镇",
    ) -> None:
        """A household at `place` with its visit wish; `window` reads "14:00-15:00"."""
        start, end = span(window) if window else (None, None)
        self.households.append(
            Household(
                id=id,
                name=f"户{id}",
                unit="示例厂",
                place=place,
                category="困难职工",
                window_date=date,
                window_start=start,
                window_end=end,
            )
        )
        self.cases.append(
            case(
                self.households[-1],
                district,
                priority=priority,
                standard=GRANT,
                visit=visit,
                tier=tier,
                counted_size=1,
            )
        )
        if not funded:
            self.unfunded.add(id)

    def scenario(self) -> Scenario:
        names = sorted({name for pair in self.roads for name in pair})
        return scenario(
            tuple(self.households),
            campaign=Campaign(name="测试", year=2027, plugins=("union",)),
            total=1_000_000,
            lines=(BudgetLine(id="needy", name="困难职工慰问金", amount=1_000_000),),
            standards={"困难职工": GRANT},
            travel=self.travel,
            fair_loads=self.fair_loads,
            teams=tuple(self.teams),
            places=tuple(
                Place(id=name, name=name, x=x, y=y)
                for name in names
                for x, y in [COORDS.get(name, (0, 0))]
            ),
            roads=tuple(Road(a=a, b=b, minutes=m) for (a, b), m in self.roads.items()),
        )

    def allocation(self) -> Allocation:
        cases = Cases(scenario=self.scenario(), cases=tuple(self.cases))
        grants = tuple(
            Grant(household_id=case.household_id, amount=GRANT, line_id="needy")
            for case in self.cases
            if case.household_id not in self.unfunded
        )
        return Allocation(
            cases=cases,
            grants=grants,
            unfunded=(),
            lines=(),
            total_budget=1_000_000,
            solver_status="OPTIMAL",
        )

    def plan(
        self,
        *,
        time_limit: float = 10.0,
        solution_limit: int | None = 200,
        progress: Callable[[str], None] | None = None,
        split: Split = "auto",
        workers: int | None = 1,
    ) -> Plan:
        """The plan, routed in this process unless told `workers`."""
        settings = Settings(
            time_limit=time_limit, solutions=solution_limit, workers=workers, split=split
        )
        return route(self.allocation(), settings, progress=progress)


def moment(date: dt.date, time: dt.time) -> dt.datetime:
    """`time` on `date`, as an aware Asia/Shanghai datetime."""
    return dt.datetime.combine(date, time, tzinfo=TZ)


def at(text: str, date: dt.date = DAY1) -> dt.datetime:
    """`text` ("14:00") on `date`, as an aware Asia/Shanghai datetime."""
    return moment(date, hhmm(text))


def minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 60)


def assert_feasible(campaign: TinyCampaign, plan: Plan) -> None:
    """Every rule of routing holds in `plan`; the message names the rule that does not."""
    scenario = campaign.scenario()
    teams = {team.id: team for team in scenario.teams}
    homes = {household.id: household for household in scenario.households}
    cases = {case.household_id: case for case in campaign.cases}
    network = RoadNetwork.of(scenario)
    for route_ in plan.routes:
        team = teams[route_.team_id]
        day = next(day for day in team.days if day.date == route_.date)
        assert route_.depot == team.depot, "a route starts and ends at its team's depot"
        assert moment(day.date, day.start) <= route_.start, "left before the day starts"
        assert route_.end <= moment(day.date, day.end), "back after the day ends"
        if team.max_visits_per_day is not None:
            assert len(route_.visits) <= team.max_visits_per_day, "too many visits in a day"
        if team.max_minutes_per_day is not None:
            out = minutes(route_.end - route_.start)
            assert out <= team.max_minutes_per_day, "out longer than the team's working minutes"
        lunch = _lunch_of(route_, day)
        places = [team.depot, *(visit.place for visit in route_.visits), team.depot]
        times = [
            (route_.start, route_.start),
            *((visit.arrival, visit.departure) for visit in route_.visits),
            (route_.end, route_.end),
        ]
        for k in range(len(places) - 1):
            drive = network.minutes(places[k], places[k + 1])
            gap = minutes(times[k + 1][0] - times[k][1])
            if lunch is not None and lunch[0] < times[k + 1][0] and lunch[1] > times[k][1]:
                assert times[k][1] <= lunch[0] and lunch[1] <= times[k + 1][0], "lunch overlaps"
                drive += minutes(lunch[1] - lunch[0])
            assert gap >= drive, f"only {gap} min between stops {k} and {k + 1}, need {drive}"
        road = 0
        for k, visit in enumerate(route_.visits):
            home, case = homes[visit.household_id], cases[visit.household_id]
            assert visit.place == home.place
            assert visit.travel_minutes == network.minutes(places[k], places[k + 1])
            road += visit.travel_minutes
            assert minutes(visit.departure - visit.arrival) == scenario.visits.service_minutes
            assert not case.tier or case.tier == team.tier, "a team of the wrong tier visits"
            assert team.district in (None, case.district), "a team visits outside its district"
            _assert_in_window(home, visit.arrival)
        assert route_.travel_minutes == road + network.minutes(places[-2], team.depot)
    cars = scenario.travel.vehicles_per_day
    for date in {route_.date for route_ in plan.routes}:
        out = sum(route_.date == date for route_ in plan.routes)
        assert cars is None or out <= cars, f"{out} teams out on {date}, only {cars} cars"
    visited = [visit.household_id for visit in plan.visits]
    dropped = [drop.household_id for drop in plan.dropped]
    assert len(set(visited)) == len(visited), "a household is visited twice"
    wished = {
        case.household_id
        for case in campaign.cases
        if case.visit != "no" and case.household_id not in campaign.unfunded
    }
    assert sorted(visited + dropped) == sorted(wished), "each wish is visited or dropped once"
    for drop in plan.dropped:
        assert drop.must == (cases[drop.household_id].visit == "must")
        assert drop.reason


def _lunch_of(route_: Route, day: TeamDay) -> tuple[dt.datetime, dt.datetime] | None:
    """The route's lunch, checked against its window and length and against every visit."""
    if day.lunch is None:
        assert route_.lunch_start is None and route_.lunch_end is None, "lunch on a no-lunch day"
        return None
    start, end = route_.lunch_start, route_.lunch_end
    assert start is not None and end is not None, "the lunch break is reported"
    assert moment(day.date, day.lunch.earliest) <= start, "lunch starts before its window"
    assert end <= moment(day.date, day.lunch.latest), "lunch ends after its window"
    assert minutes(end - start) == day.lunch.minutes, "lunch has its full length"
    for visit in route_.visits:
        assert visit.departure <= start or end <= visit.arrival, "a visit overlaps lunch"
    return start, end


def _assert_in_window(home: Household, arrival: dt.datetime) -> None:
    if home.window_date is not None:
        assert arrival.date() == home.window_date, f"{home.id} visited off its date"
    if home.window_start is not None:
        assert arrival.time() >= home.window_start, f"{home.id} visited before its window"
    if home.window_end is not None:
        assert arrival.time() <= home.window_end, f"{home.id} visited after its window"
