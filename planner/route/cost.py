"""What OR-Tools' objective is for given routes, worked out from the routing data alone.

A plan put together from parts (`decompose`) has to be costed by the rules that searched it, and
asking OR-Tools to do so (`search.evaluate`: the whole model built, the routes locked in, one
solve) grew with the campaign faster than the search did: on a campaign of 1,948 stops with lunch
breaks the solve did not finish within a minute, so the plan failed its own costing, and on a
province the model's matrices took 9 GiB. The objective is a plain sum, so it is added up here:
the road minutes of every route (the arc cost), the penalty of every call left out, on a re-plan
`CHANGE_PENALTY` a visit made by another team-day than before, and the fair loads' soft bounds
(`fair.costs`). The tests check it against OR-Tools' own objective on campaigns with every rule.
"""

from __future__ import annotations

from planner.route import fair
from planner.route.data import CHANGE_PENALTY, RoutingData
from planner.route.search import Routes


def objective(data: RoutingData, routes: Routes) -> int:
    """OR-Tools' objective for `routes` (each vehicle's calls in order; a call on none is left
    out), as `search.evaluate` would find it, without building the model."""
    total = 0
    placed: set[int] = set()
    for v, calls in enumerate(routes):
        if not calls:
            continue
        total += data.drive(v, calls)
        moved = (data.calls[k] for k in calls if data.calls[k].previous not in (None, v))
        total += CHANGE_PENALTY * sum(call.visits for call in moved)
        placed.update(calls)
    total += sum(call.penalty for k, call in enumerate(data.calls) if k not in placed)
    return total + fair.costs(data, routes)
