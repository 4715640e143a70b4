"""`songnuan import`: the archives units send up → the scenario's households table."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli.terminal import EXIT_INPUT, console, out_console, user_errors
from planner.intake.importer import needed_for_folder, plan_import
from planner.intake.report import report_lines
from planner.intake.writing import write_import


def _mapping(values: tuple[str, ...]) -> dict[str, str]:
    """`--map 月收入=家庭月收入` options as archive header → target."""
    found = {}
    for value in values:
        header, sep, target = value.partition("=")
        if not sep or not header.strip() or not target.strip():
            raise click.BadParameter(f"{value}: write it as 表头=列名, e.g. 月收入=家庭月收入")
        found[header.strip()] = target.strip()
    return found


@click.command("import")
@click.argument("archives", nargs=-1, required=True, metavar="ARCHIVE[:SHEET]...")
@click.option(
    "--into",
    "folder",
    required=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="The scenario folder (made by songnuan init) whose households.csv is written.",
)
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="HEADER=COLUMN",
    help="Map an archive header to a songnuan column (月收入=家庭月收入), or leave it out "
    "(备用=-); repeatable.",
)
@click.option(
    "--add-places",
    is_flag=True,
    help="Add the villages of the addresses that places.csv lacks (coordinates left blank).",
)
def import_archives(
    archives: tuple[str, ...], folder: Path, maps: tuple[str, ...], add_places: bool
) -> None:
    """Import one or more archives (XLSX or CSV) into the scenario's households table."""
    confirmed = _mapping(maps)
    with user_errors():
        needed = needed_for_folder(folder)
        plan = plan_import(archives, folder, confirmed, needed, add_places=add_places)
        for line in report_lines(plan):
            out_console.print(line, markup=False)
        if not plan.ok:
            console.print("未写入任何文件 (nothing was written).", markup=False)
            raise SystemExit(EXIT_INPUT)
        written = write_import(plan)
    out_console.print("已写入：" + "、".join(str(path) for path in written), markup=False)
