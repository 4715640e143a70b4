"""Synthetic multi-district campaigns for `scale.py`, built directly as an `Allocation`.

A county seat with the county-leader teams, and districts around it, each a town with its own
teams and villages within half an hour's drive; households live in villages (several to a
village, as in the archives). Roads join each village to its nearest neighbours and each town to
the next, so driving minutes come from the routing stage's own road network, as in a real run.

`rules=True` gives everything the routing stage models: lunch breaks, leader tiers (county
leaders roam, district teams keep to their district), a morning-only day for each county leader,
dated and timed household windows, a daily visit cap and working-minute cap, and a car pool
below the number of teams. `rules=False` leaves out what PyVRP cannot express (breaks, tiers,
districts, the pool, windows without a date), so that both solvers route the same campaign.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from planner.allocation import Allocation, Grant
from planner.cases import Case, Cases
from planner.reasons import Reason
from planner.scenario import (
    Budget,
    BudgetLine,
    Campaign,
    Household,
    LunchBreak,
    Place,
    Road,
    Scenario,
    Team,
    TeamDay,
    Travel,
    VisitSettings,
)

FIRST_DAY = dt.date(2027, 1, 25)
DAYS = 5
GRANT = 500
COUNTY_TIER = "县领导"
TOWN_TIER = "乡镇领导"
HOUSEHOLDS_PER_VILLAGE = 4
TOWN_SPACING = 55
"""Minutes of straight-line distance between neighbouring towns."""
VILLAGE_RADIUS = 25
SERVICE_MINUTES = 20
"""A short visit, so that 5,000 visits fit 100 teams over 5 days (ten a team-day)."""


@dataclass(frozen=True)
class Size:
    """How big a campaign is: households to visit, teams, and the seed of its randomness."""

    visits: int
    teams: int
    seed: int = 0

    @property
    def districts(self) -> int:
        """About ten teams a district, at least two districts."""
        return max(2, self.teams // 10)


def campaign(size: Size, *, rules: bool = True) -> Allocation:
    """The funded, visit-wanting households of a synthetic campaign, ready for `route`."""
    rng = random.Random(size.seed)
    towns = _towns(size.districts)
    places, roads = _geography(rng, towns, size.visits)
    teams = _teams(rng, size, towns, rules=rules)
    households = _households(rng, size, places, rules=rules)
    scenario = Scenario(
        folder=Path("."),
        campaign=Campaign(name="规模测试", year=2027, plugins=("union",)),
        budget=Budget(
            total=GRANT * size.visits,
            lines=(BudgetLine(id="needy", name="困难职工慰问金", amount=GRANT * size.visits),),
            standards={"困难职工": GRANT},
        ),
        visits=VisitSettings(service_minutes=SERVICE_MINUTES),
        travel=Travel(vehicles_per_day=math.ceil(0.9 * size.teams)) if rules else Travel(),
        teams=teams,
        places=places,
        roads=roads,
        households=tuple(household for household, _ in households),
    )
    cases = tuple(case for _, case in households)
    return Allocation(
        cases=Cases(scenario=scenario, cases=cases),
        grants=tuple(
            Grant(household_id=c.household_id, amount=GRANT, line_id="needy") for c in cases
        ),
        unfunded=(),
        lines=(),
        total_budget=GRANT * size.visits,
        solver_status="OPTIMAL",
    )


def _towns(count: int) -> list[tuple[float, float]]:
    """District towns on rings around the county seat at (0, 0), six to the first ring."""
    towns: list[tuple[float, float]] = []
    ring = 1
    while len(towns) < count:
        on_ring = min(6 * ring, count - len(towns))
        for k in range(on_ring):
            angle = 2 * math.pi * k / on_ring + ring
            towns.append(
                (ring * TOWN_SPACING * math.cos(angle), ring * TOWN_SPACING * math.sin(angle))
            )
        ring += 1
    return towns


def _geography(
    rng: random.Random, towns: list[tuple[float, float]], visits: int
) -> tuple[tuple[Place, ...], tuple[Road, ...]]:
    """The seat, the towns and their villages, and a connected road graph between them."""
    places = [Place(id="seat", name="县城", district="城关镇", kind="县城", x=0, y=0)]
    villages_each = max(2, math.ceil(visits / HOUSEHOLDS_PER_VILLAGE / len(towns)))
    for d, (x, y) in enumerate(towns):
        district = _district(d)
        places.append(Place(id=f"town{d}", name=district, district=district, kind="乡镇", x=x, y=y))
        for v in range(villages_each):
            r, a = VILLAGE_RADIUS * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
            places.append(
                Place(
                    id=f"v{d}-{v}",
                    name=f"{district}{v}村",
                    district=district,
                    kind="村",
                    x=x + r * math.cos(a),
                    y=y + r * math.sin(a),
                )
            )
    return tuple(places), _roads(places)


def _roads(places: list[Place]) -> tuple[Road, ...]:
    """Each village to its town and its three nearest neighbours; each town to the seat and to
    its two nearest towns. Road minutes are 1.3 × the straight line (roads wind), at least one.
    """
    graph = nx.Graph()
    towns = {place.district: place for place in places if place.kind == "乡镇"}
    villages: dict[str, list[Place]] = {}
    for place in places:
        if place.kind == "村":
            villages.setdefault(place.district, []).append(place)
    for district, members in villages.items():
        for place in members:
            graph.add_edge(place.id, towns[district].id, minutes=_minutes(place, towns[district]))
            for other in sorted(members, key=lambda o: _far(place, o))[1:4]:
                graph.add_edge(place.id, other.id, minutes=_minutes(place, other))
    for town in towns.values():
        graph.add_edge("seat", town.id, minutes=_minutes(places[0], town))
        for other in sorted(towns.values(), key=lambda o: _far(town, o))[1:3]:
            graph.add_edge(town.id, other.id, minutes=_minutes(town, other))
    return tuple(Road(a=a, b=b, minutes=m) for a, b, m in graph.edges(data="minutes"))


def _far(a: Place, b: Place) -> float:
    return math.hypot(a.x - b.x, a.y - b.y)


def _minutes(a: Place, b: Place) -> int:
    return max(1, round(1.3 * _far(a, b)))


def _district(d: int) -> str:
    return f"第{d + 1}镇"


def _teams(
    rng: random.Random, size: Size, towns: list[tuple[float, float]], *, rules: bool
) -> tuple[Team, ...]:
    """A tenth of the teams are county leaders at the seat; the rest are spread over the towns."""
    county = max(1, size.teams // 10)
    dates = [FIRST_DAY + dt.timedelta(days=k) for k in range(DAYS)]
    lunch = (
        LunchBreak(earliest=dt.time(11, 30), latest=dt.time(13, 30), minutes=60) if rules else None
    )
    teams = []
    for t in range(size.teams):
        is_county = t < county
        district = None if is_county or not rules else _district((t - county) % len(towns))
        days = []
        half = rng.randrange(DAYS) if is_county and rules else None
        for k, date in enumerate(dates):
            end = dt.time(12, 0) if k == half else dt.time(17, 30)
            days.append(
                TeamDay(
                    date=date, start=dt.time(8, 30), end=end, lunch=None if k == half else lunch
                )
            )
        teams.append(
            Team(
                id=f"team{t}",
                name=f"第{t + 1}组",
                leader=f"领导{t + 1}",
                tier=COUNTY_TIER if is_county and rules else TOWN_TIER,
                staff=2,
                depot="seat" if is_county else f"town{(t - county) % len(towns)}",
                days=tuple(days),
                max_visits_per_day=12 if rules else None,
                max_minutes_per_day=510 if rules and not is_county else None,
                district=district,
            )
        )
    return tuple(teams)


def _households(
    rng: random.Random, size: Size, places: tuple[Place, ...], *, rules: bool
) -> list[tuple[Household, Case]]:
    """Households in villages: 15% must-visits, some for county leaders, some with windows."""
    villages = [place for place in places if place.kind == "村"]
    made = []
    for h in range(size.visits):
        village = rng.choice(villages)
        must = rng.random() < 0.15
        tier = COUNTY_TIER if rules and must and rng.random() < 0.1 else ""
        date, start = None, None
        roll = rng.random() if not tier else 1.0
        if roll < 0.08:
            date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
            start = dt.time(rng.randrange(9, 15), 0)
        elif roll < 0.13 and rules:
            start = dt.time(rng.randrange(9, 15), 0)
        end = None if start is None else dt.time(start.hour + 2, 0)
        household = Household(
            id=f"h{h}",
            name=f"户{h}",
            unit="示例厂",
            place=village.id,
            category="困难职工",
            window_date=date,
            window_start=start,
            window_end=end,
        )
        case = Case(
            household_id=household.id,
            category="困难职工",
            district=village.district,
            unit="示例厂",
            eligible=True,
            reasons=(Reason.of("category.困难职工"),),
            priority=rng.randrange(4),
            standard=GRANT,
            visit="must" if must else "may",
            tier=tier,
            counted_size=1,
        )
        made.append((household, case))
    return made
