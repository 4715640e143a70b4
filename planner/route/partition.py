"""How a large campaign is cut into parts that separate processes route on their own.

OR-Tools' first plan grows much faster than the campaign: with lunch breaks, cheapest insertion
took about 1 s for 250 visits over 50 team-days, 6–25 s for 500 over 100, and found nothing
within 60 s for 1,000 over 200; and within a time limit its search does better on several small
problems than on one large one (bench/scale.py; this machine, two cores, other work beside):

- 500 visits, 20 teams, lunches, 60 s: whole, first plan after 7.6 s, cost 5,061; in parts by
  district, first plan after 1.8 s, cost 3,578;
- 2,000 visits, 40 teams without districts or lunches, 25 s: parts of at most 1,000 calls cost
  17,138, of 500 10,044, of 300 12,658 (of 150, worse again: 59,909 against 32,161 with rules).

So a campaign of more than `SPLIT_ABOVE` calls is cut into parts of at most about `PART_CALLS`:

- by district first: teams that keep to a district (`Team.district`) form a part with their
  district's calls; the teams without a district form one more part with the calls that only
  they can make (a tier only they have). Nothing is lost by the cut: a district call can go to
  no other district's team, and a roaming team's share of district calls is offered to it by
  the leftover pass (`leftover`).
- then by area, for a group still too large (or when no team has a district): its teams are
  ordered by the bearing of their depot from the centre of the group's calls, its calls by
  their own bearing, and each sector gets a run of whole teams and a run of calls in
  proportion to those teams' working minutes (a "sweep"). A team keeps all its days in one
  part, so a household can still go on whichever day suits.

Splitting by day was the other candidate: every undated household would first have to be
given a day, and each day's teams would then cross the whole county for a fifth of the calls
each; an area split keeps both a team's days and its neighbourhood together.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from planner.route.data import RoutingData
from planner.route.part import Part
from planner.route.settings import Split

SPLIT_ABOVE = 450
"""Calls up to which "auto" routes a campaign whole (both cores then search it together)."""
PART_CALLS = 450
"""The most calls an area part gets, about: a larger group is cut into ⌈calls / PART_CALLS⌉."""
ROAMING = "无辖区小组"
"""The name of the part of the teams that keep to no district."""


def partition(data: RoutingData, split: Split = "auto") -> tuple[Part, ...]:
    """The parts to route `data` in; one part (the whole) when it is not to be cut."""
    whole = Part("全部", tuple(range(len(data.vehicles))), tuple(range(len(data.calls))))
    if split == "none" or (split == "auto" and len(data.calls) <= SPLIT_ABOVE):
        return (whole,)
    groups = [whole] if split == "area" else _districts(data)
    return tuple(sector for group in groups for sector in _sweep(data, group))


def _districts(data: RoutingData) -> list[Part]:
    """One part per district with teams, one for the roaming teams; none without calls."""
    names: dict[str | None, list[int]] = {}
    for v, vehicle in enumerate(data.vehicles):
        names.setdefault(vehicle.district, []).append(v)
    calls: dict[str | None, list[int]] = {name: [] for name in names}
    for k, call in enumerate(data.calls):
        bound = [data.vehicles[v].district for v in call.vehicles]
        calls[next((name for name in bound if name is not None), None)].append(k)
    return [
        Part(name or ROAMING, tuple(vehicles), tuple(calls[name]))
        for name, vehicles in names.items()
        if calls[name]
    ]


def _sweep(data: RoutingData, group: Part) -> list[Part]:
    """The group cut into sectors around the centre of its calls (itself when small enough)."""
    teams: dict[str, list[int]] = {}
    for v in group.vehicles:
        teams.setdefault(data.vehicles[v].team_id, []).append(v)
    count = min(math.ceil(len(group.calls) / PART_CALLS), len(teams))
    if count <= 1 or not data.coords:
        return [group]
    places = [data.calls[k].place for k in group.calls]
    centre = (
        sum(data.coords[p][0] for p in places) / len(places),
        sum(data.coords[p][1] for p in places) / len(places),
    )

    def bearing(place: int) -> float:
        x, y = data.coords[place]
        return math.atan2(y - centre[1], x - centre[0])

    crews = sorted(teams.values(), key=lambda vs: (bearing(data.vehicles[vs[0]].depot), vs[0]))
    minutes = [sum(data.vehicles[v].end - data.vehicles[v].start for v in vs) for vs in crews]
    runs = _runs(minutes, count)
    calls = sorted(group.calls, key=lambda k: (bearing(data.calls[k].place), k))
    shares = _deal(len(calls), [sum(minutes[i] for i in run) for run in runs])
    sectors = [
        (sorted(v for i in run for v in crews[i]), [calls[j] for j in share])
        for run, share in zip(runs, shares, strict=True)
    ]
    _reachable_sectors(data, sectors)
    return [
        Part(f"{group.name}{n + 1}片", tuple(vehicles), tuple(sorted(members)))
        for n, (vehicles, members) in enumerate(sectors)
        if members
    ]


def _runs(weights: Sequence[int], count: int) -> list[range]:
    """`weights` cut into `count` consecutive, non-empty runs of about equal total weight."""
    runs: list[range] = []
    total, start, running = sum(weights), 0, 0
    for i, weight in enumerate(weights):
        running += weight
        left = count - len(runs) - 1
        if left and (running >= total * (len(runs) + 1) / count or len(weights) - i - 1 == left):
            runs.append(range(start, i + 1))
            start = i + 1
    runs.append(range(start, len(weights)))
    return runs


def _deal(items: int, shares: Sequence[int]) -> list[range]:
    """`items` consecutive items dealt out in proportion to `shares`."""
    total, edges, running = sum(shares), [0], 0
    for share in shares:
        running += share
        edges.append(round(items * running / total))
    return [range(a, b) for a, b in pairwise(edges)]


def _reachable_sectors(data: RoutingData, sectors: list[tuple[list[int], list[int]]]) -> None:
    """Move each call whose sector has none of its team-days to the sector with most of them."""
    where = {v: s for s, (vehicles, _) in enumerate(sectors) for v in vehicles}
    for s, (_, members) in enumerate(sectors):
        for k in list(members):
            able = [where[v] for v in data.calls[k].vehicles if v in where]
            if s not in able:
                members.remove(k)
                best = max(set(able), key=lambda t: (able.count(t), -t))
                sectors[best][1].append(k)
