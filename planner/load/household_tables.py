"""The columns of the tables about households: the archive and the visits of past years."""

from __future__ import annotations

from planner.tables import ColumnSpec

HOUSEHOLD_COLUMNS = (
    ColumnSpec("id", "编号", required=True),
    ColumnSpec("name", "姓名", required=True),
    ColumnSpec("id_number", "身份证号", kind="digits"),
    ColumnSpec("bank_card", "银行卡号", kind="digits"),
    ColumnSpec("phone", "联系电话", kind="digits"),
    ColumnSpec("unit", "所在单位", required=True),
    ColumnSpec("place", "所在地点"),
    ColumnSpec("address", "地址"),
    ColumnSpec("category", "类别", required=True),
    ColumnSpec("household_size", "家庭人口", kind="int"),
    ColumnSpec("marital_status", "婚姻状况"),
    ColumnSpec("children", "未婚子女数", kind="int"),
    ColumnSpec("monthly_income", "家庭月收入", kind="yuan"),
    ColumnSpec("children_in_school", "子女上学", kind="yesno"),
    ColumnSpec("disabled", "残疾", kind="yesno"),
    ColumnSpec("single_parent", "单亲", kind="yesno"),
    ColumnSpec("serious_illness", "重大疾病", kind="yesno"),
    ColumnSpec("accident", "意外灾害", kind="yesno"),
    ColumnSpec("medical_cost", "自负医药费", kind="yuan"),
    ColumnSpec("archived", "已建档", kind="yesno"),
    ColumnSpec("last_visited_year", "上次慰问年份", kind="int"),
    ColumnSpec("difficulty", "困难程度"),
    ColumnSpec("tier", "慰问层级"),
    ColumnSpec("visit", "走访", kind="visit"),
    ColumnSpec("window_date", "可走访日期", kind="date"),
    ColumnSpec("window_start", "可走访开始", kind="time"),
    ColumnSpec("window_end", "可走访结束", kind="time"),
    ColumnSpec("x", "经度", kind="number"),
    ColumnSpec("y", "纬度", kind="number"),
)
"""households.csv, as docs/scenario.md lists it."""

HISTORY_COLUMNS = (
    ColumnSpec("household_id", "编号", required=True),
    ColumnSpec("year", "年份", required=True, kind="int"),
    ColumnSpec("place", "地点"),
)
"""history.csv, as docs/scenario.md lists it."""
