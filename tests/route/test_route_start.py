"""A search started from given routes keeps them and only adds to them (the leftover pass)."""

from __future__ import annotations

from route.tiny import DAY1, DAY2, TinyCampaign

from planner.route.model import build
from planner.route.search import solve
from planner.route.settings import Settings


def test_first_solution_extends_the_routes_it_starts_from(campaign: TinyCampaign) -> None:
    """Routes given per vehicle appear, in their order, in the first solution, which also
    places the calls they left out."""
    campaign.team(dates=(DAY1, DAY2))
    for k, place in enumerate("abcabc"):
        campaign.home(f"h{k}", place)
    data = build(campaign.allocation())
    start = [[2, 0], [4]]
    solution = solve(data, Settings(time_limit=1, solutions=1), start=start)
    routes = {tour.vehicle: [stop.call for stop in tour.stops] for tour in solution.tours}
    for vehicle, calls in enumerate(start):
        assert [call for call in routes[vehicle] if call in calls] == calls
    assert solution.dropped == ()
