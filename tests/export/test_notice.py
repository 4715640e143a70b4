"""The public notice (公示名单): masked names, period, contact, and nothing personal."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from planner.export.masking import mask_name
from planner.export.notice import write_notice
from planner.plan import Plan
from planner.scenario import Notice


class TextOf(HTMLParser):
    """The visible text of an HTML page, one string per element's text."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append(data.strip())


def with_notice(plan: Plan, notice: Notice, contact: str = "") -> Plan:
    """The plan with other notice options and contact line in its campaign."""
    scenario = plan.allocation.cases.scenario
    campaign = scenario.campaign.model_copy(update={"notice": notice, "contact": contact})
    cases = plan.allocation.cases.model_copy(
        update={"scenario": scenario.model_copy(update={"campaign": campaign})}
    )
    return plan.model_copy(
        update={"allocation": plan.allocation.model_copy(update={"cases": cases})}
    )


def sheet_rows(folder: Path) -> list[tuple[object, ...]]:
    """The rows of notice.xlsx, cached values."""
    workbook = openpyxl.load_workbook(folder / "notice.xlsx", data_only=True)
    return list(workbook["公示名单"].iter_rows(values_only=True))


def html_text(folder: Path) -> TextOf:
    """The parsed notice.html."""
    parser = TextOf()
    parser.feed((folder / "notice.html").read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("张小明", "张*明"),
        ("欧阳华", "欧阳*"),
        ("欧阳振华", "欧阳*华"),
        ("司马相如", "司马*如"),
        ("诸葛亮", "诸葛*"),
        ("上官婉儿", "上官*儿"),
        ("王家小明", "王*明"),
        ("阿依古丽·买买提", "阿*提"),
        ("欧阳", "欧*"),
        (" 李四 ", "李*"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    """Surname (one or two characters) and last character stay, the rest becomes one star."""
    assert mask_name(name) == masked


def test_notice_lists_masked_grants_by_unit(plan: Plan, tmp_path: Path) -> None:
    """notice.xlsx lists each grant with masked name, unit, category, amount, and a total."""
    write_notice(plan, tmp_path)
    table = sheet_rows(tmp_path)
    header = table.index(("序号", "姓名", "所在单位", "类别", "金额(元)"))
    assert table[header + 1 : header + 5] == [
        (1, "张*", "红星机械厂", "劳模", 2000),
        (2, "李*", "县城建公司", "困难职工", 500),
        (3, "王*", "县城建公司", "农民工", 500),
        ("合计", None, None, None, 3000),
    ]


def test_default_period_ends_before_the_first_visit_day(plan: Plan, tmp_path: Path) -> None:
    """Without options the 7-day period ends the day before the first working day (18 Jan)."""
    write_notice(with_notice(plan, Notice(), contact="县总工会 0851-1234567"), tmp_path)
    notes = [str(row[0]) for row in sheet_rows(tmp_path)[1:5]]
    assert "公示期：2027年1月11日至2027年1月17日（共7天）。" in notes
    assert "公示期内如有异议，请向县总工会 0851-1234567反映。" in notes


def test_period_from_the_scenario(plan: Plan, tmp_path: Path) -> None:
    """`campaign.notice` sets the period; without a contact line the organisation is named."""
    notice = Notice(start=dt.date(2027, 1, 4), days=5)
    write_notice(with_notice(plan, notice), tmp_path)
    texts = html_text(tmp_path).texts
    assert "公示期：2027年1月4日至2027年1月8日（共5天）。" in texts
    assert "公示期内如有异议，请向示例县总工会反映。" in texts
    assert texts[-2:] == ["示例县总工会", "2027年1月4日"]


def test_html_notice_matches_the_sheet(plan: Plan, tmp_path: Path) -> None:
    """notice.html shows the same title, masked names and total, and fetches nothing."""
    write_notice(plan, tmp_path)
    page = html_text(tmp_path)
    assert page.texts[0] == "2027年春节送温暖活动慰问对象公示名单"
    first_row = page.texts[page.texts.index("1") :][:5]
    assert first_row == ["1", "张*", "红星机械厂", "劳模", "2,000"]
    assert "3,000" in page.texts
    assert not {"script", "link", "img", "iframe"} & set(page.tags)


def test_no_personal_data_in_notice(
    plan: Plan, tmp_path: Path, personal_data: dict[str, list[str]]
) -> None:
    """No full name, ID, bank card, phone, address, income or diagnosis in either notice file."""
    write_notice(plan, tmp_path)
    xlsx = " ".join(str(value) for row in sheet_rows(tmp_path) for value in row)
    for text in (xlsx, (tmp_path / "notice.html").read_text(encoding="utf-8")):
        for values in personal_data.values():
            assert not [value for value in values if value in text]
        for private in ["张三", "李四", "13800001111", "0851-7654321", "东村3组12号"]:
            assert private not in text
