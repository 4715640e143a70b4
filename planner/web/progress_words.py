"""The solvers' progress messages in Chinese, for the plan page.

The stages report progress as short English lines for the CLI's status line (`route: solution
12, road 340 min, dropped 3`); the page is read by a clerk, so the known forms are put into
Chinese here, at the edge. A line of an unknown form is shown as it came, never dropped.
"""

from __future__ import annotations

import re

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"^route: solution (\d+), road (\d+) min, dropped (\d+)$",
         r"安排路线：已找到第 \1 个方案，路程 \2 分钟，未安排 \3 户"),
        (r"^route: (\d+) visits over (\d+) team-days, (\d+) impossible$",
         r"安排路线：\1 户走访，\2 个组·天，\3 户无法安排"),
        (r"^route: (\d+) visits as (\d+) stops .*$",
         r"安排路线：\1 户合为 \2 个停靠点（同村相近的户一起走访）"),
        (r"^route: the ([\d.]+) s safety limit stopped the search$",
         r"安排路线：已到 \1 秒的安全时限，停止搜索"),
        (r"^route: levelling road hours between teams$", "安排路线：再平衡各组的路上时间"),
        (r"^route: (\d+) parts on (\d+) processes.*$", r"安排路线：分 \1 片，用 \2 个进程同时计算"),
        (r"^route: (.+): (\d+) visits, (\d+) dropped$", r"安排路线：\1 片 \2 户，未安排 \3 户"),
        (r"^route: (\d+) dropped visits offered to (\d+) team-days$",
         r"安排路线：\1 户未安排的走访再分给 \2 个组·天"),
        (r"^route: (\d+) households of bundles left out get a second chance$",
         r"安排路线：\1 户再试一次"),
        (r"^allocate: priority (\d+)$", r"分配慰问金：优先级 \1"),
        (r"^allocate: fairness across districts$", "分配慰问金：兼顾各片区公平"),
        (r"^replan: (\d+) team-days kept as planned.*$",
         r"调整计划：\1 个组·天保持不变，其余重新安排"),
    )
)


def in_chinese(line: str) -> str:
    """One progress line in Chinese where its form is known."""
    for pattern, words in PATTERNS:
        if pattern.match(line):
            return pattern.sub(words, line)
    return line
