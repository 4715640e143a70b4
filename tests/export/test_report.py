"""report.html: one offline file with figures, budget, timeline, map and what was left out."""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.export.report import write_report
from planner.plan import Plan

SECTIONS = ["概况", "预算使用", "各类别", "各组走访", "走访时间线", "路线图"]


@pytest.fixture
def report(plan: Plan, tmp_path: Path) -> Path:
    """report.html written from the test plan."""
    write_report(plan, tmp_path)
    return tmp_path / "report.html"


def pixels(png: bytes) -> bytes:
    """The decompressed image data of a PNG (filter bytes included)."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    data, at = b"", 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        if png[at + 4 : at + 8] == b"IDAT":
            data += png[at + 8 : at + 8 + length]
        at += 12 + length
    return zlib.decompress(data)


def test_report_is_self_contained(report: Path) -> None:
    """No script, stylesheet link, image, font or any URL that would need the network."""
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\(|src=", html)
    assert not re.findall(r"https?://(?!www\.w3\.org/2000/svg)", html)


def test_the_header_says_the_solvers_states_in_words(report: Path) -> None:
    """The plan's solver codes (OPTIMAL, ROUTING_SUCCESS) are said in words, not shown."""
    html = report.read_text(encoding="utf-8")
    assert "经费分配：最优；路线：已找到" in html
    assert "OPTIMAL" not in html and "ROUTING_" not in html


def test_report_sections_and_figures(report: Path) -> None:
    """Summary figures, budget lines with their use, categories and teams are listed."""
    html = report.read_text(encoding="utf-8")
    for heading in SECTIONS:
        assert f"<h2>{heading}</h2>" in html
    for figure in [
        "<b>4</b><span>档案户数",
        "<b>3,000元</b>",
        "占预算 10,000元 的 30%",
        "<b>3</b><span>计划走访",
    ]:
        assert figure in html
    assert '<td>困难职工慰问金</td><td class="num">6,000</td><td class="num">1,000</td>' in html
    assert 'style="width:50.0%"' in html  # 劳模慰问金: 2,000 of 4,000


def test_timeline_has_a_row_per_team_day(report: Path) -> None:
    """The timeline labels each team-day and draws each visit as a bar with its household."""
    html = report.read_text(encoding="utf-8")
    assert "第一组（王书记）1月18日（周一）" in html
    assert "第二组（李主席）1月18日（周一）" in html
    assert "09:30–10:00 第1站 张三（劳模）" in html
    assert "12:00–13:00 午餐" in html


def test_route_map_draws_each_route_through_its_stops(report: Path) -> None:
    """Each team-day is a line through its places, depot to depot; the depot is named."""
    html = report.read_text(encoding="utf-8")
    assert html.count("<polyline") == 2
    assert "第一组 1月18日（周一）：县总工会→红星机械厂→东村→县总工会" in html
    assert ">县总工会</text>" in html


def test_route_map_follows_the_roads_between_stops(report: Path) -> None:
    """No road joins 东村 and the depot: the way back is drawn through 红星机械厂, as driven."""
    html = report.read_text(encoding="utf-8")
    lines = [points.split() for points in re.findall(r'<polyline[^>]*points="([^"]+)"', html)]
    first = next(line for line in lines if len(line) == 5)
    hq, factory, village, factory_again, hq_again = first
    assert (hq, factory) == (hq_again, factory_again) and village not in (hq, factory)
    assert sorted(map(len, lines)) == [3, 5]


def test_left_out_visits_and_households_with_reasons(report: Path) -> None:
    """Dropped visits and unfunded households are listed with the reason for each."""
    html = report.read_text(encoding="utf-8")
    assert "未安排的走访（1户）" in html and "工作时间和午休内排不下" in html
    assert "未获资助的户（1户）" in html and "困难职工慰问金余额0元，不足以支付标准500元" in html


def test_no_personal_data_in_report(report: Path, personal_data: dict[str, list[str]]) -> None:
    """No ID, bank card, income, diagnosis, phone or address in the report."""
    html = report.read_text(encoding="utf-8")
    for values in [*personal_data.values(), ["13800001111", "0851-7654321", "东村3组12号"]]:
        assert not [value for value in values if value in html]


def test_chromium_shows_the_report(
    report: Path, render: Callable[[Path], tuple[str, bytes]]
) -> None:
    """Headless Chromium renders the page: headings, both pictures and a non-blank screenshot."""
    dom, png = render(report)
    for heading in SECTIONS:
        assert f"<h2>{heading}</h2>" in dom
    assert dom.count("<svg") == 2
    assert "张三" in dom and "工作时间和午休内排不下" in dom
    assert png[16:24] == struct.pack(">II", 1280, 2000)
    assert len(set(pixels(png))) > 50  # a blank page has only a handful of byte values
