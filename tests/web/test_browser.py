"""The clerk's path in a real browser (Debian's Chromium through Playwright), against the real
server: new campaign → places → two units' lists with a near-miss header and one person in
both → confirm the mapping, keep the person once → budget → teams → plan with progress →
download a calendar and the workbook and open both → explain a household → re-plan with a
team-day off, the calendar keeping its UIDs.

With SONGNUAN_SCREENSHOTS=DIR set, the main pages are saved there as PNGs (the README's).
"""

from __future__ import annotations

import io
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import uvicorn
from icalendar import Calendar
from test_archive_import import PLACES, unit_lists

from planner.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, stopped afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(tmp_path / "workspace")
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=30)


def _shot(page: object, name: str) -> None:
    """Save a screenshot of the page when SONGNUAN_SCREENSHOTS names a folder."""
    folder = os.environ.get("SONGNUAN_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]


def _events(path: Path) -> dict[str, object]:
    """The events of a downloaded calendar by UID."""
    return {str(e["UID"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_the_clerks_path_in_chromium(server: str, tmp_path: Path) -> None:
    """From a new campaign to a re-plan, every step through the pages as a clerk clicks them."""
    places = tmp_path / "places.csv"
    places.write_text(PLACES, encoding="utf-8-sig")
    one, two = unit_lists(tmp_path)
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860}, accept_downloads=True)
        page.goto(server)
        page.fill("input[name=name]", "2027年春节送温暖活动")
        page.fill("input[name=org]", "示例县总工会")
        page.select_option("select[name=plugin]", "union")
        page.click("form[action='/campaigns/new'] button")
        page.wait_for_url("**/c/**")
        campaign = page.url
        _shot(page, "campaign")
        page.goto(f"{campaign}/archive")
        page.set_input_files("input[name=places]", str(places))
        page.click("form:has(input[name=places]) button")
        assert "地点表已更新" in page.locator("p.ok").inner_text()
        page.set_input_files("input[name=archives]", [str(one), str(two)])
        page.click("form:has(input[name=archives]) button")
        page.wait_for_url("**/import/**")
        assert page.locator("tr.proposed").inner_text().startswith("身份正号码")
        _shot(page, "import")
        page.click("text=保存选择")  # the proposal 身份正号码 → 身份证号, as preselected
        assert "同一人出现在两份名单里" in page.content()
        assert page.locator("text=写入困难户档案").is_disabled()
        page.locator("text=保留先出现的").first.click()
        page.click("text=写入困难户档案")
        assert "名单已导入" in page.locator("p.ok").inner_text()
        page.goto(f"{campaign}/budget")
        page.fill("input[name=total]", "3000")
        page.locator("input[name=line_amount]").first.fill("3000")
        page.click("main form button")
        assert page.locator("p.ok").inner_text() == "已保存。"
        _shot(page, "budget")
        page.goto(f"{campaign}/teams")
        page.locator("fieldset.team textarea[name=days]").first.fill("腊月十八至腊月十九")
        page.click("main form button")
        assert "2027-01-25" in page.locator("p.resolved").first.inner_text()
        _shot(page, "teams")
        page.goto(f"{campaign}/plan")
        page.fill("input[name=time_limit]", "10")
        page.click("text=开始计划")
        working = page.locator("#progress li:has-text('安排路线')")
        working.or_(page.locator("text=资助户数")).first.wait_for(timeout=120_000)
        _shot(page, "progress")
        page.wait_for_selector("text=资助户数", timeout=240_000)
        _shot(page, "results")
        with page.expect_download() as calendar_download:
            page.click("a:text('calendars/team-1.ics')")
        first = tmp_path / "first.ics"
        calendar_download.value.save_as(first)
        before = _events(first)
        visits = [e for e in before.values() if "送温暖" in e.get("CATEGORIES").to_ical().decode()]  # type: ignore[attr-defined]
        assert len(visits) >= 2
        with page.expect_download() as workbook_download:
            page.click("a:text('allocation.xlsx')")
        book = openpyxl.load_workbook(io.BytesIO(Path(workbook_download.value.path()).read_bytes()))
        assert "走访安排" in book.sheetnames
        page.fill("input[name=household]", "H0001")
        page.click("text=说明原因")
        page.wait_for_selector("#explain .explain")
        answer = page.locator("#explain").inner_text()
        assert "张一" in answer and "没有这个编号" not in answer  # H0001 is the first list's first
        page.click("text=在此基础上调整计划")
        page.locator("input[name=unavailable]").first.check()
        page.fill("input[name=time_limit]", "10")
        page.click("text=开始调整")
        page.wait_for_selector("text=调整了什么", timeout=240_000)
        _shot(page, "replan")
        with page.expect_download() as again:
            page.click("a:text('calendars/team-1.ics')")
        second = tmp_path / "second.ics"
        again.value.save_as(second)
        assert set(before) <= set(_events(second))
        page.goto(f"{campaign}/calendars")
        page.click("text=生成地址和二维码")
        address = page.locator("code.address").first.inner_text()
        assert address.startswith("webcal://127.0.0.1:") and page.locator(".qr svg").count() == 1
        _shot(page, "calendars")
        browser.close()
