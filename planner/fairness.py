"""Fair money between districts: per district the eligible, the funded and the coverage share,
and the Gini of coverage, from an Allocation.

Workers ask "why did the next town get more?": the answer is the coverage per district (funded
households as a share of the eligible ones) and one number for how unequal those shares are.
The Gini is taken over districts, each district one observation whatever its size, because the
question is whether a town is left behind, not whether a household is: 0 when every district
has the same coverage, rising towards 1 as the money concentrates in few districts. Districts
with no eligible household have no coverage and are left out of the Gini.

The summary, the report and what-if all call `district_fairness`, so the three show the same
figures; `fairness_table` gives the texts of the table the report and the terminal print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.allocation import Allocation
from planner.i18n import Lang, Phrase


@dataclass(frozen=True)
class DistrictCoverage:
    """One district: eligible households, those funded, and the share funded."""

    district: str
    eligible: int
    funded: int

    @property
    def coverage(self) -> float:
        """Funded ÷ eligible, 0.0 for a district with no eligible household."""
        return self.funded / self.eligible if self.eligible else 0.0


@dataclass(frozen=True)
class Fairness:
    """Coverage per district, in the order districts first appear in the households table."""

    districts: tuple[DistrictCoverage, ...]
    gini: float
    """The Gini coefficient of the districts' coverage, 0 (all equal) to 1."""


def district_fairness(allocation: Allocation) -> Fairness:
    """The coverage of each district and the Gini of coverage across districts."""
    funded = {grant.household_id for grant in allocation.grants}
    counts: dict[str, list[int]] = {}
    for case in allocation.cases.cases:
        figures = counts.setdefault(case.district, [0, 0])
        if case.eligible:
            figures[0] += 1
            figures[1] += case.household_id in funded
    districts = tuple(DistrictCoverage(name, *figures) for name, figures in counts.items())
    return Fairness(districts, gini([d.coverage for d in districts if d.eligible]))


def gini(values: Sequence[float]) -> float:
    """The Gini coefficient: the mean absolute difference of all pairs over twice the mean.

    Computed on the sorted values (sum of (2i − n − 1)·xᵢ over n·Σx), which is the same figure
    in n log n; 0.0 for no values or when all are 0.
    """
    ordered = sorted(values)
    n, total = len(ordered), sum(ordered)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum((2 * i - n + 1) * x for i, x in enumerate(ordered))
    return round(weighted / (n * total), 4)


DISTRICT = Phrase("乡镇（街道）", "district")
ELIGIBLE = Phrase("符合条件(户)", "eligible")
FUNDED = Phrase("获资助(户)", "funded")
COVERAGE = Phrase("覆盖率", "coverage")
GINI = Phrase(
    "各乡镇覆盖率的基尼系数：{gini:.3f}（0 为各乡镇覆盖率完全相同，越接近 1 越集中）",
    "Gini of coverage across districts: {gini:.3f} (0: every district the same; towards 1: "
    "concentrated)",
)


def fairness_table(fairness: Fairness, lang: Lang) -> tuple[list[str], list[list[str]], str]:
    """Headers, one row of texts per district, and the sentence giving the Gini, in `lang`."""
    headers = [phrase.say(lang) for phrase in (DISTRICT, ELIGIBLE, FUNDED, COVERAGE)]
    rows = [
        [d.district, str(d.eligible), str(d.funded), f"{d.coverage:.0%}" if d.eligible else "—"]
        for d in fairness.districts
    ]
    return headers, rows, GINI.say(lang, gini=fairness.gini)
