"""Re-planning: phones update in place — same UIDs, SEQUENCE up only for changes, cancellations."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest

from planner.export.calendar_state import read_published
from planner.export.calendars import write_calendars
from planner.export.plan_json import write_plan_json
from planner.plan import Plan, Route
from planner.problems import ScenarioError

LI_SUMMARY = "慰问 李四（困难职工）"


def publish(plan: Plan, folder: Path) -> Plan:
    """Export calendars and plan.json of `plan`; return the next plan's `published` read back."""
    folder.mkdir(parents=True, exist_ok=True)
    write_calendars(plan, folder)
    write_plan_json(plan, folder)
    campaign = plan.allocation.cases.scenario.campaign
    return plan.model_copy(update={"published": read_published(folder / "plan.json", campaign)})


def by_summary(folder: Path, name: str = "t1.ics") -> dict[str, icalendar.Event]:
    """The events of a calendar by title."""
    calendar = icalendar.Calendar.from_ical((folder / "calendars" / name).read_bytes())
    return {str(event["SUMMARY"]): event for event in calendar.events}


def later(route: Route, household_id: str, minutes: int) -> Route:
    """The route with one visit moved later by `minutes`."""
    shift = dt.timedelta(minutes=minutes)
    visits = tuple(
        v.model_copy(update={"arrival": v.arrival + shift, "departure": v.departure + shift})
        if v.household_id == household_id
        else v
        for v in route.visits
    )
    return route.model_copy(update={"visits": visits})


def replan(plan: Plan, previous: Plan, routes: tuple[Route, ...]) -> Plan:
    """A new plan with other routes that knows what `previous` published."""
    return plan.model_copy(update={"routes": routes, "published": previous.published})


def test_unchanged_plan_keeps_uids_and_sequence(plan: Plan, tmp_path: Path) -> None:
    """Planning again without changes gives byte-identical calendars: nothing to update."""
    known = publish(plan, tmp_path / "1")
    publish(known, tmp_path / "2")
    for name in ("t1.ics", "t2.ics", "leaders/王书记.ics"):
        first = (tmp_path / "1" / "calendars" / name).read_bytes()
        assert first == (tmp_path / "2" / "calendars" / name).read_bytes()


def test_moved_visit_raises_its_sequence_only(plan: Plan, tmp_path: Path) -> None:
    """A visit moved to another time keeps its UID with SEQUENCE 1; the others stay at 0."""
    known = publish(plan, tmp_path / "1")
    first = by_summary(tmp_path / "1")
    moved = replan(plan, known, (later(plan.routes[0], "h2", 15), plan.routes[1]))
    publish(moved, tmp_path / "2")
    second = by_summary(tmp_path / "2")
    assert str(second[LI_SUMMARY]["UID"]) == str(first[LI_SUMMARY]["UID"])
    assert second[LI_SUMMARY]["SEQUENCE"] == 1
    assert second["慰问 张三（劳模）"]["SEQUENCE"] == 0
    leader = by_summary(tmp_path / "2", "leaders/王书记.ics")
    assert leader[LI_SUMMARY]["SEQUENCE"] == 1


def test_vanished_visit_is_cancelled(plan: Plan, tmp_path: Path) -> None:
    """A visit no longer planned is published once more as CANCELLED with a raised SEQUENCE."""
    known = publish(plan, tmp_path / "1")
    uid = str(by_summary(tmp_path / "1")[LI_SUMMARY]["UID"])
    route = plan.routes[0]
    gone = replan(
        plan, known, (route.model_copy(update={"visits": route.visits[:1]}), plan.routes[1])
    )
    again = publish(gone, tmp_path / "2")
    cancelled = by_summary(tmp_path / "2")["【已取消】" + LI_SUMMARY]
    assert (str(cancelled["UID"]), cancelled["STATUS"], cancelled["SEQUENCE"]) == (
        uid,
        "CANCELLED",
        1,
    )
    assert "【已取消】" + LI_SUMMARY in by_summary(tmp_path / "2", "leaders/王书记.ics")

    publish(again, tmp_path / "3")  # still gone: the same cancellation, not raised again
    assert by_summary(tmp_path / "3")["【已取消】" + LI_SUMMARY]["SEQUENCE"] == 1

    restored = replan(plan, again, plan.routes)
    publish(restored, tmp_path / "4")
    back = by_summary(tmp_path / "4")[LI_SUMMARY]
    assert (str(back["UID"]), back["STATUS"], back["SEQUENCE"]) == (uid, "CONFIRMED", 2)


def test_calendar_of_a_removed_team_cancels_its_events(plan: Plan, tmp_path: Path) -> None:
    """When a team is gone, its calendar file still comes, with every event cancelled."""
    known = publish(plan, tmp_path / "1")
    scenario = plan.allocation.cases.scenario
    cases = plan.allocation.cases.model_copy(
        update={"scenario": scenario.model_copy(update={"teams": scenario.teams[:1]})}
    )
    allocation = plan.allocation.model_copy(update={"cases": cases})
    without = known.model_copy(update={"allocation": allocation, "routes": plan.routes[:1]})
    publish(without, tmp_path / "2")
    events = by_summary(tmp_path / "2", "t2.ics").values()
    assert events and all(event["STATUS"] == "CANCELLED" for event in events)


def test_plan_json_records_what_was_published(plan: Plan, tmp_path: Path) -> None:
    """plan.json lists each calendar file with its events' UID, SEQUENCE, status and fingerprint."""
    publish(plan, tmp_path)
    calendars = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))["calendars"]
    assert [c["file"] for c in calendars] == [
        "calendars/t1.ics",
        "calendars/t2.ics",
        "calendars/leaders/王书记.ics",
        "calendars/leaders/李主席.ics",
    ]
    event = next(e for e in calendars[0]["events"] if e["summary"] == LI_SUMMARY)
    assert event["sequence"] == 0 and event["status"] == "CONFIRMED"
    assert event["start"] == "2027-01-18T10:20:00+08:00"
    assert len(event["fingerprint"]) == 16
    assert "东村3组12号" not in json.dumps(calendars, ensure_ascii=False)


def test_previous_plan_of_another_campaign_is_ignored(plan: Plan, tmp_path: Path) -> None:
    """A plan.json of another campaign, or from before calendars were recorded, gives no history."""
    publish(plan, tmp_path)
    campaign = plan.allocation.cases.scenario.campaign
    other = campaign.model_copy(update={"year": 2028})
    assert read_published(tmp_path / "plan.json", other) == ()
    data = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    del data["calendars"]
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    assert read_published(tmp_path / "old.json", campaign) == ()
    assert read_published(tmp_path / "missing.json", campaign) == ()


@pytest.mark.parametrize("text", ["{not json", '{"campaign": {}}', "[1, 2]"])
def test_unreadable_previous_plan_is_a_problem(plan: Plan, tmp_path: Path, text: str) -> None:
    """A previous plan.json that cannot be read is reported with its path, not silently skipped."""
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError, match="cannot read the calendars published before") as caught:
        read_published(path, plan.allocation.cases.scenario.campaign)
    assert caught.value.problems[0].file == str(path)
