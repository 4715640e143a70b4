"""Plans in worker processes: results, downloads, explain, subscriptions across a re-plan,
two plans at once, cancelling, what-if — each at HTTP level against real runs."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar
from starlette.testclient import TestClient
from webtools import TOWN, add_campaign, post, wait_for

from planner.explain import explain
from planner.load import load_scenario
from planner.plugins import make_plugin_manager
from planner.web.app import create_app

SCHOOL = TOWN.parent / "school-2027"


def start(client: TestClient, campaign: str, seconds: str = "10") -> str:
    """Start a plan of `campaign`; the run page's URL."""
    answer = post(
        client, f"/c/{campaign}/plan", {"time_limit": seconds}, page=f"/c/{campaign}/plan"
    )
    assert answer.status_code == 303  # type: ignore[attr-defined]
    return str(answer.headers["location"])  # type: ignore[attr-defined]


def files_of(page: str, run: str) -> dict[str, str]:
    """The download links of a run's page: file name → URL."""
    return {name: url for url, name in re.findall(rf'href="({run}/files/\d+)">([^<]+)</a>', page)}


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str, str]]:
    """A workspace with the town campaign planned once: (client, run URL, its finished page)."""
    workspace = tmp_path_factory.mktemp("planned") / "workspace"
    add_campaign(workspace)
    with TestClient(create_app(workspace), base_url="http://127.0.0.1:8000") as client:
        run = start(client, "2027-town")
        yield client, run, wait_for(client, run)


def test_results_show_figures_team_days_grants_and_reasons(
    planned: tuple[TestClient, str, str],
) -> None:
    """A finished plan's page has its figures, each team-day's visits, grants and not-made list;
    the plan page lists the run, and its progress fragment, once ended, reloads the page."""
    client, run, page = planned
    assert "已完成" in page
    assert run in client.get("/c/2027-town/plan").text
    fragment = client.get(f"{run}/status")
    assert fragment.headers.get("HX-Refresh") == "true" and "已完成" in fragment.text
    for heading in ("资助户数", "预算使用", "各组每天的走访", "未安排的走访及原因", "资助名单"):
        assert heading in page
    assert "第1慰问组" in page and "2027-01-18" in page


def test_downloads_a_calendar_and_the_workbook_that_open(
    planned: tuple[TestClient, str, str],
) -> None:
    """The team calendar parses and holds the team's visits; the workbook opens; 发放名单 marked."""
    client, run, page = planned
    files = files_of(page, run)
    calendar = Calendar.from_ical(client.get(files["calendars/group-1.ics"]).content)
    visits = [
        e for e in calendar.walk("VEVENT") if "送温暖" in e.get("CATEGORIES").to_ical().decode()
    ]
    plan = json.loads(client.get(files["plan.json"]).content)
    planned_visits = sum(len(r["visits"]) for r in plan["routes"] if r["team_id"] == "group-1")
    assert len(visits) == planned_visits > 0
    book = openpyxl.load_workbook(io.BytesIO(client.get(files["allocation.xlsx"]).content))
    assert "走访安排" in book.sheetnames
    assert re.search(r"allocation\.xlsx</a></td>\s*<td>[^<]*<strong[^>]*>【含个人敏感信息", page)
    report = client.get(files["report.html"])
    assert report.headers["content-disposition"].startswith("inline")
    assert report.headers["content-type"].startswith("text/html") and "<svg" in report.text
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"{run}/zip").content))
    assert sorted(archive.namelist()) == sorted(files)


def test_explain_answers_for_a_household(planned: tuple[TestClient, str, str]) -> None:
    """说明原因 gives the lines `songnuan explain --plan` gives; an unknown id says so."""
    client, run, _ = planned
    answer = post(client, f"{run}/explain", {"household": "T001"}, page=run)
    assert answer.status_code == 200  # type: ignore[attr-defined]
    shown = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", answer.text)]  # type: ignore[attr-defined]
    folder = Path(client.app.state.workspace.root) / "2027-town" / "runs" / run.rsplit("/", 1)[1]  # type: ignore[attr-defined]
    scenario = load_scenario(folder / "scenario")
    expected = explain(
        scenario,
        make_plugin_manager(scenario.campaign.plugins),
        "T001",
        plan_file=folder / "out" / "plan.json",
        time_limit=20,
        lang="zh",
    )
    assert shown == expected and len(expected) > 2
    unknown = post(client, f"{run}/explain", {"household": "X999"}, page=run)
    assert "没有这个编号" in unknown.text  # type: ignore[attr-defined]


