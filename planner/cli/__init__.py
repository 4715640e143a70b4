"""The `songnuan` command: a thin click layer over the pipeline.

Exit status: 0 when everything planned; 2 when the input, a plugin or the budget makes planning
impossible (the messages say what to fix, nothing is written); 3 when the plan was written but a
must-visit could not be placed (the summary names it and why).

One module per command; `terminal` holds what they share (consoles, exit statuses, the turning
of user errors into messages, the progress line), `printing` what plan and replan print.
"""

from __future__ import annotations

import click

from planner.cli import (
    explain_command,
    import_command,
    init_command,
    plan_command,
    plugins_command,
    replan_command,
    serve_command,
    validate_command,
    whatif_command,
)


@click.group()
@click.version_option(package_name="songnuan")
def main() -> None:
    """songnuan (送暖): plan 送温暖 campaigns — grants, team routes, calendars and sheets."""


main.add_command(validate_command.validate)
main.add_command(serve_command.serve)
main.add_command(plan_command.plan)
main.add_command(plugins_command.plugins)
main.add_command(whatif_command.whatif)
main.add_command(replan_command.replan)
main.add_command(explain_command.explain_household)
main.add_command(init_command.init)
main.add_command(import_command.import_archives)
