"""Every settings page and action at HTTP level: status, content, and the files it writes."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from starlette.testclient import TestClient
from webtools import add_campaign, csrf_of, post

from planner.load import load_scenario


def test_campaign_list_shows_campaigns_made_by_the_cli(client: TestClient, workspace: Path) -> None:
    """A scenario folder put into the workspace is listed under its campaign name, in Chinese."""
    add_campaign(workspace)
    page = client.get("/")
    assert page.status_code == 200
    assert "2027年春节前走访慰问困难群众" in page.text
    assert "新建活动" in page.text and "复制往年活动" in page.text


def test_new_campaign_writes_a_scenario_that_loads(client: TestClient, workspace: Path) -> None:
    """新建 from a plugin writes a scenario folder the CLI's loader reads as it stands."""
    answer = post(client, "/campaigns/new", {"plugin": "union", "year": "2027", "name": "测试活动"})
    assert answer.status_code == 303
    folder = workspace / answer.headers["location"].rsplit("/", 1)[1]
    scenario = load_scenario(folder)
    assert scenario.campaign.name == "测试活动" and scenario.campaign.plugins == ("union",)
    assert "场景完整，可以计划" in client.get(answer.headers["location"]).text


def test_copy_of_last_year_keeps_the_scenario_and_not_the_runs(
    client: TestClient, workspace: Path
) -> None:
    """复制往年活动 copies scenario files into a new folder with the new year, without runs/."""
    source = add_campaign(workspace)
    (source / "runs").mkdir()
    answer = post(client, "/campaigns/copy", {"source": "2027-town", "year": "2028"})
    copy = workspace / answer.headers["location"].rsplit("/", 1)[1]
    assert copy.name.startswith("2028-") and (copy / "households.csv").is_file()
    assert not (copy / "runs").exists()
    assert "year: 2028" in (copy / "scenario.yaml").read_text(encoding="utf-8")


def test_budget_form_saves_total_lines_and_standards(client: TestClient, workspace: Path) -> None:
    """The budget form writes budget.total, its lines and standards into scenario.yaml."""
    folder = add_campaign(workspace)
    page = client.get("/c/2027-town/budget")
    assert page.status_code == 200 and "预算科目" in page.text
    data = {
        "total": "32000",
        "line_id": ["general", ""],
        "line_name": ["春节慰问资金", ""],
        "line_amount": ["32000", ""],
        "line_cats": ["", ""],
        "standard:五保户": "600",
    }
    answer = post(client, "/c/2027-town/budget", data, page="/c/2027-town/budget")
    assert answer.status_code == 303
    scenario = load_scenario(folder)
    assert scenario.budget.total == 32000 and scenario.budget.standards["五保户"] == 600


def test_a_budget_that_does_not_load_is_not_saved(client: TestClient, workspace: Path) -> None:
    """A wrong value is listed at its scenario.yaml line and key; the file stays as it was."""
    folder = add_campaign(workspace)
    before = (folder / "scenario.yaml").read_bytes()
    data = {
        "total": "很多",
        "line_id": "general",
        "line_name": "x",
        "line_amount": "1",
        "line_cats": "",
    }
    answer = post(client, "/c/2027-town/budget", data, page="/c/2027-town/budget")
    assert answer.status_code == 422
    assert "scenario.yaml:" in answer.text and "活动保持原样" in answer.text
    assert (folder / "scenario.yaml").read_bytes() == before


def test_rules_form_is_generated_from_the_options_model(
    client: TestClient, workspace: Path
) -> None:
    """The town plugin's options appear as inputs with their docs; a change is saved."""
    folder = add_campaign(workspace)
    page = client.get("/c/2027-town/rules")
    assert page.status_code == 200
    from plugins.town import TownOptions  # the model the form is generated from

    for name in TownOptions.model_fields:
        assert f'name="town.{name}"' in page.text
    shown = dict(re.findall(r'name="(town\.[a-z_]+)" value="([^"]*)"', page.text))
    field, info = next((n, f) for n, f in TownOptions.model_fields.items() if f.annotation is int)
    data = {**shown, f"town.{field}": str(int(info.default or 0) + 1)}
    answer = post(client, "/c/2027-town/rules", data, page="/c/2027-town/rules")
    assert answer.status_code == 303
    assert load_scenario(folder).rules["town"][field] == int(info.default or 0) + 1


def test_teams_form_accepts_dates_as_scenario_yaml_does_and_shows_them_resolved(
    client: TestClient, workspace: Path
) -> None:
    """A team's days written 春节前5天 are saved and shown as the resolved date."""
    folder = add_campaign(workspace)
    doc = load_scenario(folder)
    team = doc.teams[0]
    keys = (
        "id",
        "name",
        "leader",
        "tier",
        "staff",
        "depot",
        "district",
        "hours",
        "lunch",
        "max_visits_per_day",
        "min_days",
        "min_visits",
    )
    data: dict[str, object] = {key: [] for key in (*keys, "days")}
    for t in doc.teams:
        values = {
            "id": t.id,
            "name": t.name,
            "leader": t.leader,
            "tier": t.tier,
            "staff": str(t.staff),
            "depot": t.depot,
            "district": t.district or "",
            "hours": "08:30-17:30",
            "lunch": "",
            "max_visits_per_day": "",
            "min_days": "2" if t.id == team.id else "",
            "min_visits": "",
        }
        for key in keys:
            data[key].append(values[key])  # type: ignore[union-attr]
        data["days"].append("春节前5天" if t.id == team.id else "2027-01-20")  # type: ignore[union-attr]
    data["fair_loads:min_days"] = "1"
    answer = post(client, "/c/2027-town/teams", data, page="/c/2027-town/teams")
    assert answer.status_code == 303, answer.text
    saved = load_scenario(folder).teams
    assert [d.date.isoformat() for d in saved[0].days] == ["2027-02-01"]
    assert "2027-02-01" in client.get("/c/2027-town/teams").text
    assert [team.min_days for team in saved] == [2] + [1] * (len(saved) - 1)


