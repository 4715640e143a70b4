"""Loading a scenario folder: typed values, team shorthand, and file:row:column problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from planner.load import load_scenario
from planner.problems import ScenarioError
from planner.scenario import LunchBreak, Scenario, TeamDay

SCENARIO = """\
campaign:
  name: 测试活动
  year: 2027
  plugins: [union]
budget:
  total: 10000
  lines:
    - id: model-workers
      name: 劳模慰问金
      amount: 3000
      categories: [劳模]
    - id: needy
      name: 困难职工慰问金
      amount: 7000
  standards:
    困难职工: 500
    劳模: 1000
rules:
  union:
    dibao_line: 780
teams:
  - id: t1
    name: 第一组
    leader: 王副县长
    tier: 县领导
    staff: 2
    depot: seat
    hours: "08:30-17:30"
    lunch: "11:30-13:30/60"
    days:
      - 2027-01-31
      - date: 2027-02-01
        hours: "08:30-12:00"
        lunch: none
"""
PLACES = """\
id,name,district,kind,x,y
seat,县城,城关,县城,106.70,26.60
v1,一村,城关,村,106.80,26.70
v2,二村,城关,村,106.90,26.80
"""
ROADS = "from,to,minutes\nseat,v1,20\nv1,v2,15\n"
HOUSEHOLDS = """\
编号,姓名,身份证号,所在单位,所在地点,类别,家庭月收入,残疾,工龄
H1,张三,520102198001010013,一厂,v1,困难职工,1200,是,20
H2,李四,520102198002020029,二厂,v2,劳模,,,
"""
ID_NUMBER = "520102198001010013"
WINDOW_COLUMNS = "可走访日期,可走访开始,可走访结束"


def make(tmp_path: Path, changes: dict[str, str | None] | None = None) -> Path:
    """A scenario folder: the valid default files, with some replaced (or left out: None)."""
    files: dict[str, str | None] = {
        "scenario.yaml": SCENARIO,
        "places.csv": PLACES,
        "roads.csv": ROADS,
        "households.csv": HOUSEHOLDS,
    }
    files.update(changes or {})
    for name, text in files.items():
        if text is not None:
            (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def problems(folder: Path) -> list[str]:
    """The problems a load reports, as the user sees them."""
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [str(problem) for problem in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line containing `needle`, to keep tests readable."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def households(*rows: str, header: str = HOUSEHOLDS.splitlines()[0]) -> str:
    """A households table with the default header and the given rows."""
    return "\n".join([header, *rows]) + "\n"


def test_valid_scenario_loads(tmp_path: Path) -> None:
    """A valid folder becomes a Scenario with typed households, places, roads and rules."""
    scenario = load_scenario(make(tmp_path))
    assert isinstance(scenario, Scenario)
    first, second = scenario.households
    assert (first.id_number, first.monthly_income, first.disabled) == (ID_NUMBER, 1200, True)
    assert (first.row, first.extra) == (2, {"工龄": "20"})
    assert (second.monthly_income, second.disabled, second.archived) == (None, False, True)
    assert [road.minutes for road in scenario.roads] == [20, 15]
    assert scenario.settings_for("union") == {"dibao_line": 780}
    assert scenario.households_file == "households.csv"


def test_team_shorthand(tmp_path: Path) -> None:
    """hours/lunch/days shorthand expands to TeamDays; a day overrides hours and lunch."""
    team = load_scenario(make(tmp_path)).teams[0]
    lunch = LunchBreak(earliest=dt.time(11, 30), latest=dt.time(13, 30), minutes=60)
    assert team.days == (
        TeamDay(date=dt.date(2027, 1, 31), start=dt.time(8, 30), end=dt.time(17, 30), lunch=lunch),
        TeamDay(date=dt.date(2027, 2, 1), start=dt.time(8, 30), end=dt.time(12), lunch=None),
    )


def test_fixed_lunch_and_unquoted_times(tmp_path: Path) -> None:
    """A lunch without /minutes is fixed (minutes = span); unquoted times stay times."""
    text = SCENARIO.replace('"08:30-17:30"', "8:30-17:30")
    text = text.replace('"11:30-13:30/60"', "12:00-13:00")
    day = load_scenario(make(tmp_path, {"scenario.yaml": text})).teams[0].days[0]
    assert day.start == dt.time(8, 30)
    assert day.lunch == LunchBreak(earliest=dt.time(12, 0), latest=dt.time(13, 0), minutes=60)


def test_cell_values_typed(tmp_path: Path) -> None:
    """Yes/no variants, ISO dates, HH:MM times and 必访 are converted to typed values."""
    header = "编号,姓名,所在单位,所在地点,类别,残疾,单亲,已建档,走访," + WINDOW_COLUMNS
    rows = households(
        "H1,a,u,v1,劳模,√,N,否,必访,2027-01-31,09:00,11:00",
        "H2,b,u,v1,劳模,yes,0,,不访,2027/2/1,9:00,",
        header=header,
    )
    first, second = load_scenario(make(tmp_path, {"households.csv": rows})).households
    assert (first.disabled, first.single_parent, first.archived) == (True, False, False)
    assert first.visit == "must"
    assert (first.window_date, first.window_start) == (dt.date(2027, 1, 31), dt.time(9))
    assert (second.disabled, second.archived, second.visit) == (True, True, "no")
    assert second.window_date == dt.date(2027, 2, 1)


def test_missing_scenario_yaml(tmp_path: Path) -> None:
    """A folder without scenario.yaml is one problem that names the file."""
    assert problems(make(tmp_path, {"scenario.yaml": None})) == [
        "scenario.yaml: 缺少 scenario.yaml：方案文件夹里必须有它（见 docs/scenario.md）"
    ]


def test_not_a_folder(tmp_path: Path) -> None:
    """A path that is not a folder is reported as such."""
    assert problems(tmp_path / "absent") == [f"{tmp_path / 'absent'}: 不是文件夹"]


def test_malformed_yaml_has_its_line(tmp_path: Path) -> None:
    """Malformed YAML is reported with the line where the parser stopped."""
    text = SCENARIO.replace("plugins: [union]", "plugins: [union")
    (found,) = problems(make(tmp_path, {"scenario.yaml": text}))
    assert found.startswith(f"scenario.yaml:{line_of(text, 'budget:')}: 不是有效的 YAML：")


def test_wrong_yaml_type_has_line_and_field(tmp_path: Path) -> None:
    """A wrong type in YAML (total: "lots") is placed at its line and key path."""
    text = SCENARIO.replace("total: 10000", 'total: "lots"')
    (found,) = problems(make(tmp_path, {"scenario.yaml": text}))
    assert found.startswith(f"scenario.yaml:{line_of(text, 'total:')}:budget.total: 应为整数")


def test_unknown_yaml_key_suggests(tmp_path: Path) -> None:
    """A misspelt key in a team names the key it most likely means."""
    text = SCENARIO.replace("    staff: 2", "    staff: 2\n    hour: 3")
    assert problems(make(tmp_path, {"scenario.yaml": text})) == [
        f"scenario.yaml:{line_of(text, 'hour: 3')}:teams[0].hour: 不认识的项 hour"
        "；是不是 hours？"
    ]


def test_impossible_date_in_days(tmp_path: Path) -> None:
    """A date like 2027-02-30 is a problem at its line, not a crash in the YAML parser."""
    text = SCENARIO.replace("      - 2027-01-31", "      - 2027-02-30")
    assert problems(make(tmp_path, {"scenario.yaml": text})) == [
        f"scenario.yaml:{line_of(text, '2027-02-30')}:teams[0].days[0]: "
        "2027-02-30 不是日历上的日子"
    ]


def test_missing_section(tmp_path: Path) -> None:
    """A missing required section is named, without a line."""
    text = SCENARIO[: SCENARIO.index("budget:")] + SCENARIO[SCENARIO.index("rules:") :]
    assert problems(make(tmp_path, {"scenario.yaml": text})) == [
        "scenario.yaml:budget: 缺少 budget 部分（见 docs/scenario.md）"
    ]


def test_misspelt_column(tmp_path: Path) -> None:
    """A misspelt header is reported at row 1 of the table, with the header it should be."""
    text = HOUSEHOLDS.replace("类别", "类 别")
    assert problems(make(tmp_path, {"households.csv": text})) == [
        "households.csv:1:类别: 缺少列 类别（category）；是不是 类 别？"
    ]


def test_non_numeric_income_is_not_quoted(tmp_path: Path) -> None:
    """A bad income says "not a whole number of yuan" and never shows the value."""
    text = households("H1,a,520102198001010013,u,v1,劳模,12k,,")
    found = problems(make(tmp_path, {"households.csv": text}))
    assert found == [
        "households.csv:2:家庭月收入: 不是整数金额（元）：请只填数字，如 1200"
    ]


def test_household_messages_never_quote_cells(tmp_path: Path) -> None:
    """A diagnosis typed into 重大疾病 is reported without repeating it."""
    header = "编号,姓名,所在单位,所在地点,类别,重大疾病"
    text = households("H1,a,u,v1,劳模,肺癌晚期", header=header)
    (found,) = problems(make(tmp_path, {"households.csv": text}))
    assert found.startswith("households.csv:2:重大疾病: 不是“是/否”")
    assert "肺癌" not in found


def test_duplicate_household_id_names_both_rows(tmp_path: Path) -> None:
    """A repeated household id is reported at the repeat and names the first row, not the id
    (which, in a table whose columns were swapped, is an ID number)."""
    text = households("H1,a,,u,v1,劳模,,,", "H2,b,,u,v1,劳模,,,", "H1,c,,u,v1,劳模,,,")
    assert problems(make(tmp_path, {"households.csv": text})) == [
        "households.csv:4:编号: 这个编号已在第 2 行用过：每个编号只能用一次"
    ]


def test_household_place_not_in_places(tmp_path: Path) -> None:
    """A household living at an unknown place is reported, masked, with the place it likely
    means (the suggestion comes from places.csv, the cell itself is not shown)."""
    text = households("H1,a,,u,v3,劳模,,,", "H2,a,,u,place9,劳模,,,")
    assert problems(make(tmp_path, {"households.csv": text})) == [
        "households.csv:2:所在地点: 地点 … 不在 places.csv 里：请在那里添上，或改正地点编号",
        "households.csv:3:所在地点: 地点 p…9 不在 places.csv 里：请在那里添上，或改正地点编号",
    ]


def test_depot_not_in_places(tmp_path: Path) -> None:
    """A team depot that is not a place is reported at its YAML line."""
    text = SCENARIO.replace("depot: seat", "depot: seet")
    assert problems(make(tmp_path, {"scenario.yaml": text})) == [
        f"scenario.yaml:{line_of(text, 'depot:')}:teams[0].depot: "
        "地点 seet 不在 places.csv 里：请在那里添上，或改正地点编号；是不是 seat？"
    ]


def test_depot_checked_even_when_coordinates_are_wrong(tmp_path: Path) -> None:
    """A bad coordinate in places.csv does not hide an unknown depot."""
    text = SCENARIO.replace("depot: seat", "depot: county")
    places = PLACES.replace("106.90", "东经106")
    found = problems(make(tmp_path, {"scenario.yaml": text, "places.csv": places}))
    assert [problem.split(":")[0] for problem in found] == ["scenario.yaml", "places.csv"]


def test_road_names_unknown_place(tmp_path: Path) -> None:
    """A road to a place that is not in places.csv is reported at its cell."""
    roads = ROADS + "v2,v9,5\n"
    assert problems(make(tmp_path, {"roads.csv": roads})) == [
        "roads.csv:4:to: 地点 v9 不在 places.csv 里：请在那里添上，或改正地点编号"
    ]


def test_place_not_connected(tmp_path: Path) -> None:
    """A household place no road reaches is reported once, at its row in places.csv."""
    roads = "from,to,minutes\nseat,v1,20\n"
    assert problems(make(tmp_path, {"roads.csv": roads})) == [
        "places.csv:4:id: 地点 v2（1 户，第一户在家庭表第 3 行）没有道路连到出发点 seat；"
        "请在 roads.csv 里补上道路"
    ]


def test_depot_not_connected(tmp_path: Path) -> None:
    """A second depot cut off from the first is reported at that team's depot."""
    second = SCENARIO[SCENARIO.index("  - id: t1") :].replace("id: t1", "id: t2")
    text = SCENARIO + second.replace("depot: seat", "depot: v2")
    roads = "from,to,minutes\nseat,v1,20\n"
    homes = households("H1,a,,u,v1,劳模,,,")
    found = problems(
        make(tmp_path, {"scenario.yaml": text, "roads.csv": roads, "households.csv": homes})
    )
    line = len(SCENARIO.splitlines()) + line_of(second, "depot:")
    assert found == [
        f"scenario.yaml:{line}:teams[1].depot: 出发点 v2 没有道路连到出发点 seat；"
        "请在 roads.csv 里补上道路"
    ]


