"""Per-series tables from the CSV that ``solomon.py`` printed.

The README's result tables are made by this script from the files in ``results/``, so a
reader can check each figure against the per-instance rows it summarises:

    python bench/tables.py bench/results/solomon-30s.csv
    python bench/tables.py bench/results/homberger-60s-after-fix.csv

Series are the Solomon / Gehring–Homberger families (C1, C2, R1, R2, RC1, RC2), read from the
instance name; a row "all" closes the table. Markdown on stdout.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

_SERIES = re.compile(r"^(RC|R|C)(\d)")
_ORDER = ("C1", "C2", "R1", "R2", "RC1", "RC2")


@dataclass
class _Series:
    """Gaps of both solvers and songnuan's ratios to PyVRP over the instances of one series."""

    songnuan: list[float] = field(default_factory=list)
    pyvrp: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, nargs="+", help="CSV files printed by solomon.py")
    arguments = parser.parse_args(argv)
    series: dict[str, _Series] = defaultdict(_Series)
    for path in arguments.csv:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                _add(series, row)
    print(_table(series))
    return 0


def _series_of(instance: str) -> str:
    """'RC2_2_4' → 'RC2', 'R101' → 'R1': the family letter(s) and the first digit."""
    match = _SERIES.match(instance)
    if match is None:
        raise SystemExit(f"{instance}: not a Solomon or Gehring–Homberger instance name")
    return match.group(1) + match.group(2)


def _add(series: dict[str, _Series], row: dict[str, str]) -> None:
    if not row["gap_pct"]:
        return  # no plan found: the instance shows up as missing from n
    name = _series_of(row["instance"])
    for key in (name, "all"):
        if row["solver"] == "songnuan":
            series[key].songnuan.append(float(row["gap_pct"]))
            if row.get("ratio_to_pyvrp"):
                series[key].ratios.append(float(row["ratio_to_pyvrp"]))
        elif row["solver"] == "pyvrp":
            series[key].pyvrp.append(float(row["gap_pct"]))


def _table(series: dict[str, _Series]) -> str:
    lines = [
        "| set | n | songnuan mean gap | worst | PyVRP mean gap | worst | ratio mean | worst |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in [*(s for s in _ORDER if s in series), "all"]:
        values = series[name]
        lines.append(
            f"| {name} | {len(values.songnuan)} | {_percent(values.songnuan)} "
            f"| {_percent(values.pyvrp)} | {_ratio(values.ratios)} |"
        )
    return "\n".join(lines)


def _percent(gaps: list[float]) -> str:
    if not gaps:
        return "– | –"
    return f"{sum(gaps) / len(gaps):.2f}% | {max(gaps):.2f}%"


def _ratio(ratios: list[float]) -> str:
    if not ratios:
        return "– | –"
    return f"{sum(ratios) / len(ratios):.4f} | {max(ratios):.4f}"


if __name__ == "__main__":
    raise SystemExit(main())
