"""The solver's answer as plain values: tours of used vehicles, calls left out, and how it ended.

Indices are those of the `RoutingData` routed (`data.py`); `convert` turns a solution into the
`Plan`. Nothing here knows OR-Tools or the words of a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """How the search ended; the code is what plan.json keeps (`explain` words it for people).

    Ordered from the least to the most telling: a plan put together from several searches has
    the status of its most telling one (`worst`).
    """

    NO_VISITS = "no_visits"
    """Nothing to route: no funded household wants a visit a team could make."""
    SETTLED = "settled"
    """The search did its work, and no call it left out fits by moving one visit at a time."""
    WORK_LIMIT = "work_limit"
    """The search stopped after its work (solutions) with calls left out that further search
    might still place; the plan is still the same on every machine."""
    TIME_LIMIT = "time_limit"
    """The time limit, the safety net, stopped a search before its work was done: the plan
    depends on the machine's speed and load, and another run may differ."""

    @property
    def settled(self) -> bool:
        """Whether the calls left out are left out for want of room, not of search."""
        return self in (Status.NO_VISITS, Status.SETTLED)


def worst(statuses: Iterable[Status]) -> Status:
    """The status of a plan put together from searches that ended so (parts of a campaign)."""
    order = list(Status)
    return max(statuses, key=order.index, default=Status.NO_VISITS)


@dataclass(frozen=True)
class Stop:
    """A call made: the index into `RoutingData.calls` and the arrival minute."""

    call: int
    arrival: int


@dataclass(frozen=True)
class Tour:
    """What one used vehicle does, in minutes of its day: its stops and its lunch break."""

    vehicle: int
    stops: tuple[Stop, ...]
    lunch: tuple[int, int] | None
    """Start and end of the lunch break, as placed by OR-Tools."""


@dataclass(frozen=True)
class Solution:
    """The solver's answer as plain values: tours of used vehicles and the calls left out.

    `objective` is what OR-Tools minimised, as OR-Tools computed it (for a plan put together
    from parts, the sum of the parts' own, see `decompose`).
    """

    tours: tuple[Tour, ...]
    dropped: tuple[int, ...]
    objective: int
    status: Status

    @property
    def settled(self) -> bool:
        """False when the search stopped before a local optimum: drops may be fixable."""
        return self.status.settled


NOTHING = Solution(tours=(), dropped=(), objective=0, status=Status.NO_VISITS)
"""The answer when there is nothing to route."""
