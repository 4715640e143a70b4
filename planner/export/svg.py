"""Small helpers for the report's inline SVG: escaped elements and one colour per team.

The timeline and the map colour a team the same way, so a reader can follow a team from one
picture to the other; the legend below each picture uses the same colours.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#bcbd22",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#2f4b7c",
)
"""Tableau 10 without its grey and yellow, which read as the timeline's driving and lunch bars."""


def team_colours(team_ids: Iterable[str]) -> dict[str, str]:
    """A colour per team, in scenario order, the palette repeating after ten teams."""
    return {team: PALETTE[i % len(PALETTE)] for i, team in enumerate(team_ids)}


def tag(name: str, content: str = "", **attributes: str | float) -> str:
    """An SVG element; `content` is markup already, attribute names use `_` for `-`."""
    attrs = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{escape(_number(value))}"'
        for key, value in attributes.items()
    )
    return f"<{name}{attrs}>{content}</{name}>" if content else f"<{name}{attrs}/>"


def title(text: str) -> str:
    """A tooltip for the enclosing element (shown on hover, read by screen readers)."""
    return f"<title>{escape(text)}</title>"


def text(content: str, **attributes: str | float) -> str:
    """A text element with escaped content."""
    return tag("text", escape(content), **attributes)


def svg(width: float, height: float, label: str, content: Iterable[str]) -> str:
    """A standalone inline SVG picture of the given size, labelled for screen readers."""
    body = "\n".join(content)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" role="img" aria-label="{escape(label)}">\n'
        f"{body}\n</svg>"
    )


def legend(colours: dict[str, str], names: dict[str, str]) -> str:
    """An HTML legend: a coloured swatch and a name per entry."""
    items = "".join(
        f'<span class="key"><span class="swatch" style="background:{colour}"></span>'
        f"{escape(names[key])}</span>"
        for key, colour in colours.items()
    )
    return f'<p class="legend">{items}</p>'


def _number(value: str | float) -> str:
    """Attribute values: numbers short (12.5, not 12.500000), text as given."""
    return f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
