"""Fair loads between teams: per tier, each team's road time and visits, and their spread.

A leader asks "why do I drive all day while the other group sits at home?": the answer is
each team's load next to the others of its tier (teams of different tiers do different work,
so they are compared within a tier only), and, per tier, the spread of road time and of visits
as max/min (the min–max view behind the routing objective, `route.fair`) and as a Gini
(`planner.fairness.gini`: 0 when every team carries the same). A team with no load makes the
max/min infinite, written "—": the plainest sign that a team was left idle.

The summary, the terminal and the report all read `load_figures`/`load_lines`, so the three
show the same figures, and name a team left short of the least work the scenario asks of it
(`min_days`/`min_visits`, which the routing keeps unless the team cannot reach enough).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.fairness import gini
from planner.i18n import Lang, Phrase


@dataclass(frozen=True)
class TeamLoad:
    """One team's work in the plan."""

    team_id: str
    name: str
    tier: str
    days: int
    visits: int
    road_minutes: int
    min_days: int = 0
    """The least days out the scenario asks of the team (`Team.min_days`)."""
    min_visits: int = 0
    """The least visits it asks (`Team.min_visits`)."""

    @property
    def short(self) -> bool:
        """Whether the plan gives the team less work than the scenario asks."""
        return self.days < self.min_days or self.visits < self.min_visits


@dataclass(frozen=True)
class Spread:
    """How unequal one load is across the teams of a tier."""

    most: int
    least: int
    gini: float

    @property
    def ratio(self) -> float | None:
        """Most ÷ least; `None` when some team has none of it (an idle team)."""
        return self.most / self.least if self.least else None


@dataclass(frozen=True)
class TierLoads:
    """The teams of one tier and the spread of their road time and of their visits."""

    tier: str
    teams: tuple[TeamLoad, ...]
    road: Spread
    visits: Spread


def load_figures(teams: Sequence[TeamLoad]) -> tuple[TierLoads, ...]:
    """The loads grouped by tier, tiers in order of their first team."""
    tiers: dict[str, list[TeamLoad]] = {}
    for team in teams:
        tiers.setdefault(team.tier, []).append(team)
    return tuple(
        TierLoads(
            tier=tier,
            teams=tuple(members),
            road=_spread([team.road_minutes for team in members]),
            visits=_spread([team.visits for team in members]),
        )
        for tier, members in tiers.items()
    )


def _spread(values: Sequence[int]) -> Spread:
    return Spread(most=max(values), least=min(values), gini=gini([float(v) for v in values]))


SPREAD = Phrase(
    "{tier}（{teams}个组）：路上时间 {road_least:.1f}–{road_most:.1f} 小时，"
    "最多/最少 {road_ratio}，基尼系数 {road_gini:.3f}；"
    "走访 {visits_least}–{visits_most} 户，最多/最少 {visits_ratio}，基尼系数 {visits_gini:.3f}",
    "{tier} ({teams} teams): road {road_least:.1f}–{road_most:.1f} h, max/min {road_ratio}, "
    "Gini {road_gini:.3f}; visits {visits_least}–{visits_most}, max/min {visits_ratio}, "
    "Gini {visits_gini:.3f}",
)


SHORT = Phrase(
    "{team}：要求至少出行 {min_days} 天、走访 {min_visits} 户，"
    "计划为出行 {days} 天、走访 {visits} 户（能去的日子或能走访的家庭不够）",
    "{team}: asked to be out at least {min_days} days and make {min_visits} visits, the plan has "
    "{days} days and {visits} visits (too few days or households it may take)",
)


def load_lines(tiers: Sequence[TierLoads], lang: Lang) -> list[str]:
    """One sentence per tier of more than one team, the spread of road time and of visits; then
    one per team left short of its least work."""
    return _spread_lines(tiers, lang) + [
        SHORT.say(
            lang,
            team=team.name,
            min_days=team.min_days,
            min_visits=team.min_visits,
            days=team.days,
            visits=team.visits,
        )
        for tier in tiers
        for team in tier.teams
        if team.short
    ]


def _spread_lines(tiers: Sequence[TierLoads], lang: Lang) -> list[str]:
    return [
        SPREAD.say(
            lang,
            tier=tier.tier,
            teams=len(tier.teams),
            road_least=tier.road.least / 60,
            road_most=tier.road.most / 60,
            road_ratio=_ratio(tier.road),
            road_gini=tier.road.gini,
            visits_least=tier.visits.least,
            visits_most=tier.visits.most,
            visits_ratio=_ratio(tier.visits),
            visits_gini=tier.visits.gini,
        )
        for tier in tiers
        if len(tier.teams) > 1
    ]


def _ratio(spread: Spread) -> str:
    ratio = spread.ratio
    return "—" if ratio is None else f"{ratio:.2f}"
