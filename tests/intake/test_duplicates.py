"""不重: the same person in two lists, by ID number or by name, unit and address."""

from __future__ import annotations

from intake.archives import id_number

from planner.intake.duplicates import find_duplicates
from planner.intake.records import Record


def test_the_same_id_number_written_differently_is_one_person() -> None:
    """Full-width digits, spaces and a lower-case x do not hide a duplicate; both rows named."""
    number = "11010519491231002X"
    typed = "１１０１０５ 19491231 002x"
    first = Record("一厂.xlsx:档案", 4, {"name": "张一", "id_number": number})
    again = Record("二厂.csv", 7, {"name": "张一", "id_number": typed})
    (duplicate,) = find_duplicates(
        [first, again, Record("二厂.csv", 8, {"id_number": id_number(3)})]
    )
    assert duplicate.again.where == "二厂.csv:7"
    assert duplicate.message() == (
        "与 一厂.xlsx:档案:4 是同一个人（身份证号码相同）：同一户只能留在一份名单里"
    )
    assert number not in duplicate.message()


def test_without_id_numbers_name_unit_and_address_decide() -> None:
    """Same name, unit and address is the same person; same name elsewhere is not."""
    values = {"name": "李二", "unit": "一厂", "address": "新店镇凤坝村2组"}
    found = find_duplicates(
        [
            Record("a.csv", 2, values),
            Record("b.csv", 2, values),
            Record("b.csv", 3, {**values, "address": "五德镇新华村1组"}),
        ]
    )
    assert [d.again.where for d in found] == ["b.csv:2"] and not found[0].by_id_number
