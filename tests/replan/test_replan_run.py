"""Re-planning as data: which visits stay, which move, and that promised money stays promised.

The route search stops after a fixed number of solutions, so these plans are reproducible.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.load import load_scenario
from planner.plugins import make_plugin_manager
from planner.reasons import ReasonBook
from planner.replan.previous import read_previous
from planner.replan.run import Replanned, replan
from planner.route import Settings
from planner.scenario import Scenario
from tests.replan.conftest import TINY, busiest_day, slots

BEFORE_CAMPAIGN = dt.date(2027, 1, 20)


def run(
    first: Path,
    unavailable: set[tuple[str, dt.date]],
    today: dt.date = BEFORE_CAMPAIGN,
    scenario: Scenario | None = None,
    done: set[str] | None = None,
) -> Replanned:
    loaded = scenario or load_scenario(TINY)
    pm = make_plugin_manager(loaded.campaign.plugins)
    previous = read_previous(first, loaded.campaign)
    return replan(
        loaded, pm, previous, today, unavailable, done=done, settings=Settings(solutions=100)
    )


def where(result: Replanned) -> dict[str, tuple[str, str, str]]:
    return {
        visit.household_id: (route.team_id, route.date.isoformat(), visit.arrival.isoformat())
        for route in result.plan.routes
        for visit in route.visits
    }


def test_nothing_changed_changes_nothing(first: Path) -> None:
    """Re-planning with no news keeps every visit on its team, day and minute."""
    result = run(first, set())
    assert result.changes == ()
    assert where(result) == slots(first)


def test_an_unavailable_day_moves_only_its_visits(first: Path) -> None:
    team, date = busiest_day(first)
    day = dt.date.fromisoformat(date)
    result = run(first, {(team, day)})
    before = slots(first)
    moved = {household for household, slot in before.items() if slot[:2] == (team, date)}
    assert moved
    assert {change.household_id for change in result.changes} == moved
    after = where(result)
    assert all(after[h] == slot for h, slot in before.items() if h not in moved)
    assert all(route.date != day or route.team_id != team for route in result.plan.routes)
    for change in result.changes:
        assert change.before is not None and (change.before.team_id, change.before.date) == (
            team,
            day,
        )
        assert f"{change.before.who} {date} 不能出行" in change.why(ReasonBook())
        assert f"cannot go out on {date}" in change.why(ReasonBook(), "en")


def test_days_up_to_today_are_kept_even_when_others_close(first: Path) -> None:
    """With today on the first campaign day, that day's routes are copied unchanged."""
    previous = slots(first)
    first_day = min(date for _, date, _ in previous.values())
    today = dt.date.fromisoformat(first_day)
    later = {
        (team, dt.date.fromisoformat(date))
        for team, date, _ in previous.values()
        if date > first_day
    }
    result = run(first, later, today=today)
    after = where(result)
    kept = {h: slot for h, slot in previous.items() if slot[1] == first_day}
    assert kept and all(after[h] == slot for h, slot in kept.items())


def with_a_third_day() -> Scenario:
    """The tiny scenario with one more day (2月3日, like the first) for every team."""
    loaded = load_scenario(TINY)
    extra = dt.date(2027, 2, 3)
    teams = tuple(
        team.model_copy(
            update={"days": (*team.days, team.days[0].model_copy(update={"date": extra}))}
        )
        for team in loaded.teams
    )
    return loaded.model_copy(update={"teams": teams})


def first_day_and_second(first: Path) -> tuple[str, str, list[str]]:
    """The first two campaign days of the first plan and the households visited on the first."""
    previous = slots(first)
    one, two = sorted({date for _, date, _ in previous.values()})[:2]
    return one, two, [h for h, slot in previous.items() if slot[1] == one]


def test_a_visit_missing_from_done_is_planned_again_after_today(first: Path) -> None:
    """On the second campaign day, done lists the first day's visits but one: that one leaves
    its day for a later one, says it was missed, and keeps its grant; the rest of the first day
    and all of the second stay as planned."""
    one, two, visited = first_day_and_second(first)
    missed, *made = visited
    today = dt.date.fromisoformat(two)
    result = run(first, set(), today=today, scenario=with_a_third_day(), done=set(made))
    assert result.missed == {missed}
    after = where(result)
    assert after[missed][1] == "2027-02-03"
    previous = slots(first)
    assert all(after[h] == slot for h, slot in previous.items() if h != missed)
    (change,) = result.changes
    said = change.why(ReasonBook())
    assert (change.household_id, change.kind, said) == (missed, "moved", f"{one} 未走访")
    assert change.before is not None and change.before.date.isoformat() == one
    assert result.plan.allocation.grant_for(missed) is not None


def test_a_missed_visit_with_no_day_left_is_cancelled_and_says_why(first: Path) -> None:
    one, two, visited = first_day_and_second(first)
    missed, *made = visited
    result = run(first, set(), today=dt.date.fromisoformat(two), done=set(made))
    assert missed not in where(result)
    (change,) = result.changes
    assert (change.household_id, change.kind) == (missed, "cancelled")
    assert change.why(ReasonBook()).startswith(f"{one} 未走访；")
    assert missed in {dropped.household_id for dropped in result.plan.dropped}


def test_without_done_every_visit_before_today_counts_as_made(first: Path) -> None:
    previous = slots(first)
    today = dt.date.fromisoformat(sorted({date for _, date, _ in previous.values()})[1])
    result = run(first, set(), today=today)
    assert result.missed == frozenset()
    after = where(result)
    assert all(after[h] == slot for h, slot in previous.items() if slot[1] <= today.isoformat())


def test_promised_grants_are_kept_when_money_is_short(first: Path) -> None:
    """A newcomer of higher priority than most does not take money a household was promised."""
    loaded = load_scenario(TINY)
    urgent = loaded.households[0].model_copy(update={"id": "h99", "row": 99})
    result = run(
        first,
        set(),
        scenario=loaded.model_copy(update={"households": (*loaded.households, urgent)}),
    )
    before = read_previous(first, loaded.campaign).grants
    assert set(before) <= set(result.plan.allocation.grants)
    assert "h99" in {u.household_id for u in result.plan.allocation.unfunded}


def test_new_money_funds_and_visits_an_added_household(first: Path) -> None:
    """With more budget approved, an added household is funded from it and visited."""
    more = 2000
    loaded = load_scenario(TINY)
    budget = loaded.budget
    lines = tuple(
        line.model_copy(update={"amount": line.amount + more}) if line.id == "needy" else line
        for line in budget.lines
    )
    budget = budget.model_copy(update={"total": budget.total + more, "lines": lines})
    urgent = loaded.households[0].model_copy(update={"id": "h99", "row": 99})
    scenario = loaded.model_copy(
        update={"budget": budget, "households": (*loaded.households, urgent)}
    )
    result = run(first, set(), scenario=scenario)
    added = {change.household_id for change in result.changes if change.kind == "added"}
    assert "h99" in added
    assert result.plan.allocation.grant_for("h99") is not None
    assert all(change.kind == "added" for change in result.changes)
