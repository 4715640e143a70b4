"""What-if: plan a scenario under several budgets (or standards, or visit lengths) and compare.

`vary` reads the `--vary` options and makes the varied scenarios, `run` plans them in parallel
(local processes or a Dask cluster), `compare` lays the figures side by side, and `outputs`
writes `whatif.xlsx` (`workbook`) and `whatif.png` (`charts`).

This file imports nothing, so that a worker process importing `run` does not load matplotlib.
"""
