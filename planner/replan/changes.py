"""What re-planning changed for households and teams: visits moved, added and cancelled.

Office staff must phone every household whose visit moved or was cancelled, and tell leaders of
new visits, so the list is printed and written as changes.csv (UTF-8 with BOM, for Excel).
A visit counts as moved when its team, day or arrival time changed; one that was missed on an
earlier day (not in done.csv) and now has a later one counts as moved too, and says so. Each
change keeps why as reasons (`planner.reasons`), worded in Chinese for changes.csv and in the
terminal's language by `replan`.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from planner.export import Writer
from planner.export.csv_copy import ENCODING
from planner.plan import Plan, Route, Visit
from planner.reasons import Lang, Reason, ReasonBook, template
from planner.replan.previous import Previous
from planner.replan.unavailable import TeamDay
from planner.safe_text import sheet_text
from planner.scenario import Team

FILENAME = "changes.csv"
Kind = Literal["moved", "added", "cancelled"]
KIND_ZH: dict[Kind, str] = {"moved": "调整", "added": "新增", "cancelled": "取消"}
TEAM_OFF = template(
    "replan.team_off", zh="{team} {date} 不能出行", en="{team} cannot go out on {date}"
)
MISSED = template("replan.missed", zh="{date} 未走访", en="not visited on {date}")
NO_LONGER = template("replan.no_longer", zh="不再安排走访", en="no longer visited")


@dataclass(frozen=True)
class Slot:
    """Where a visit stands in a plan: team, day and arrival; shown with the team's name and
    leader, as the office and the household know the team."""

    team_id: str
    date: dt.date
    arrival: dt.datetime
    team: str = ""
    leader: str = ""

    def __str__(self) -> str:
        return f"{self.who} {self.date} {self.arrival:%H:%M}"

    @property
    def who(self) -> str:
        """The team's name and its leader, `县领导第一组（王书记）`; the id if the team is gone."""
        if not self.team:
            return self.team_id
        return f"{self.team}（{self.leader}）" if self.leader else self.team

    def same_visit(self, other: Slot | None) -> bool:
        """Whether `other` is the same team, day and arrival (names aside)."""
        if other is None:
            return False
        return (self.team_id, self.date, self.arrival) == (other.team_id, other.date, other.arrival)


@dataclass(frozen=True)
class Change:
    """One household's visit: where it was (`before`), where it is (`after`), and why."""

    kind: Kind
    household_id: str
    name: str
    before: Slot | None
    after: Slot | None
    reasons: tuple[Reason, ...] = ()

    def why(self, book: ReasonBook, lang: Lang = "zh") -> str:
        """The reasons in `lang`, one after the other; empty when there are none."""
        return ("；" if lang == "zh" else "; ").join(book.render(r, lang) for r in self.reasons)


def changes(
    previous: Previous, plan: Plan, unavailable: Set[TeamDay], missed: Set[str]
) -> tuple[Change, ...]:
    """Every visit that moved, was added or was cancelled, in the order of the households table.

    A cancelled visit says why (the routing's or the allocation's reason); a visit moved or
    cancelled because its team-day became unavailable, or because it was `missed` on its day,
    says that first.
    """
    teams = {team.id: team for team in plan.allocation.cases.scenario.teams}
    before = {h: _slot(route, visit, teams) for h, (route, visit) in previous.slots().items()}
    after = {v.household_id: _slot(route, v, teams) for route in plan.routes for v in route.visits}
    reasons = {u.household_id: u.reason for u in plan.allocation.unfunded}
    reasons.update({d.household_id: d.reason for d in plan.dropped})
    names = {h.id: h.name for h in plan.allocation.cases.scenario.households}
    order = {h: i for i, h in enumerate(names)}
    found = []
    for household in sorted(before.keys() | after.keys(), key=lambda h: (order.get(h, -1), h)):
        old, new = before.get(household), after.get(household)
        if old is not None and old.same_visit(new):
            continue
        why = _why_moved(old, household in missed, unavailable)
        if new is None:
            why = (*why, reasons.get(household, Reason.of(NO_LONGER)))
        kind: Kind = "added" if old is None else "cancelled" if new is None else "moved"
        found.append(Change(kind, household, names.get(household, household), old, new, why))
    return tuple(found)


def _why_moved(old: Slot | None, missed: bool, unavailable: Set[TeamDay]) -> tuple[Reason, ...]:
    """Why a planned visit had to move: it was missed on its day, or its team-day is off."""
    if old is None:
        return ()
    if missed:
        return (Reason.of(MISSED, date=old.date.isoformat()),)
    if (old.team_id, old.date) in unavailable:
        return (Reason.of(TEAM_OFF, team=old.who, date=old.date.isoformat()),)
    return ()


def _slot(route: Route, visit: Visit, teams: Mapping[str, Team]) -> Slot:
    team = teams.get(route.team_id)
    return Slot(
        team_id=route.team_id,
        date=route.date,
        arrival=visit.arrival,
        team=team.name if team else "",
        leader=team.leader if team else "",
    )


def changes_writer(found: tuple[Change, ...]) -> Writer:
    """A writer of changes.csv, for export to run with the plan's own writers."""

    def write(plan: Plan, folder: Path) -> None:
        book = plan.allocation.cases.reason_book()
        with (folder / FILENAME).open("w", encoding=ENCODING, newline="") as file:
            writer = csv.writer(file, lineterminator="\r\n")
            writer.writerow(["变动", "编号", "姓名", "原安排", "新安排", "原因"])
            for change in found:
                cells = [
                    KIND_ZH[change.kind],
                    change.household_id,
                    change.name,
                    change.before or "",
                    change.after or "",
                    change.why(book),
                ]
                writer.writerow([sheet_text(str(cell)) for cell in cells])

    return write
