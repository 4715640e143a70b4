"""Write the what-if's files, `whatif.xlsx` and `whatif.png`, all or nothing like `plan` does."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from planner.atomic_folder import write_folder
from planner.scenario import Scenario
from planner.travel.labels import ESTIMATE_NOTE
from planner.whatif.charts import cjk_font, write_chart
from planner.whatif.compare import notes, tables
from planner.whatif.run import Outcome
from planner.whatif.workbook import write_workbook


def write_outputs(
    out: Path, outcomes: Sequence[Outcome], scenario: Scenario, *, force: bool
) -> list[Path]:
    """Write the workbook (Chinese) and the chart (Chinese if a CJK font is installed) into `out`.

    Raises `OutputExistsError` when `out` exists and `force` is false.
    """
    campaign = scenario.campaign
    font = cjk_font()

    def fill(folder: Path) -> None:
        title = f"{campaign.name}：预算方案对比"
        sheets, remarks = tables(outcomes, "zh"), notes(outcomes, "zh")
        if scenario.travel.minutes.is_estimate:
            remarks = [*remarks, f"路上小时为直线距离估算{ESTIMATE_NOTE}，不是实际道路时间"]
        write_workbook(folder, sheets, remarks, title=title, year=campaign.year)
        write_chart(folder, outcomes, font=font)

    return write_folder(out, fill, force=force)
