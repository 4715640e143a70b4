"""A lunch break the search left as a range of starts is placed where a leg has room for it."""

from __future__ import annotations

from dataclasses import dataclass

from route.tiny import TinyCampaign

from planner.route.lunch import break_start
from planner.route.model import build
from planner.route.solution import Stop


@dataclass
class RangeOnly:
    """An assignment whose lunch start is the range [first, last], as OR-Tools can leave it."""

    first: int
    last: int

    def StartMin(self, interval: object) -> int:  # OR-Tools' names
        return self.first

    def StartMax(self, interval: object) -> int:
        return self.last


def test_a_fixed_start_is_the_searchs_own(campaign: TinyCampaign) -> None:
    campaign.team(lunch="11:30-13:30/60")
    campaign.home("x", "a")
    data = build(campaign.allocation())
    stops = [Stop(call=0, arrival=9 * 60)]
    assert break_start(RangeOnly(750, 750), None, data, 0, stops) == 750


def test_a_range_puts_lunch_in_the_first_leg_with_room(campaign: TinyCampaign) -> None:
    """Visits at "a" (10 minutes from base) at 11:00 and 12:00 leave no room between them for
    an hour's lunch and a drive, so lunch follows the second visit: 12:30, inside 11:30-13:30."""
    campaign.team(lunch="11:30-13:30/60")
    campaign.home("x", "a")
    campaign.home("y", "b")
    data = build(campaign.allocation())
    stops = [Stop(call=0, arrival=11 * 60), Stop(call=1, arrival=12 * 60)]
    assert break_start(RangeOnly(690, 750), None, data, 0, stops) == 12 * 60 + 30
