"""`--lang`: Chinese by default wherever a command speaks to people, English on request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from planner.i18n import LANGS

Command = TypeVar("Command", bound=Callable[..., Any])

lang_option: Callable[[Command], Command] = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default="zh",
    show_default=True,
    help="zh: plain Chinese; en: English.",
)
