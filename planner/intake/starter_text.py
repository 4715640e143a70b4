"""The words of the starter scenario: scenario.yaml with its comments, and README.txt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

README = """\
这是一个送温暖活动的规划文件夹（songnuan）。按下面的顺序填写，每一步都可以运行
  songnuan validate 本文件夹
检查，问题会标明“文件:行:列”。

1. scenario.yaml：活动名称、年份、联系人，预算总额和各项经费，各类别的慰问标准，
   走访小组（带队领导、出发地点、走访日期和时间）。每一项都有中文注释。
2. 档案：各基层单位报来的 Excel 名单，不必手工整理，直接导入：
     songnuan import 一厂.xlsx 二厂.xlsx --into 本文件夹 --add-places
   导入会把表头对应到本系统的列（不确定的只提出建议，用 --map 表头=列名 确认），
   检查身份证号码、找出在两个名单中重复的人，并写出 households.csv 和 import-report.txt。
3. places.csv：每个村（社区）一行。导入时用 --add-places 会按地址自动加入各村，
   只需补填经度、纬度（在地图上查一次即可）。坐标来自高德或腾讯地图时，在 scenario.yaml 的
   travel.coordinates 写 GCJ-02，来自百度地图时写 BD-09。
4. 路程时间：scenario.yaml 的 travel.minutes 选择来源：
     estimate  按直线距离估算（默认，无需道路表，结果注明为估算）；
     osm       使用 OpenStreetMap 地图数据文件（.osm.pbf），按实际道路计算；
     roads     使用 roads.csv 中手工填写的道路分钟数。
5. 规划：songnuan plan 本文件夹 --out 输出文件夹
   输出日历、发放名单、公示名单和报告。

示例行（张示例、示例村等）只为说明格式，填写真实数据时请删除。
"""


STANDARD = 500
"""The placeholder standard (yuan per household) of every category in the starter."""


def scenario_yaml(
    *,
    plugins: Sequence[str],
    year: int,
    categories: Sequence[str],
    days: list[dt.date],
    tier: str = "单位领导",
) -> str:
    """scenario.yaml of the starter, a comment on every key; the team led by a `tier` leader."""
    plugin = ", ".join(plugins)
    standards = "\n".join(f"    {name}: {STANDARD}  # 元/户" for name in categories)
    day_lines = "\n".join(f"      - {day.isoformat()}" for day in days)
    return f"""\
# 送温暖活动规划：改动后运行 songnuan validate 本文件夹 检查。说明见 README.txt。
campaign:                         # 活动
  name: {year}年春节送温暖活动      # 活动名称，出现在日历和报表标题中
  year: {year}                    # 春节所在年份
  organisation: 示例单位            # 组织单位名称
  plugins: [{plugin}]             # 适用的单位规则（songnuan plugins 列出已安装的）
  contact: 示例单位办公室 0000-0000000  # 公示名单上的联系方式

budget:                           # 预算
  total: 10000                    # 慰问金总额（元）
  lines:                          # 经费科目；不写 categories 的一项支付所有其他类别
    - id: general                 # 科目编号（英文或拼音）
      name: 慰问金                 # 科目名称
      amount: 10000               # 科目金额（元）
  standards:                      # 各类别每户慰问标准（元），请按本单位标准修改
{standards}

visits:                           # 走访
  service_minutes: 30             # 每户走访用时（分钟）

travel:                           # 路程和坐标
  minutes: estimate        # 路程来源：estimate 直线估算 / {{osm: 文件.osm.pbf}} / roads 道路表
  coordinates: WGS-84      # 坐标系：WGS-84（GPS、OSM）/ GCJ-02（高德、腾讯）/ BD-09（百度）

fair_loads:                       # 各组工作量（小组自己写的 min_days / min_visits 优先）
  min_days: 0                     # 每个组至少出行几天（0：不要求）
  min_visits: 0                   # 每个组至少走访几户（0：不要求）

teams:                            # 走访小组，可以有多个
  - id: team-1                    # 小组编号
    name: 第一组                   # 小组名称
    leader: 带队领导               # 带队领导姓名
    tier: {tier}                 # 领导层级
    staff: 2                      # 随行人数（不含领导）
    depot: office                 # 出发和返回的地点编号（places.csv）
    hours: "08:30-17:30"          # 每天工作时间
    lunch: "11:30-13:30/60"       # 午饭时间段/分钟
    days:                         # 走访日期
{day_lines}
"""