NO_DAYS = SCENARIO[: SCENARIO.index("    days:")] + "    days: []\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (SCENARIO, NO_DAYS, "teams[0].days: 没有走访日期：请在 days: 下列出小组出行的日期"),
        ('"08:30-17:30"', '"17:30-08:30"', "teams[0].hours: 工作时间 17:30-08:30 的结束时间早于"),
        ('"11:30-13:30/60"', '"07:00-08:00"', "teams[0].lunch: 午休 07:00-08:00 超出了工作时间"),
        ('"11:30-13:30/60"', '"11:30-13:30/150"', "teams[0].lunch: 11:30-13:30 放不下 150 分钟"),
        ("        lunch: none\n", "", "teams[0].days[1].hours: 午休 11:30-13:30 超出了工作时间"),
        ('"11:30-13:30/60"', "lunch", "teams[0].lunch: 午休请写成"),
    ],
    ids=["no days", "end before start", "lunch outside", "lunch too long", "day", "bad lunch"],
)
def test_team_without_available_time(tmp_path: Path, old: str, new: str, expected: str) -> None:
    """No days, hours that end before they start, or a lunch that does not fit are problems."""
    (found,) = problems(make(tmp_path, {"scenario.yaml": SCENARIO.replace(old, new)}))
    assert expected in found