def test_a_subscription_follows_a_replan_and_can_be_revoked(
    planned: tuple[TestClient, str, str],
) -> None:
    """The webcal feed keeps each event's UID across a re-plan with a day off and raises SEQUENCE
    of the changed ones; the re-plan's 走访安排 prints the address; revoking makes it 404."""
    client, run, _ = planned
    page = client.get("/c/2027-town/calendars").text
    feed = re.search(r'<option value="(\d+)">第1慰问组 ·', page)
    assert feed
    post(
        client,
        "/c/2027-town/calendars/subscribe",
        {"feed": feed.group(1)},
        page="/c/2027-town/calendars",
    )
    page = client.get("/c/2027-town/calendars").text
    address = re.search(r"webcal://127\.0\.0\.1:8000/cal/([A-Za-z0-9_-]{32,})\.ics", page)
    assert address and "<svg" in page
    assert address.group(0) in client.get(run).text  # the results page shows it, with its QR
    feed_url = f"/cal/{address.group(1)}.ics"
    before = {
        str(e["UID"]): e for e in Calendar.from_ical(client.get(feed_url).content).walk("VEVENT")
    }
    form = client.get(f"{run}/replan").text
    day = re.search(r'name="unavailable" value="(group-1@2027-01-19)"', form)
    assert day
    answer = post(
        client,
        f"{run}/replan",
        {"unavailable": day.group(1), "time_limit": "10"},
        page=f"{run}/replan",
    )
    replanned = str(answer.headers["location"])  # type: ignore[attr-defined]
    result = wait_for(client, replanned)
    assert "已完成" in result and "调整了什么" in result
    after = {
        str(e["UID"]): e for e in Calendar.from_ical(client.get(feed_url).content).walk("VEVENT")
    }
    assert set(before) <= set(after)
    changed = [
        uid
        for uid in before
        if after[uid].decoded("DTSTART") != before[uid].decoded("DTSTART")
        or str(after[uid].get("STATUS")) != str(before[uid].get("STATUS"))
    ]
    assert changed
    for uid in changed:
        assert int(after[uid].get("SEQUENCE", 0)) > int(before[uid].get("SEQUENCE", 0))
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(files_of(result, replanned)["allocation.xlsx"]).content)
    )
    sheet_text = " ".join(
        str(c.value) for row in book["走访安排"].iter_rows() for c in row if c.value
    )
    assert f"webcal://127.0.0.1:8000/cal/{address.group(1)}.ics" in sheet_text
    post(
        client,
        "/c/2027-town/calendars/revoke",
        {"token": address.group(1)},
        page="/c/2027-town/calendars",
    )
    assert client.get(feed_url).status_code == 404


def test_two_campaigns_plan_at_once_into_separate_runs(tmp_path: Path) -> None:
    """Two plans started together in one workspace both finish whole, each with its own plan."""
    workspace = tmp_path / "workspace"
    add_campaign(workspace, "2027-town")
    add_campaign(workspace, "2027-school", SCHOOL)
    with TestClient(create_app(workspace), base_url="http://127.0.0.1:8000") as client:
        runs = {name: start(client, name) for name in ("2027-town", "2027-school")}
        pages = {name: wait_for(client, run) for name, run in runs.items()}
        for name, run in runs.items():
            assert "已完成" in pages[name]
            plan = json.loads(client.get(files_of(pages[name], run)["plan.json"]).content)
            folder = workspace / name
            assert plan["campaign"]["name"] in (folder / "scenario.yaml").read_text("utf-8")
            assert plan["routes"]


def test_a_run_can_be_cancelled(client: TestClient, workspace: Path) -> None:
    """取消 ends a running plan's worker; the run is recorded as cancelled with no outputs."""
    add_campaign(workspace)
    run = start(client, "2027-town", seconds="300")
    answer = post(client, f"{run}/cancel", page=run)
    assert answer.status_code == 303  # type: ignore[attr-defined]
    page = client.get(run).text
    assert "已取消" in page and "下载" not in page
    folder = workspace / "2027-town" / "runs" / run.rsplit("/", 1)[1]
    assert not (folder / "out").exists()


def test_whatif_compares_variants_in_a_table_and_a_chart(
    client: TestClient, workspace: Path
) -> None:
    """Two budgets give a comparison table with both and the chart; a bad value is refused."""
    add_campaign(workspace)
    bad = post(
        client,
        "/c/2027-town/whatif",
        {"path": "budget.total", "values": "很多"},
        page="/c/2027-town/whatif",
    )
    assert bad.status_code == 422  # type: ignore[attr-defined]
    answer = post(
        client,
        "/c/2027-town/whatif",
        {"path": "budget.total", "values": "20000,30000", "time_limit": "30"},
        page="/c/2027-town/whatif",
    )
    page = wait_for(client, str(answer.headers["location"]))  # type: ignore[attr-defined]
    assert "假设分析结果" in page and "20,000" in page and "30,000" in page
    chart = re.search(r'<img class="chart" src="([^"]+)"', page)
    assert chart and client.get(chart.group(1)).content.startswith(b"\x89PNG")


def test_replan_adds_households_from_an_upload(planned: tuple[TestClient, str, str]) -> None:
    """A households table uploaded on the re-plan form goes through the rules into the plan."""
    client, run, _ = planned
    header = (TOWN / "households.csv").read_bytes().decode("utf-8-sig").splitlines()[0]
    columns = header.split(",")
    values = {
        "编号": "T900",
        "姓名": "新增户",
        "所在单位": "白塘村",
        "所在地点": "v01",
        "类别": "五保户",
        "家庭人口": "1",
    }
    row = ",".join(values.get(column, "") for column in columns)
    added = f"{header}\n{row}\n".encode()
    answer = post(
        client,
        f"{run}/replan",
        {"time_limit": "10"},
        {"added": ("迟报名单.csv", added)},
        page=f"{run}/replan",
    )
    page = wait_for(client, str(answer.headers["location"]))  # type: ignore[attr-defined]
    assert "已完成" in page, page[-2000:]
    assert "T900" in page and "新增户" in page


def test_a_run_of_a_scenario_with_problems_fails_saying_where(
    client: TestClient, workspace: Path
) -> None:
    """A plan of a campaign whose team starts from an unknown place fails with the loader's
    file:row:column problem on its page, and writes no outputs."""
    folder = add_campaign(workspace)
    yaml = (folder / "scenario.yaml").read_text(encoding="utf-8")
    (folder / "scenario.yaml").write_text(yaml.replace("depot: town", "depot: nowhere", 1), "utf-8")
    page = wait_for(client, start(client, "2027-town"))
    assert "未成功" in page and "输入有问题" in page and "scenario.yaml:" in page
    assert "下载" not in page
