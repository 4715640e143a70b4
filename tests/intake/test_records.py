"""Archive rows as households: ID numbers normalised and checked, notes read, totals skipped."""

from __future__ import annotations

from intake.archives import id_number

from planner.intake.archives import Archive, ArchiveRow
from planner.intake.headers import map_headers
from planner.intake.records import to_records

HEADERS = ("序号", "姓名", "身份证号码", "工作单位", "困难类别", "备注")


def records(*rows: tuple[str, ...], numeric: frozenset[int] = frozenset()):  # type: ignore[no-untyped-def]
    archive = Archive(
        "一厂.xlsx:档案",
        2,
        HEADERS,
        tuple(ArchiveRow(n + 3, r, numeric) for n, r in enumerate(rows)),
    )
    return to_records(archive, map_headers(HEADERS, {}))


def test_a_visit_noted_in_remarks_becomes_last_visited_year() -> None:
    """备注 "2026年已慰问" sets 上次慰问年份 2026, so last year's exclusion applies."""
    found = records(("1", "张一", id_number(1), "一厂", "困难职工", "2026年已慰问，家中有病人"))
    (record,) = found.records
    assert record.values["last_visited_year"] == "2026" and record.visited_from_notes
    assert record.extra["备注"] == "2026年已慰问，家中有病人"


def test_a_wrong_id_number_is_a_problem_at_its_cell_without_the_number() -> None:
    """The problem names archive, row and column; the number itself appears nowhere."""
    wrong = id_number(1)[:-1] + ("0" if id_number(1)[-1] != "0" else "1")
    (problem,) = records(("1", "张一", wrong, "一厂", "困难职工", "")).problems
    assert str(problem).startswith("一厂.xlsx:档案:3:身份证号码: 身份证号码")
    assert wrong not in str(problem)


def test_id_numbers_in_number_cells_and_empty_required_cells_are_problems() -> None:
    """Digits through a number cell may be lost; a household without a unit is incomplete."""
    found = records(("1", "张一", id_number(1), "", "困难职工", ""), numeric=frozenset({2}))
    assert [str(p) for p in found.problems] == [
        "一厂.xlsx:档案:3:工作单位: 不能为空：每一户都要填 所在单位",
        "一厂.xlsx:档案:3:身份证号码: 存成了数字，数字可能已丢失："
        "请把这一列设成“文本”格式后重新填写",
    ]


def test_a_totals_row_is_left_out() -> None:
    """合计 under the list is not a household."""
    found = records(
        ("1", "张一", id_number(1), "一厂", "困难职工", ""), ("合计", "", "", "", "", "")
    )
    assert len(found.records) == 1 and found.skipped_totals == 1
