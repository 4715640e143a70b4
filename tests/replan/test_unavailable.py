"""`--unavailable TEAM@DATE` read the way an office names teams and writes dates."""

from __future__ import annotations

import datetime as dt

import pytest

from builders import household, scenario
from planner.problems import ScenarioError
from planner.replan.unavailable import read_unavailable

BUILT = scenario((household("a"),))
"""One team `t1`, named 一组 and led by 王主席, out on 1 February 2027 (腊月廿五, 春节前5天)."""
BEFORE = dt.date(2027, 1, 20)


@pytest.mark.parametrize(
    "value",
    ["t1@2027-02-01", "一组@2月1日", "王主席@腊月廿五", "一组@春节前5天", " 王主席 @ 2027-02-01"],
)
def test_a_team_by_id_name_or_leader_on_a_date_as_scenario_yaml_writes_it(value: str) -> None:
    """Id, team name or leader name, and an ISO, month-day, lunar or relative date all name
    the same team-day."""
    assert read_unavailable([value], BUILT, BEFORE) == {("t1", dt.date(2027, 2, 1))}


def test_every_wrong_value_is_named_at_once() -> None:
    """An unknown team lists the teams with their names and leaders; an unreadable date says
    how to write one; a day the team is not out says so."""
    with pytest.raises(ScenarioError) as error:
        read_unavailable(["李书记@2月1日", "一组@下周一", "一组@2月2日"], BUILT, BEFORE)
    messages = [str(problem) for problem in error.value.problems]
    assert messages[0] == (
        "--unavailable: 李书记@2月1日: 没有叫 李书记 的工作组编号、组名或带队领导；"
        "工作组有：t1 一组（王主席）"
    )
    assert messages[1].startswith(
        "--unavailable: 一组@下周一: 请写成 工作组@日期，如 县领导第一组@腊月初十"
    )
    assert messages[2] == "--unavailable: 一组@2月2日: 工作组 一组（t1）2027-02-02 不出动"


def test_a_leader_of_two_teams_must_name_the_team() -> None:
    """A leader who leads two teams does not say which: the office is asked to name the team."""
    second = BUILT.teams[0].model_copy(update={"id": "t2", "name": "二组"})
    built = BUILT.model_copy(update={"teams": (*BUILT.teams, second)})
    with pytest.raises(ScenarioError) as error:
        read_unavailable(["王主席@2月1日"], built, BEFORE)
    assert "王主席 带了几个工作组（t1、t2）：请改写工作组" in str(error.value)
    assert read_unavailable(["二组@2月1日"], built, BEFORE) == {("t2", dt.date(2027, 2, 1))}
