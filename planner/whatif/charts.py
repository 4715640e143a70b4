"""`whatif.png`: coverage (share of eligible households funded) of each budget line against the
budget.

The x axis is the total budget when it is varied, else the first varied figure. Each budget
line is a solid line and all eligible households a dashed one, so a line that binds shows as the
flat one while the total rises; each combination of the other varied figures is another set of
lines, so "what does another 20,000 yuan buy, at each standard" is read off at a glance.

Labels are Chinese when a CJK font is installed (e.g. Debian's fonts-noto-cjk) and English
otherwise, so a machine without the font (CI) still draws a readable chart instead of boxes.
Category and line names have no English (a budget line is called by its id); without the font,
a varied figure that names a category is called by its `--vary` option's position (`--vary
#2`). The chart is drawn with matplotlib's Agg canvas directly, without pyplot's global state or
an interactive backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from planner.i18n import Lang, Phrase
from planner.whatif.compare import coverage, named
from planner.whatif.run import Outcome
from planner.whatif.vary import knob_label

FILENAME = "whatif.png"

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
)
"""Fonts with simplified Chinese, preferred in this order; any other "CJK" font will do too."""

TITLE = Phrase("各资金渠道资助覆盖率", "Coverage per budget line")
Y_LABEL = Phrase("获资助户数占符合条件户数（%）", "eligible households funded (%)")
ALL = Phrase("全部符合条件户", "all eligible")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
"""One marker per combination of the figures off the x axis; one colour per budget line."""


@cache
def cjk_font() -> str | None:
    """The name of an installed font that has Chinese characters, or None.

    matplotlib knows the fonts it listed when it first ran on the machine (its cache), so a font
    installed later — fonts-noto-cjk, installed after a first English chart — is looked for
    among the system's font files too before the chart falls back to English.
    """
    found = _known_cjk_font()
    if found is None and _add_fonts_installed_since_the_cache():
        found = _known_cjk_font()
    return found


def _known_cjk_font() -> str | None:
    installed = {font.name for font in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    return next((name for name in sorted(installed) if "CJK" in name), None)


def _add_fonts_installed_since_the_cache() -> bool:
    """Add the system's font files matplotlib's list lacks; say whether there were any."""
    known = {font.fname for font in font_manager.fontManager.ttflist}
    added = False
    for path in font_manager.findSystemFonts():
        if path in known:
            continue
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError):
            continue  # a file FreeType cannot read, as matplotlib's own scan skips it
        added = True
    return added


def write_chart(folder: Path, outcomes: Sequence[Outcome], *, font: str | None) -> Path:
    """Draw the chart into `folder / whatif.png`, in Chinese with `font`, else in English."""
    lang: Lang = "zh" if font else "en"
    families = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    path = folder / FILENAME
    # Fonts are looked up when the figure is rendered, so saving happens inside the context too.
    with rc_context({"font.family": "sans-serif", "font.sans-serif": families}):
        _draw(outcomes, lang).savefig(path, metadata={"Software": None})
    return path


def _draw(outcomes: Sequence[Outcome], lang: Lang) -> Figure:
    """The figure: coverage of each budget line (solid) and of all eligible households (dashed),
    one set of lines per combination of the figures not on the x axis."""
    knobs = [knob for knob, _ in outcomes[0].settings] if outcomes else []
    x_at = next((i for i, knob in enumerate(knobs) if knob.kind == "total"), 0)
    series: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for outcome in outcomes:
        summary, needs = outcome.summary, outcome.needs
        if summary is None or needs is None:
            continue
        others = ", ".join(
            f"{knob_label(named(knob, outcomes, lang), i + 1, lang)} = {value}"
            for i, (knob, value) in enumerate(outcome.settings)
            if i != x_at
        )
        x = outcome.settings[x_at][1] if knobs else outcome.number
        for line in needs.lines:
            name = line.name if lang == "zh" or line.name.isascii() else line.line_id
            series.setdefault((name, others), []).append((x, line.coverage))
        series.setdefault((ALL.say(lang), others), []).append((x, coverage(summary)))
    figure = Figure(figsize=(8, 5), dpi=120)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    names = list(dict.fromkeys(name for name, _ in series))
    combinations = list(dict.fromkeys(others for _, others in series))
    for (name, others), points in series.items():
        xs, ys = zip(*sorted(points), strict=True)
        label = f"{name}（{others}）" if others and lang == "zh" else name
        label = f"{name} ({others})" if others and lang == "en" else label
        axes.plot(
            xs,
            ys,
            "--" if name == ALL.say(lang) else "-",
            color=f"C{names.index(name) % 10}",
            marker=MARKERS[combinations.index(others) % len(MARKERS)],
            label=label,
        )
    axes.set_title(TITLE.say(lang))
    axes.set_xlabel(
        knob_label(named(knobs[x_at], outcomes, lang), x_at + 1, lang) if knobs else "#"
    )
    axes.set_ylabel(Y_LABEL.say(lang))
    axes.set_ylim(0, 105)
    axes.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.grid(True, alpha=0.3)
    if series:
        axes.legend(fontsize="small")
    figure.tight_layout()
    return figure
