"""report.html shows each district's coverage and the Gini of coverage (issue 15.3)."""

from __future__ import annotations

import re
from pathlib import Path

from planner.export.report import write_report
from planner.plan import Plan


def test_report_shows_coverage_per_district_and_its_gini(plan: Plan, tmp_path: Path) -> None:
    """东镇 has two eligible households and one grant (50%), the other districts all (100%);
    the Gini of (50%, 100%, 100%) is 0.133."""
    write_report(plan, tmp_path)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    section = html[html.index("<h2>各乡镇覆盖率</h2>") :].split("</section>")[0]
    rows = re.findall(
        r"<tr><td>([^<]+)</td><td[^>]*>(\d+)</td><td[^>]*>(\d+)</td><td[^>]*>([^<]+)</td>", section
    )
    assert sorted(rows) == [
        ("东镇", "2", "1", "50%"),
        ("城关镇", "1", "1", "100%"),
        ("西镇", "1", "1", "100%"),
    ]
    assert "基尼系数：0.133" in section