def test_empty_team_list(tmp_path: Path) -> None:
    """An empty team list is a problem at the teams key."""
    text = SCENARIO[: SCENARIO.index("teams:")] + "teams: []\n"
    assert problems(make(tmp_path, {"scenario.yaml": text})) == [
        f"scenario.yaml:{line_of(text, 'teams:')}:teams: 没有走访小组：请在 teams: 下至少写一个小组"
    ]


WINDOW_HEADER = "编号,姓名,所在单位,所在地点,类别," + WINDOW_COLUMNS


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "H1,a,u,v1,劳模,,11:00,09:00",
            "households.csv:2:可走访结束: 可走访时间 09:00 结束，早于开始时间 11:00",
        ),
        (
            "H1,a,u,v1,劳模,2027-02-03,,",
            "households.csv:2:可走访日期: 2027-02-03 没有工作组出动；"
            "工作组出动的日子是：2027-01-31、2027-02-01",
        ),
        (
            "H1,a,u,v1,劳模,2027-02-01,14:00,16:00",
            "households.csv:2:可走访开始: 2027-02-01 14:00 到 16:00 之间没有工作组出动",
        ),
    ],
    ids=["reversed", "no team that day", "no team at those hours"],
)
def test_impossible_window(tmp_path: Path, row: str, expected: str) -> None:
    """A household window that is reversed or falls outside every team day is a problem."""
    text = households(row, header=WINDOW_HEADER)
    assert problems(make(tmp_path, {"households.csv": text})) == [expected]


