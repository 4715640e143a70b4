"""`whatif.png`: coverage (share of eligible households funded) against the budget.

The x axis is the total budget when it is varied, else the first varied figure; each
combination of the other varied figures is one line, so "what does another 20,000 yuan buy, at
each standard" is read off at a glance.

Labels are Chinese when a CJK font is installed (e.g. Debian's fonts-noto-cjk) and English
otherwise, so a machine without the font (CI) still draws a readable chart instead of boxes.
Category names and line ids have no English; without the font, a varied figure that names one
is called by its `--vary` option's position (`--vary #2`). The chart is drawn with matplotlib's
Agg canvas directly, without pyplot's global state or an interactive backend.
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
from planner.whatif.compare import coverage
from planner.whatif.run import Outcome
from planner.whatif.vary import Knob

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

TITLE = Phrase("资助覆盖率与预算", "Coverage against budget")
Y_LABEL = Phrase("获资助户数占符合条件户数（%）", "eligible households funded (%)")
KNOB_LABELS = {
    "total": Phrase("预算总额（元）", "total budget (yuan)"),
    "line": Phrase("预算渠道{name}金额（元）", "budget line {name} (yuan)"),
    "standard": Phrase("{name}标准（元）", "standard for {name} (yuan)"),
    "service_minutes": Phrase("每户走访分钟数", "minutes per visit"),
}


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


def knob_label(knob: Knob, position: int, lang: Lang) -> str:
    """How the chart names a varied figure; `position` is its `--vary` option's, from 1."""
    if lang == "en" and not knob.name.isascii():
        return f"--vary #{position}"
    return KNOB_LABELS[knob.kind].say(lang, name=knob.name)


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
    """The figure: one line of coverage per combination of the figures not on the x axis."""
    knobs = [knob for knob, _ in outcomes[0].settings] if outcomes else []
    x_at = next((i for i, knob in enumerate(knobs) if knob.kind == "total"), 0)
    series: dict[str, list[tuple[int, float]]] = {}
    for outcome, summary in [(o, s) for o in outcomes if (s := o.summary) is not None]:
        others = [
            f"{knob_label(knob, i + 1, lang)} = {value}"
            for i, (knob, value) in enumerate(outcome.settings)
            if i != x_at
        ]
        x = outcome.settings[x_at][1] if knobs else outcome.number
        series.setdefault(", ".join(others), []).append((x, coverage(summary)))
    figure = Figure(figsize=(8, 5), dpi=120)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for name, points in series.items():
        xs, ys = zip(*sorted(points), strict=True)
        axes.plot(xs, ys, marker="o", label=name or None)
    axes.set_title(TITLE.say(lang))
    axes.set_xlabel(knob_label(knobs[x_at], x_at + 1, lang) if knobs else "#")
    axes.set_ylabel(Y_LABEL.say(lang))
    axes.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.grid(True, alpha=0.3)
    if any(series):
        axes.legend()
    figure.tight_layout()
    return figure
