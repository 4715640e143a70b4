"""whatif.png: coverage against budget, in Chinese with a CJK font and in English without."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from matplotlib import font_manager

from planner.load import load_scenario
from planner.plugins import make_plugin_manager
from planner.whatif.charts import cjk_font, knob_label, write_chart
from planner.whatif.run import Outcome, plan_variant, variant_jobs
from planner.whatif.vary import Knob, parse_vary

TINY = Path(__file__).resolve().parent.parent / "data" / "tiny"


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    """Four variants of the tiny scenario, planned in this process."""
    scenario = load_scenario(TINY)
    pm = make_plugin_manager(scenario.campaign.plugins)
    varies = [parse_vary("budget.total=2000,3000"), parse_vary("standards.困难职工=400,500")]
    jobs = variant_jobs(scenario, pm, varies, disabled=(), time_limit=2)
    return [plan_variant(job) for job in jobs]


def test_without_a_cjk_font_the_chart_is_drawn_in_english(
    outcomes: list[Outcome], tmp_path: Path
) -> None:
    """No glyph is missing when no CJK font is given: every label is English (CI has no font)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = write_chart(tmp_path, outcomes, font=None)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_english_labels_name_chinese_figures_by_their_vary_option() -> None:
    """A category name cannot be shown without the font, so its --vary position stands in."""
    assert knob_label(Knob("total"), 1, "en") == "total budget (yuan)"
    assert knob_label(Knob("line", "model-workers"), 1, "en") == "budget line model-workers (yuan)"
    assert knob_label(Knob("standard", "困难职工"), 2, "en") == "--vary #2"
    assert knob_label(Knob("standard", "困难职工"), 2, "zh") == "困难职工标准（元）"


def test_with_a_cjk_font_the_chart_is_drawn_in_chinese(
    outcomes: list[Outcome], tmp_path: Path
) -> None:
    """With the font installed (fonts-noto-cjk here) every Chinese label has its glyphs."""
    font = cjk_font()
    if font is None:
        pytest.skip("no CJK font installed")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        write_chart(tmp_path, outcomes, font=font)


def test_a_cjk_font_installed_after_matplotlib_listed_its_fonts_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """matplotlib's cached font list predates the font (installed after a first run): the
    chart still finds it among the system's font files."""
    if not any("CJK" in path for path in font_manager.findSystemFonts()):
        pytest.skip("no CJK font installed")
    cached = [font for font in font_manager.fontManager.ttflist if "CJK" not in font.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", cached)
    cjk_font.cache_clear()
    try:
        assert cjk_font() is not None
    finally:
        cjk_font.cache_clear()


def test_the_same_figures_draw_the_same_png(outcomes: list[Outcome], tmp_path: Path) -> None:
    """The chart has no timestamp: the same variants give the same bytes."""
    first = write_chart(tmp_path, outcomes, font=None).read_bytes()
    assert write_chart(tmp_path, outcomes, font=None).read_bytes() == first
