"""scenario.yaml within bounds: aliases, depth, numbers, spans of days."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_files import edit, run

from planner.load.yaml_source import MAX_YAML_DEPTH

FIRST_DAY = "      - 2027-02-01\n      - 2027-02-02\n  - id: union-1"


def alias_bomb(depth: int) -> str:
    """A few hundred bytes that expand to 9**depth values."""
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, depth + 1)]
    return "  " + "\n  ".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_once(tiny: Path) -> None:
    """A 600-byte alias bomb of depth 8 (43 million values): exit 2 naming the limit."""
    bomb = alias_bomb(8)
    assert len(bomb) < 700
    edit(tiny / "scenario.yaml", lambda t: t + "\nbomb:\n" + bomb)
    result = run("validate", tiny)
    assert result.exit_code == 2
    assert "个值：scenario.yaml 最多" in result.output


def test_deep_nesting_is_refused(tiny: Path) -> None:
    """Nesting past the limit (or 5,000 deep): exit 2 naming the limit, no RecursionError."""
    for depth in (MAX_YAML_DEPTH + 1, 5000):
        nested = "\nx_deep: " + "[" * depth + "]" * depth + "\n"
        edit(tiny / "scenario.yaml", lambda t, n=nested: t.split("\nx_deep:")[0] + n)
        result = run("validate", tiny)
        assert result.exit_code == 2, result.output
        assert f"嵌套超过 {MAX_YAML_DEPTH} 层" in result.output


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("seed: 1", "seed: 99999999999999999999999", "campaign.seed: 数字太大"),
        ("seed: 1", "seed: 100000000000", "campaign.seed: 应不大于 2147483647"),
        ("  total: 3000\n", "  total: 3000000000000000000000000\n", "budget.total: 数字太大"),
        ("  service_minutes: 30", "  service_minutes: 1e30", "visits.service_minutes: 数字太大"),
        ("  service_minutes: 30", "  service_minutes: .nan", "visits.service_minutes: 数字太大"),
    ],
)
def test_huge_numbers_are_problems_at_their_line(
    tiny: Path, old: str, new: str, where: str
) -> None:
    """Numbers a solver cannot take: a problem at the key, exit 2, never a solver traceback."""
    edit(tiny / "scenario.yaml", lambda t: t.replace(old, new))
    result = run("plan", tiny, "--out", tiny.parent / "out", "--time-limit", "1")
    assert result.exit_code == 2, result.output
    assert where in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("2027-02-01至2127-02-01", "这段日子有 36525 天"),
        ("2027-01-02至2027-03-20", "一段最多 60 天"),
        ("2027-02-02至2028-02-02", "请核对年份"),
        ("2027-02-01至2027-02-20", "过了春节（2027-02-06）"),
        ("春节后99999999天", "日期超出范围"),
        ("春节前99999999天", "日期超出范围"),
    ],
)
def test_spans_longer_than_a_campaign_are_problems(tiny: Path, days: str, message: str) -> None:
    """A century, a year typo, a span past Spring Festival, a day out of range: exit 2."""
    span = f"      - {days}\n  - id: union-1"
    edit(tiny / "scenario.yaml", lambda t: t.replace(FIRST_DAY, span))
    result = run("validate", tiny)
    assert result.exit_code == 2, result.output
    assert "teams[0].days[0]" in result.output and message in result.output


def test_a_scenario_yaml_past_the_size_limit_is_refused(tiny: Path) -> None:
    """A scenario.yaml of several megabytes: refused unread, naming the limit."""
    edit(tiny / "scenario.yaml", lambda t: t + "#" * (2 * 2**20) + "\n")
    result = run("validate", tiny)
    assert result.exit_code == 2 and "文件太大：scenario.yaml 最大" in result.output