def test_line_category_without_standard(tmp_path: Path) -> None:
    """A budget line naming a category with no standard is reported at that category."""
    text = SCENARIO.replace("categories: [劳模]", "categories: [劳模, 老模]")
    assert problems(make(tmp_path, {"scenario.yaml": text})) == [
        f"scenario.yaml:{line_of(text, '老模')}:budget.lines[0].categories[1]: "
        "类别 老模 没有慰问标准：请在 budget.standards 下添上 `老模: 金额（元）`"
    ]


def test_category_in_two_lines_and_unpaid_standard(tmp_path: Path) -> None:
    """A category in two lines, and a standard no line pays, are both budget problems."""
    general = "      amount: 7000\n"
    text = SCENARIO.replace(general, general + "      categories: [劳模]\n")
    found = problems(make(tmp_path, {"scenario.yaml": text}))
    assert found == [
        f"scenario.yaml:{line_of(text, 'amount: 7000') + 1}:budget.lines[1].categories[0]: "
        "类别 劳模 已由经费项 model-workers 支付：每个类别只能从一个经费项支付",
        f"scenario.yaml:{line_of(text, '困难职工:')}:budget.standards.困难职工: "
        "没有经费项支付 困难职工：请把它加到某个经费项的 categories 里，"
        "或添一个不写 categories 的经费项",
    ]