def test_teams_form_keeps_what_it_does_not_show(client: TestClient, workspace: Path) -> None:
    """A team's `max_minutes_per_day`, which the form has no field for, survives a save."""
    folder = add_campaign(workspace)
    yaml = folder / "scenario.yaml"
    text = yaml.read_text("utf-8")
    yaml.write_text(re.sub(r"(\n(\s*)tier: .*)", r"\1\n\2max_minutes_per_day: 400", text, 1), "utf-8")
    team = load_scenario(folder).teams[0]
    assert team.max_minutes_per_day == 400
    keys = ("id", "name", "leader", "tier", "staff", "depot", "hours", "days")
    values = (team.id, team.name, team.leader, team.tier, str(team.staff), team.depot,
              "08:30-17:30", "2027-01-20")
    data = {key: [value] for key, value in zip(keys, values, strict=True)}
    answer = post(client, "/c/2027-town/teams", data, page="/c/2027-town/teams")
    assert answer.status_code == 303, answer.text
    assert load_scenario(folder).teams[0].max_minutes_per_day == 400


def test_travel_form_sets_the_caps(client: TestClient, workspace: Path) -> None:
    """轻车简从: team size and cars a day are written to travel:."""
    folder = add_campaign(workspace)
    assert "roads.csv" in client.get("/c/2027-town/travel").text
    data = {"max_team_size": "5", "vehicles_per_day": "3", "service_minutes": "25"}
    assert post(client, "/c/2027-town/travel", data, page="/c/2027-town/travel").status_code == 303
    scenario = load_scenario(folder)
    assert scenario.travel.vehicles_per_day == 3 and scenario.visits.service_minutes == 25


def test_travel_form_chooses_the_estimate_with_its_figures(
    client: TestClient, workspace: Path
) -> None:
    """Choosing 直线估算 with a detour of 1.3 writes travel.minutes as the loader reads it."""
    folder = add_campaign(workspace)
    data = {
        "source": "estimate",
        "detour": "1.3",
        "speed_kmh": "40",
        "coordinates": "GCJ-02",
        "service_minutes": "30",
    }
    answer = post(client, "/c/2027-town/travel", data, page="/c/2027-town/travel")
    assert answer.status_code == 303  # type: ignore[attr-defined]
    travel = load_scenario(folder).travel
    assert travel.minutes.source == "estimate" and travel.minutes.detour == 1.3
    assert travel.coordinates == "GCJ-02"
    wrong = post(
        client,
        "/c/2027-town/travel",
        {"source": "osm"},
        {"osm_file": ("map.zip", b"PK")},
        page="/c/2027-town/travel",
    )
    assert wrong.status_code == 422 and ".osm.pbf" in wrong.text  # type: ignore[attr-defined]


def test_upload_of_a_households_table_replaces_it(client: TestClient, workspace: Path) -> None:
    """An XLSX upload in songnuan's columns becomes households.xlsx; the CSV goes."""
    import openpyxl

    folder = add_campaign(workspace)
    rows = list(csv.reader(io.StringIO(_text_of(folder / "households.csv"))))
    book = openpyxl.Workbook()
    for row in rows[:11]:
        book.active.append(row)
    path = folder.parent / "upload.xlsx"
    book.save(path)
    files = {"households": ("各单位名单.xlsx", path.read_bytes())}
    answer = post(client, "/c/2027-town/archive", {}, files, page="/c/2027-town/archive")
    assert answer.status_code == 200 and "已更新" in answer.text
    assert len(load_scenario(folder).households) == 10
    assert (folder / "households.xlsx").is_file() and not (folder / "households.csv").exists()


def test_a_failed_upload_leaves_the_campaign_as_it_was(client: TestClient, workspace: Path) -> None:
    """A table with a bad ID column lists file:row:column without the value; nothing changes."""
    folder = add_campaign(workspace)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    bad = "编号,姓名,身份证号,所在单位,所在地点,类别\nT001,张三,5299ABC123,白塘村,nowhere,五保户\n"
    files = {"households": ("h.csv", bad.encode("utf-8"))}
    answer = post(client, "/c/2027-town/archive", {}, files, page="/c/2027-town/archive")
    assert answer.status_code == 422
    assert "households.csv:2:" in answer.text and "5299ABC123" not in answer.text
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_unknown_campaign_is_a_chinese_404(client: TestClient) -> None:
    """A campaign that does not exist (or a name with a path in it) is 404, in Chinese."""
    assert client.get("/c/nope").status_code == 404
    assert "没有这个活动" in client.get("/c/nope").text
    outside = client.get("/c/..%2F..%2Fetc")
    assert outside.status_code == 404 and "没有这个" in outside.text


def test_pages_serve_their_own_script_and_style(client: TestClient) -> None:
    """htmx and the style sheet come from the app itself, no CDN."""
    page = client.get("/").text
    assert 'src="/static/htmx.min.js"' in page and "http" not in page.split("<body")[0]
    script = client.get("/static/htmx.min.js")
    assert script.status_code == 200 and "Zero-Clause BSD" in script.text[:400]
    assert csrf_of(page)


def _text_of(path: Path) -> str:
    """A bundled CSV's text, in whichever encoding it was saved."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")
