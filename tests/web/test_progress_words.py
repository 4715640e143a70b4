"""The plan page shows the solvers' progress in Chinese, and unknown lines as they came."""

from __future__ import annotations

from planner.web.progress_words import in_chinese


def test_known_progress_lines_are_put_into_chinese() -> None:
    """The route search's solution line and the allocation's levels read in Chinese."""
    assert in_chinese("route: solution 12, road 340 min, dropped 3") == (
        "安排路线：已找到第 12 个方案，路程 340 分钟，未安排 3 户"
    )
    assert in_chinese("allocate: priority 2") == "分配慰问金：优先级 2"


def test_an_unknown_line_is_shown_as_it_came() -> None:
    """A line of a form the table does not know is never dropped."""
    assert in_chinese("route: something new") == "route: something new"


def test_the_routing_stages_own_lines_read_in_chinese() -> None:
    assert in_chinese("route: the 300 s safety limit stopped the search") == (
        "安排路线：已到 300 秒的安全时限，停止搜索"
    )
    assert in_chinese("route: levelling road hours between teams") == "安排路线：再平衡各组的路上时间"
