"""The clerk's path in a real browser (Debian's Chromium through Playwright), against the real
server: new campaign → upload the tables → budget → teams → plan with progress → download a
calendar and the workbook and open both → explain a household → re-plan with a team-day off,
the calendar keeping its UIDs.

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
from conftest import TOWN
from icalendar import Calendar

from planner.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
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
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860}, accept_downloads=True)
        page.goto(server)
        page.fill("input[name=name]", "2027年春节前走访慰问困难群众")
        page.select_option("select[name=plugin]", "town")
        page.click("form[action='/campaigns/new'] button")
        page.wait_for_url("**/c/**")
        assert page.locator("h1").inner_text() == "2027年春节前走访慰问困难群众"
        campaign = page.url
        page.goto(f"{campaign}/archive")
        page.set_input_files("input[name=places]", str(TOWN / "places.csv"))
        page.click("main form button")
        assert "地点表已更新" in page.locator("p.ok").inner_text()
        assert "depot" in page.locator(".problems").inner_text()  # the starter team's depot
        for table in ("roads", "households"):
            page.set_input_files(f"input[name={table}]", str(TOWN / f"{table}.csv"))
        page.click("main form button")
        assert "已更新" in page.locator("p.ok").inner_text()
        _shot(page, "archive")
        page.goto(f"{campaign}/budget")
        page.fill("input[name=total]", "30000")
        page.locator("input[name=line_amount]").first.fill("30000")
        page.click("main form button")
        assert page.locator("p.ok").inner_text() == "已保存。"
        _shot(page, "budget")
        page.goto(f"{campaign}/teams")
        team = page.locator("fieldset.team").first
        team.locator("input[name=tier]").fill("县领导")
        team.locator("input[name=depot]").fill("town")
        team.locator("textarea[name=days]").fill("腊月初十至腊月十三")
        page.click("main form button")
        assert "2027-01-17" in page.locator("p.resolved").first.inner_text()
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
        assert any("送温暖" in e.get("CATEGORIES").to_ical().decode() for e in before.values())  # type: ignore[attr-defined]
        with page.expect_download() as workbook_download:
            page.click("a:text('allocation.xlsx')")
        book = openpyxl.load_workbook(io.BytesIO(Path(workbook_download.value.path()).read_bytes()))
        assert "走访安排" in book.sheetnames
        page.fill("input[name=household]", "T001")
        page.click("text=说明原因")
        page.wait_for_selector("#explain .explain")
        assert page.locator("#explain").inner_text().strip()
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
        browser.close()
