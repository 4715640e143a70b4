"""`songnuan plugins`: which plugins are installed and what each hooks into."""

from __future__ import annotations

import click
from rich.table import Table

from planner.cli.terminal import disable_option, out_console, user_errors
from planner.plugins import hooks_of, make_plugin_manager


@click.command()
@disable_option
def plugins(disabled: tuple[str, ...]) -> None:
    """List the installed plugins and the hooks each implements."""
    with user_errors():
        pm = make_plugin_manager(None, disabled)
    table = Table("plugin", "hooks")
    for name, hooks in hooks_of(pm).items():
        table.add_row(name, "\n".join(hooks))
    out_console.print(table)
