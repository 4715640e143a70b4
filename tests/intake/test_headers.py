"""Archive headers mapped by name and synonym; close matches proposed, never applied."""

from __future__ import annotations

from planner.intake.headers import map_headers

HEADERS = [
    "序号",
    "姓名",
    "性别",
    "身份证号码",
    "工作单位",
    "家庭住址",
    "困难类别",
    "月收入（元）",
    "联系方式",
    "备注",
]


def test_synonyms_map_and_the_rest_is_listed() -> None:
    """身份证号码, 工作单位, 家庭住址, 月收入（元）, 联系方式 map by synonym; 性别 and 备注 are
    kept, 序号 is left out."""
    mapping = map_headers(HEADERS, {})
    fields = {HEADERS[i]: f for i, f in mapping.fields.items()}
    assert fields == {
        "姓名": "name",
        "身份证号码": "id_number",
        "工作单位": "unit",
        "家庭住址": "address",
        "困难类别": "category",
        "月收入（元）": "monthly_income",
        "联系方式": "phone",
    }
    assert mapping.kept == ("性别", "备注") and mapping.ignored == ("序号",)
    assert ("身份证号码", "id_number", "synonym") in mapping.applied


def test_a_close_match_is_proposed_not_applied() -> None:
    """家庭人均月收入 is not 家庭月收入: proposed, left unmapped, kept as it is."""
    mapping = map_headers(["姓名", "家庭人均月收入"], {})
    assert "monthly_income" not in mapping.fields.values()
    assert mapping.proposed == (("家庭人均月收入", "monthly_income"),)
    assert "家庭人均月收入" in mapping.kept


def test_map_confirms_overrides_and_leaves_out() -> None:
    """--map 家庭人均月收入=家庭月收入 applies it; --map 性别=- leaves a column out."""
    mapping = map_headers(
        ["姓名", "家庭人均月收入", "性别"], {"家庭人均月收入": "家庭月收入", "性别": "-"}
    )
    assert mapping.fields[1] == "monthly_income"
    assert ("家庭人均月收入", "monthly_income", "confirmed") in mapping.applied
    assert mapping.ignored == ("性别",)


def test_two_columns_for_one_field_are_reported() -> None:
    """联系电话 and 手机 both mean phone: the second is reported, not silently dropped."""
    mapping = map_headers(["姓名", "联系电话", "手机"], {})
    assert mapping.twice == (("phone", "联系电话", "手机"),)