def test_all_problems_at_once(tmp_path: Path) -> None:
    """Problems in scenario.yaml and in several tables come in one error, file by file."""
    changes: dict[str, str | None] = {
        "scenario.yaml": SCENARIO.replace("year: 2027", "year: soon"),
        "households.csv": households("H1,a,,u,v1,劳模,many,,"),
        "roads.csv": ROADS + "v1,seat,far\n",
    }
    found = problems(make(tmp_path, changes))
    files = ["scenario.yaml", "households.csv", "roads.csv"]
    assert [problem.split(":")[0] for problem in found] == files


def test_tables_section_names_files(tmp_path: Path) -> None:
    """tables: names the files of a scenario, here an XLSX archive with a text ID number."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["编号", "姓名", "身份证号", "所在单位", "所在地点", "类别", "家庭人口"])
    sheet.append(["H1", "张三", ID_NUMBER, "一厂", "v1", "劳模", 3])
    book.save(tmp_path / "档案.xlsx")
    text = SCENARIO + "tables:\n  households: 档案.xlsx\n"
    scenario = load_scenario(make(tmp_path, {"scenario.yaml": text, "households.csv": None}))
    (household,) = scenario.households
    assert (household.id_number, household.household_size) == (ID_NUMBER, 3)
    assert scenario.households_file == "档案.xlsx"


def test_both_csv_and_xlsx(tmp_path: Path) -> None:
    """households.csv next to households.xlsx is ambiguous and reported."""
    openpyxl.Workbook().save(tmp_path / "households.xlsx")
    assert problems(make(tmp_path)) == [
        "households.xlsx: households.csv 和 households.xlsx 同时存在：请删掉一个，"
        "或在 tables: 下写明用哪一个"
    ]


def test_missing_table(tmp_path: Path) -> None:
    """A required table that is missing is named; history is optional."""
    assert problems(make(tmp_path, {"roads.csv": None})) == [
        "roads.csv: 缺少表格：方案需要 roads.csv 或 roads.xlsx"
    ]


def test_no_households(tmp_path: Path) -> None:
    """A households table with a header and no rows is a problem, not an empty plan."""
    text = HOUSEHOLDS.splitlines()[0] + "\n"
    assert problems(make(tmp_path, {"households.csv": text})) == [
        "households.csv: 表头下面没有任何家庭（XLSX 文件读的是第一张未隐藏的工作表）"
    ]


def test_history_and_gbk_households(tmp_path: Path) -> None:
    """history.csv is read when present; a GBK households file loads like a UTF-8 one."""
    folder = make(tmp_path, {"history.csv": "编号,年份\nH1,2025\n"})
    (folder / "households.csv").write_bytes(HOUSEHOLDS.encode("gbk"))
    scenario = load_scenario(folder)
    assert [(entry.household_id, entry.year) for entry in scenario.history] == [("H1", 2025)]
    assert scenario.households[0].name == "张三"
