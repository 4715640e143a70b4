"""The data of a campaign as the office describes it: the first box of the pipeline.

A `Scenario` is what `planner.load` builds from a scenario folder and what every later stage
reads. All types are frozen pydantic models so that a stage cannot quietly change what another
stage sees, and so that they validate on construction with short, precise messages.

Money is integer yuan, times are local wall-clock times in Asia/Shanghai, ids are strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, TypeVar
from zoneinfo import ZoneInfo

from frozendict import deepfreeze, frozendict
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, model_validator

from planner.travel.settings import CoordinateSystem, MinutesSource, TravelMatrix

TZ = ZoneInfo("Asia/Shanghai")
"""Every date and time of a campaign is local to China."""


class Frozen(BaseModel):
    """Base for all pipeline data: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


K = TypeVar("K")
V = TypeVar("V")


def _freeze(value: Mapping[K, V]) -> Mapping[K, V]:
    """A read-only copy, all the way down (mappings become frozendicts, lists tuples)."""
    return deepfreeze(value)  # type: ignore[no-any-return]


def _thaw(value: object) -> object:
    """Plain dicts again, for `model_dump` and JSON."""
    if isinstance(value, Mapping):
        return {key: _thaw(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [_thaw(item) for item in value]
    return value


FrozenMap = Annotated[Mapping[K, V], AfterValidator(_freeze), PlainSerializer(_thaw)]
"""A mapping field that cannot be changed after validation, nor anything inside it: frozen
models alone would still let a plugin write `scenario.budget.standards["劳模"] = 0`."""


class Notice(Frozen):
    """The public notice (公示) of the grant list: when it starts and how many days it runs.

    Left out, `start` is `days` days before the campaign's first working day, so the notice
    period ends the day before the first visit and the same scenario always gives the same dates.
    """

    start: dt.date | None = None
    days: int = Field(default=7, gt=0)


class Campaign(Frozen):
    """Who runs the campaign, for which year, and which organisation rules apply."""

    name: str
    year: int = Field(ge=2000, le=2100)
    organisation: str = ""
    plugins: tuple[str, ...] = Field(min_length=1)
    seed: int = Field(default=0, ge=0, le=2**31 - 1)
    contact: str = ""
    notice: Notice = Notice()


class BudgetLine(Frozen):
    """An earmarked fund (e.g. 劳模慰问金 90,000 yuan) that certain categories draw from.

    A line with no categories is the general line: it pays every category that no other line
    names. Each grant is paid from exactly one line, and a line is never exceeded.
    """

    id: str
    name: str
    amount: int = Field(ge=0)
    categories: tuple[str, ...] = ()


class Budget(Frozen):
    """The total, its lines, and the standard amount per category (yuan per household)."""

    total: int = Field(ge=0)
    lines: tuple[BudgetLine, ...] = Field(min_length=1)
    standards: FrozenMap[str, int]

    @model_validator(mode="after")
    def _one_general_line_at_most(self) -> Budget:
        general = [line.id for line in self.lines if not line.categories]
        if len(general) > 1:
            raise ValueError(f"只能有一个经费项不写 categories，现在有：{'、'.join(general)}")
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError(f"经费项编号不能重复，现在是：{'、'.join(ids)}")
        return self

    def line_for(self, category: str) -> BudgetLine | None:
        """The line that pays `category`: the one naming it, else the general line."""
        for line in self.lines:
            if category in line.categories:
                return line
        for line in self.lines:
            if not line.categories:
                return line
        return None


class LunchBreak(Frozen):
    """A lunch break of `minutes` that starts no earlier than `earliest` and ends by `latest`."""

    earliest: dt.time
    latest: dt.time
    minutes: int = Field(gt=0)


class TeamDay(Frozen):
    """One day on which a team is out: its working hours and its lunch break."""

    date: dt.date
    start: dt.time
    end: dt.time
    lunch: LunchBreak | None = None


class Team(Frozen):
    """A leader-led visiting team (带队领导 + staff) based at a depot place."""

    id: str
    name: str
    leader: str
    tier: str
    staff: int = Field(ge=0)
    depot: str
    days: tuple[TeamDay, ...]
    max_visits_per_day: int | None = Field(default=None, gt=0)
    max_minutes_per_day: int | None = Field(default=None, gt=0)
    """Most minutes a team-day is out, from leaving the depot to coming back (lunch included)."""
    district: str | None = None
    """When set, the team visits only households of this district (their place's 所属乡镇)."""
    min_days: int = Field(default=0, ge=0)
    """The team is out on at least this many of its days (`route.fair`: each day short costs
    more than any may-visit; `fair_loads:` gives it for every team)."""
    min_visits: int = Field(default=0, ge=0)
    """The team makes at least this many visits over its days (as `min_days`)."""

    @property
    def headcount(self) -> int:
        """The people who travel: the leader and the staff."""
        return 1 + self.staff


ROAD_WEIGHT = 2
"""A road minute a team drives over its tier's fair share costs that many more minutes."""
VISITS_WEIGHT = 30
"""A visit a team makes over its tier's fair share costs as much as that many minutes."""


class FairLoads(Frozen):
    """`fair_loads:`: the least work every team does, and how much levelling loads weighs.

    A team's own `min_days`/`min_visits` under `teams:` wins over these, so an office can ask
    every leader out once and let one who is away that week off. The weights trade a fairer
    tier for more driving (`route.fair`); 0 and 0 leave loads to the driving alone.
    """

    min_days: int = Field(default=0, ge=0)
    """Every team is out on at least this many of its days."""
    min_visits: int = Field(default=0, ge=0)
    """Every team makes at least this many visits over its days."""
    road_weight: int = Field(default=ROAD_WEIGHT, ge=0, le=100)
    visits_weight: int = Field(default=VISITS_WEIGHT, ge=0, le=1000)


class Place(Frozen):
    """A node of the road network: a town, village, enterprise or office."""

    id: str
    name: str
    district: str = ""
    kind: str = ""
    x: float
    y: float


class Road(Frozen):
    """An undirected road between two places, with its driving time in minutes."""

    a: str
    b: str
    minutes: int = Field(ge=0)


class Household(Frozen):
    """One archived household (困难职工档案) as read from the households table.

    `id_number`, `bank_card` and `monthly_income` are personal data: only the disbursement sheet
    may show bank cards, and nothing that leaves the office shows any of them. `row` is the
    spreadsheet row the household came from, for messages that point back to the file.
    """

    id: str
    name: str
    unit: str
    place: str = ""
    """Its place id; load fills it from the household's coordinates or address when empty."""
    category: str
    row: int = 0
    id_number: str = ""
    bank_card: str = ""
    phone: str = ""
    address: str = ""
    household_size: int | None = Field(default=None, gt=0)
    marital_status: str = ""
    children: int | None = Field(default=None, ge=0)
    monthly_income: int | None = Field(default=None, ge=0)
    children_in_school: bool = False
    disabled: bool = False
    single_parent: bool = False
    serious_illness: bool = False
    accident: bool = False
    medical_cost: int = Field(default=0, ge=0)
    archived: bool = True
    last_visited_year: int | None = None
    difficulty: str = ""
    tier: str = ""
    visit: str = ""
    window_date: dt.date | None = None
    window_start: dt.time | None = None
    window_end: dt.time | None = None
    x: float | None = None
    """经度 of the household's own home, when the table gives it (in `travel.coordinates`)."""
    y: float | None = None
    extra: FrozenMap[str, str] = Field(default_factory=frozendict)


class HistoryEntry(Frozen):
    """A visit of an earlier campaign (history.csv), for rules that avoid repeats."""

    household_id: str
    year: int
    place: str = ""


class VisitSettings(Frozen):
    """How long a visit takes and how often a must-visit may be missed before it is an error."""

    service_minutes: int = Field(default=30, gt=0)
    bring: tuple[str, ...] = ("慰问金", "签领表", "慰问品", "签字笔")
    """What a team takes to each household; shown in every visit's calendar entry."""


class Travel(Frozen):
    """轻车简从: how many people a team takes along and how many cars go out on a day.

    `max_team_size` caps each team's headcount (leader plus staff); `vehicles_per_day` is the
    office's pool of cars, shared by all teams, one car per team out: on no date are more teams
    out than there are cars. Left out, either is no cap.
    """

    max_team_size: int | None = Field(default=None, gt=0)
    vehicles_per_day: int | None = Field(default=None, gt=0)
    minutes: MinutesSource = MinutesSource()
    """Where driving minutes come from: roads.csv, an OSM extract, an estimate or a plugin."""
    coordinates: CoordinateSystem = "WGS-84"
    """The system of every 经度/纬度 in the tables; load converts them to WGS-84."""


class Scenario(Frozen):
    """Everything known about one campaign, validated and cross-checked by `planner.load`."""

    folder: Path
    campaign: Campaign
    budget: Budget
    visits: VisitSettings = VisitSettings()
    travel: Travel = Travel()
    fair_loads: FairLoads = FairLoads()
    teams: tuple[Team, ...] = Field(min_length=1)
    places: tuple[Place, ...]
    roads: tuple[Road, ...]
    households: tuple[Household, ...]
    history: tuple[HistoryEntry, ...] = ()
    households_file: str = "households.csv"
    places_file: str = "places.csv"
    household_columns: tuple[str, ...] = ()
    """The fields the households table has as columns; empty when the scenario came from code."""
    travel_minutes: TravelMatrix | None = None
    """The driving minutes among the campaign's places, once `planner.travel` has found them."""
    rules: FrozenMap[str, Mapping[str, Any]] = Field(default_factory=frozendict)
    """Options for each organisation plugin, keyed by plugin name (scenario.yaml `rules:`)."""

    @model_validator(mode="after")
    def _teams_travel_light(self) -> Scenario:
        cap = self.travel.max_team_size
        large = [team.id for team in self.teams if cap is not None and team.headcount > cap]
        if large:
            raise ValueError(f"工作组 {'、'.join(large)} 的人数超过 max_team_size={cap}")
        return self

    def place(self, place_id: str) -> Place:
        """The place with this id (load has checked that every reference exists)."""
        for place in self.places:
            if place.id == place_id:
                return place
        raise KeyError(place_id)

    def settings_for(self, plugin: str) -> Mapping[str, Any]:
        """The `rules:` options of one plugin, empty when the scenario gives none."""
        return self.rules.get(plugin, {})
