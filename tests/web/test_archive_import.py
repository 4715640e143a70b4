"""档案 → 导入名单: two units' lists through issue 13's import, step by step on the page:
a near-miss header proposed and confirmed, one person in both lists kept once, then written."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from intake.archives import id_number, person, write_archive
from starlette.testclient import TestClient
from webtools import post

from planner.load import load_scenario

PLACES = (
    "编号,名称,所属乡镇,类型,经度,纬度\n"
    "office,本单位,城关镇,县城,106.70000,26.60000\n"
    "fb,凤坝村,新店镇,村,106.81000,26.66000\n"
    "wh,文化社区,城关镇,社区,106.71000,26.61000\n"
    "xh,新华村,五德镇,村,106.62000,26.55000\n"
)


def unit_lists(folder: Path) -> tuple[Path, Path]:
    """Two units' lists as clerks keep them; the second misspells 身份证号码 and repeats 李二."""
    shared = person(2, "李二", "一厂", "新店镇凤坝村2组")
    one = write_archive(
        folder / "一厂.xlsx",
        [
            person(1, "张一", "一厂", "新店镇凤坝村4组"),
            shared,
            person(3, "王三", "一厂", "城关镇文化社区17号"),
        ],
    )
    two = write_archive(
        folder / "二厂.xlsx",
        [
            person(4, "赵四", "二厂", "五德镇新华村1组"),
            [*shared[:4], "二厂", *shared[5:]],
        ],
    )
    book = openpyxl.load_workbook(two)
    book["困难职工档案"].cell(2, 4).value = "身份正号码"
    book.save(two)
    return one, two


def new_union_campaign(client: TestClient, workspace: Path) -> tuple[str, Path]:
    """A new union campaign with places that the lists' addresses name."""
    answer = post(client, "/campaigns/new", {"plugin": "union", "year": "2027", "name": "导入测试"})
    url = str(answer.headers["location"])  # type: ignore[attr-defined]
    places = {"places": ("places.csv", PLACES.encode("utf-8"))}
    post(client, f"{url}/archive", {}, places, page=f"{url}/archive")
    return url, workspace / url.rsplit("/", 1)[1]


def test_two_lists_are_imported_after_the_mapping_and_the_duplicate_are_resolved(
    client: TestClient, workspace: Path, tmp_path: Path
) -> None:
    """The proposal is shown and confirmed, the duplicate shown side by side and kept once;
    only then is households.csv written, with every household located, no ID on any page."""
    url, folder = new_union_campaign(client, workspace)
    one, two = unit_lists(tmp_path)
    files = [("archives", (p.name, p.read_bytes())) for p in (one, two)]
    answer = post(client, f"{url}/import", {}, files, page=f"{url}/archive")
    page_url = str(answer.headers["location"])  # type: ignore[attr-defined]
    page = client.get(page_url).text
    assert "身份正号码" in page and "建议：身份证号" in page and "请确认" in page

    post(client, f"{page_url}/map", {"header": "身份正号码", "target": "身份证号"}, page=page_url)
    page = client.get(page_url).text
    assert "同一人出现在两份名单里" in page and page.count("李二") >= 2
    assert re.search(r"<button\s+disabled>写入困难户档案", page)
    before = (folder / "households.csv").read_bytes()
    refused = post(client, f"{page_url}/write", page=page_url)
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert (folder / "households.csv").read_bytes() == before
    keep_first = re.search(
        r'name="archive" value="(二厂\.xlsx[^"]*)"><input type="hidden" '
        r'name="row" value="(\d+)"><button>保留先出现的',
        page,
    )
    assert keep_first
    post(
        client,
        f"{page_url}/drop",
        {"archive": keep_first.group(1), "row": keep_first.group(2)},
        page=page_url,
    )
    page = client.get(page_url).text
    assert "没有问题：共 4 户" in page
    written = post(client, f"{page_url}/write", page=page_url)
    assert written.status_code == 200 and "名单已导入" in written.text  # type: ignore[attr-defined]
    scenario = load_scenario(folder)
    assert sorted(h.name for h in scenario.households) == ["张一", "李二", "王三", "赵四"]
    assert {h.place for h in scenario.households} == {"fb", "wh", "xh"}
    assert (folder / "import-report.txt").is_file()
    for number in (1, 2, 3, 4):
        assert id_number(number) not in page and id_number(number) not in written.text  # type: ignore[attr-defined]
    assert client.get(page_url).status_code == 404  # the import is done and its copies gone
