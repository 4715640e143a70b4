"""`songnuan replan` end to end: calendars continue from the plan that was sent out, changes are
printed and written, and bad input stops the run with nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from planner.cli import main
from planner.cli.terminal import EXIT_MUST_VISIT_DROPPED
from planner.load import load_scenario
from tests.replan.conftest import TINY, plan_json, slots


def replan(first: Path, out: Path, *more: str) -> Result:
    args = ["replan", str(TINY), "--previous", str(first), "--out", str(out)]
    return CliRunner().invoke(main, [*args, "--time-limit", "2", *more])


def events(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """The events plan.json says were published, by calendar file and UID."""
    data = plan_json(path)
    return {(c["file"], e["uid"]): e for c in data["calendars"] for e in c["events"]}


def closing_all_but_one_day(first: Path) -> tuple[list[str], str]:
    """--unavailable for every team-day but one day of a team visiting on two or more days."""
    visited = slots(first).values()
    team = next(t for t, _, _ in visited if len({d for u, d, _ in visited if u == t}) > 1)
    kept = min(d for t, d, _ in visited if t == team)
    scenario = load_scenario(TINY)
    closed = [
        f"{t.id}@{day.date}"
        for t in scenario.teams
        for day in t.days
        if (t.id, day.date.isoformat()) != (team, kept)
    ]
    return [arg for day in closed for arg in ("--unavailable", day)], team


def test_moved_events_keep_uid_and_raise_sequence(first: Path, tmp_path: Path) -> None:
    """Unchanged events keep SEQUENCE; changed ones keep UID with SEQUENCE + 1; a visit moved to
    another day of its team keeps its event's UID; changes.csv names the team and its leader."""
    options, team = closing_all_but_one_day(first)
    out = tmp_path / "out"
    result = replan(first, out, "--today", "2027-01-20", *options)
    assert result.exit_code == 0, result.output
    before, after = events(first), events(out / "plan.json")
    for key, event in before.items():
        if after[key]["fingerprint"] == event["fingerprint"]:
            assert after[key]["sequence"] == event["sequence"]
        else:
            assert after[key]["sequence"] == event["sequence"] + 1
    name = next(t.name for t in load_scenario(TINY).teams if t.id == team)
    moved = [
        line
        for line in result.output.splitlines()
        if line.startswith("调整") and line.count(name) == 2
    ]
    assert moved, result.output
    raised = [
        key for key in before if after[key]["sequence"] == 1 and after[key]["status"] == "CONFIRMED"
    ]
    assert raised
    rows = (out / "changes.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("变动,编号")
    leader = next(t.leader for t in load_scenario(TINY).teams if t.id == team)
    assert any(f"{name}（{leader}）" in row and team not in row for row in rows[1:]), rows


def test_done_visits_keep_their_time_and_calendar_events(first: Path, tmp_path: Path) -> None:
    """A visit in done.csv makes its day under way: the day and its events stay as they were."""
    previous = slots(first)
    household, (_, date, _) = min(previous.items(), key=lambda item: item[1][1])
    done = tmp_path / "done.csv"
    done.write_text(f"household_id,date\n{household},{date}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = replan(first, out, "--done", str(done))
    assert result.exit_code == 0, result.output
    assert f"保持原安排：{date}及以前的各组行程" in result.output
    after = slots(out / "plan.json")
    assert all(after[h] == slot for h, slot in previous.items() if slot[1] <= date)
    before_events, after_events = events(first), events(out / "plan.json")
    on_the_day = [key for key, e in before_events.items() if e["start"].startswith(date)]
    assert on_the_day
    for key in on_the_day:
        assert after_events[key] == before_events[key]


def test_a_visit_missing_from_done_is_reported_and_its_event_cancelled(
    first: Path, tmp_path: Path
) -> None:
    """done.csv lists the first day's visits but one; on the second (last) day that one has no
    day left: it is printed and written as cancelled because it was missed, and its calendar
    event is published as cancelled under its UID."""
    previous = slots(first)
    one, two = sorted({date for _, date, _ in previous.values()})[:2]
    missed, *made = [h for h, slot in previous.items() if slot[1] == one]
    done = tmp_path / "done.csv"
    done.write_text("编号,走访日期\n" + "".join(f"{h},{one}\n" for h in made), encoding="gbk")
    out = tmp_path / "out"
    result = replan(first, out, "--done", str(done), "--today", two)
    (dropped,) = plan_json(out / "plan.json")["dropped"]
    assert dropped["household_id"] == missed
    assert result.exit_code == (EXIT_MUST_VISIT_DROPPED if dropped["must"] else 0), result.output
    assert f"此前未走访（不在{done}中）1户：重新安排0户，取消1户" in result.output
    rows = (out / "changes.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[1].startswith(f"取消,{missed},")
    assert f",{one} 未走访；" in rows[1]
    before, after = events(first), events(out / "plan.json")
    cancelled = [e for e in after.values() if e["status"] == "CANCELLED"]
    name = next(h.name for h in load_scenario(TINY).households if h.id == missed)
    assert any(name in e["summary"] for e in cancelled)
    assert all(e["start"][:10] == one for e in cancelled)
    way_back = [
        key for key, e in before.items() if e["summary"].startswith("返程") and one in e["start"]
    ]
    assert way_back and all(after[key] == before[key] for key in way_back)


def test_bad_done_file_exits_2_and_writes_nothing(first: Path, tmp_path: Path) -> None:
    done = tmp_path / "done.csv"
    done.write_text(
        "household_id,date\nh01,2027-02-01\nnobody,\nh04,2027-02-31\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = replan(first, out, "--done", str(done))
    assert result.exit_code == 2
    assert f"{done}:3:household_id: 上一版计划里没有走访 nobody 这一户" in result.output
    assert f"{done}:4:date:" in result.output
    assert "未写入任何文件" in result.output
    assert not out.exists()


def test_added_households_are_checked_like_the_archive(first: Path, tmp_path: Path) -> None:
    """--add has households.csv's columns; a known id and an unknown place are problems."""
    header, h01, *_ = (TINY / "households.csv").read_text(encoding="utf-8").splitlines()
    clash = h01
    elsewhere = h01.replace("h01,", "h77,", 1).replace(",east-v1,", ",nowhere,", 1)
    add = tmp_path / "add.csv"
    add.write_text("\n".join([header, clash, elsewhere]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = replan(first, out, "--add", str(add))
    assert result.exit_code == 2
    assert f"{add}:2:id: 这个编号在 households.csv 里已经有了" in result.output
    assert f"{add}:3:place: 地点 n…e 不在" in result.output
    assert not out.exists()


def test_added_household_is_reported_when_it_cannot_be_funded(first: Path, tmp_path: Path) -> None:
    """All money is promised in the tiny plan: a newcomer goes unfunded, nobody loses a grant."""
    header, h01, *_ = (TINY / "households.csv").read_text(encoding="utf-8").splitlines()
    add = tmp_path / "add.csv"
    add.write_text(f"{header}\n{h01.replace('h01,', 'h77,', 1)}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = replan(first, out, "--add", str(add), "--today", "2027-01-20")
    assert result.exit_code == 0, result.output
    data = plan_json(out / "plan.json")
    granted = {grant["household_id"] for grant in data["grants"]}
    assert {grant["household_id"] for grant in plan_json(first)["grants"]} == granted
    assert "h77" in {unfunded["household_id"] for unfunded in data["unfunded"]}


def test_bad_unavailable_team_day_exits_2(first: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = replan(
        first, out, "--unavailable", "nobody@2027-02-01", "--unavailable", "county-1@Feb 1"
    )
    assert result.exit_code == 2
    output = result.output
    assert "--unavailable: nobody@2027-02-01: 没有叫 nobody 的工作组编号、组名或带队领导" in output
    assert "--unavailable: county-1@Feb 1: 请写成 工作组@日期" in output
    assert not out.exists()


def test_a_day_under_way_cannot_be_made_unavailable(first: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = replan(first, out, "--today", "2027-02-01", "--unavailable", "county-1@2027-02-01")
    assert result.exit_code == 2
    assert "已经开始或已过去" in result.output
    assert not out.exists()
