"""What every command shares on the terminal: consoles, exit statuses, errors, progress.

Errors the user can fix become messages and exit status 2, never a traceback. The consoles
never interpret what they print: names, ids and reasons come from the input, and a team called
`[/bold]` would otherwise end the run in a markup error, an ANSI escape in a household's name
would rewrite the terminal. Colour is given only through `tagged`, never inside a string.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click
from rich.console import Console, JustifyMethod, OverflowMethod
from rich.style import Style
from rich.text import Text

from planner.atomic_folder import OutputNotWritableError
from planner.cluster import ClusterError
from planner.explain import ExplainError
from planner.export import OutputExistsError
from planner.problems import InfeasibleError, PluginError, ScenarioError
from planner.route import RoutingError
from planner.route.partition import SPLIT_ABOVE
from planner.safe_text import printable
from planner.whatif.vary import VaryError

EXIT_INPUT = 2
EXIT_MUST_VISIT_DROPPED = 3


class _PlainConsole(Console):
    """A console that shows every string as plain text: no markup, no emoji codes, no escapes."""

    def render_str(
        self,
        text: str,
        *,
        style: str | Style = "",
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        emoji: bool | None = None,
        markup: bool | None = None,
        highlight: bool | None = None,
        highlighter: Any = None,
    ) -> Text:
        """`text` without control characters, taken literally whatever the caller asked."""
        return super().render_str(
            printable(text, lines=True),
            style=style,
            justify=justify,
            overflow=overflow,
            emoji=False,
            markup=False,
            highlight=False,
            highlighter=highlighter,
        )


def tagged(tag: str, colour: str, text: str) -> Text:
    """A coloured tag before plain text: `note …`, `OK …` (the only way to print in colour)."""
    return Text.assemble((tag, colour), " ", printable(text, lines=True))


console = _PlainConsole(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)
out_console = _PlainConsole(highlight=False, soft_wrap=True, markup=False, emoji=False)

disable_option = click.option(
    "--disable-plugin",
    "disabled",
    multiple=True,
    metavar="NAME",
    help="Leave this plugin out (repeatable).",
)

Command = TypeVar("Command", bound=Callable[..., Any])

force_option = click.option("--force", is_flag=True, help="Replace the output folder if it exists.")


def time_limit_option(
    default: float,
    help: str = "Safety net: seconds after which the route search stops whatever its work "
    "(it stops on --solutions, the same plan on any machine; a run this stops says so).",
) -> Callable[[Command], Command]:
    """The `--time-limit` option every planning command has, with its own default and help."""
    return click.option(
        "--time-limit",
        type=click.FloatRange(min=0.5),
        default=default,
        show_default=True,
        help=help,
    )


def solutions_option(default: int) -> Callable[[Command], Command]:
    """The `--solutions` option of the planning commands: the route search's work."""
    return click.option(
        "--solutions",
        type=click.IntRange(min=1),
        default=default,
        show_default=True,
        help="Solutions each route search tries before it stops: more may place more visits "
        "or drive less, and takes longer; the same number gives the same plan on any machine.",
    )


split_option = click.option(
    "--split",
    type=click.Choice(["auto", "none", "district", "area"]),
    default="auto",
    show_default=True,
    help=f"Route a large campaign in parts: auto (above {SPLIT_ABOVE} visits: by district, then "
    "by area), none, district, or area.",
)


def cluster_option(what: str) -> Callable[[Command], Command]:
    """The `--cluster ADDRESS` option: `what` runs on a Dask cluster instead of locally."""
    return click.option(
        "--cluster",
        metavar="ADDRESS",
        help=f"{what} on the Dask scheduler at ADDRESS (e.g. tcp://10.1.2.3:8786) instead of "
        "locally; needs songnuan[cluster] here and on the workers.",
    )


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn errors the user can fix into messages and exit status 2, without a traceback."""
    try:
        yield
    except ScenarioError as error:
        for problem in error.problems:
            console.print(str(problem), markup=False)
        console.print(f"共 {len(error.problems)} 个问题；未写入任何文件。", markup=False)
    except OutputExistsError as error:
        message = f"错误：{error.out} 已存在；要替换请加 --force"
        console.print(message, markup=False)
        console.print("未写入任何文件。", markup=False)
    except OutputNotWritableError as error:
        console.print(f"error: {error}", markup=False)
        console.print("未写入任何文件。", markup=False)
    except (
        PluginError,
        InfeasibleError,
        RoutingError,
        VaryError,
        ClusterError,
        ExplainError,
    ) as error:
        console.print(f"error: {error}", markup=False)
        console.print("未写入任何文件。", markup=False)
    else:
        return
    sys.exit(EXIT_INPUT)


@contextmanager
def progress() -> Iterator[Callable[[str], None]]:
    """A status line on stderr that shows what the solvers are doing while they work."""
    with console.status("planning…") as status:

        def show(message: str) -> None:
            status.update(Text(printable(message)))

        yield show
