"""The leftover pass: calls the parts dropped get a second chance on other parts' team-days.

Each part saw only its own team-days, so a call its part dropped may still fit a team-day of
another part (a roaming county team, a neighbouring sector's team) or an idle one; a dropped
must-visit may also displace a may-visit on a team-day of its own part, which its part's
search, short of time, did not find. The pass is one more small routing problem: the dropped
calls, must-visits first and then by penalty, each with its `NEAR` nearest such team-days, plus
the calls those team-days already make: the pass searches them afresh (a start would stay
locked, see `decompose._improved`), may trade a may-visit for a must-visit, and is kept only
when it costs no more than those team-days' routes did (`decompose.with_part`).
Its size is capped at `MAX_CALLS`, so that on a campaign short of time everywhere the pass does
not grow into the whole campaign again.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.route.data import RoutingData
from planner.route.part import Part
from planner.route.solution import Solution

NEAR = 3
MAX_CALLS = 600


def leftover_pass(
    data: RoutingData, parts: Sequence[Part], solution: Solution
) -> Part | None:
    """The pass as a part; None if nothing to try."""
    part_of = {v: i for i, part in enumerate(parts) for v in part.vehicles}
    home_part = {k: i for i, part in enumerate(parts) for k in part.calls}
    tours = {tour.vehicle: tour for tour in solution.tours}
    chosen: dict[int, None] = {}
    second: list[int] = []
    size = 0
    for k in sorted(solution.dropped, key=lambda k: (-data.calls[k].penalty, k)):
        call = data.calls[k]
        movable = [v for v in call.vehicles if part_of.get(v) != home_part[k] or v not in tours]
        others = list(call.vehicles) if call.must else movable
        near = sorted(others, key=lambda v: (data.travel[data.vehicles[v].depot][call.place], v))
        new = [v for v in near[:NEAR] if v not in chosen]
        grows = 1 + sum(len(tours[v].stops) for v in new if v in tours)
        if not near or size + grows > MAX_CALLS:
            continue
        chosen.update(dict.fromkeys(new))
        second.append(k)
        size += grows
    if not second:
        return None
    made = [stop.call for v in chosen if v in tours for stop in tours[v].stops]
    return Part("余量", tuple(sorted(chosen)), tuple(sorted([*second, *made])))
