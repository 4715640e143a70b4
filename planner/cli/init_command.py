"""`songnuan init`: write a starter scenario folder for an office's own campaign."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from planner.cli.terminal import out_console, user_errors
from planner.intake.starter import NoCategories, campaign_year, write_starter


@click.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--plugin",
    "plugins",
    multiple=True,
    required=True,
    metavar="NAME",
    help="Organisation plugin whose rules apply (`songnuan plugins` lists them); repeatable.",
)
@click.option(
    "--year",
    type=click.IntRange(2000, 2100),
    help="Spring Festival year of the campaign  [default: the next Spring Festival's year].",
)
def init(folder: Path, plugins: tuple[str, ...], year: int | None) -> None:
    """Write a starter scenario into FOLDER (which must not exist) that validates and plans."""
    with user_errors():
        try:
            written = write_starter(folder, plugins, year or campaign_year(dt.date.today()))
        except NoCategories as exc:
            raise click.UsageError(str(exc)) from None
    out_console.print(f"已创建 {folder}：{', '.join(p.name for p in written)}")
    out_console.print(
        f"下一步：阅读 {folder / 'README.txt'}，然后 songnuan import 档案.xlsx --into {folder}"
    )
