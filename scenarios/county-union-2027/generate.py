"""Generate the bundled example scenario `county-union-2027` (a county union's 送温暖 campaign).

Run `python scenarios/county-union-2027/generate.py`. It writes scenario.yaml, places.csv,
roads.csv, households.csv and history.csv next to itself, the same bytes on every run: every draw
comes from one `random.Random(SEED)`, and nothing iterates over a set.

Every person, ID number, bank card and phone number is synthetic. The campaign is modelled on
seed 000 of the domain notes (a county union: 340,000 yuan of which 90,000 for model workers,
500 yuan per needy worker, county-leader and union-leader teams, the district union's 低保 rules).

households.csv is saved in GB18030 (what Excel and WPS save on a Chinese Windows), places.csv in
UTF-8 with BOM, roads.csv and history.csv in plain UTF-8, so that the example exercises the
loader's encodings. README.md is written too, with the numbers of this run.

People, places and files come from `scenarios/synthetic.py`, as in the other examples. The
union's rules are not copied here: the household size and the income test the draws aim at are
the union plugin's own (`plugins.union`), and the README's numbers are what songnuan's rules and
allocation make of the files just written. Run it with songnuan installed (`pip install -e .`).
"""

from __future__ import annotations

import math
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from synthetic import Maker, Place, id_check, team_yaml, write_csv  # noqa: E402

from planner.allocate import allocate  # noqa: E402
from planner.load import load_scenario  # noqa: E402
from planner.plugins import make_plugin_manager  # noqa: E402
from planner.rules import apply_rules  # noqa: E402
from planner.scenario import Household as Archived  # noqa: E402
from plugins import union  # noqa: E402

SEED = 2027
YEAR = 2027
DIBAO = 780  # 低保线, yuan per person and month
STANDARDS = {"困难企业职工": 500, "困难职工": 500, "农民工": 500, "劳模": 3000}
LINES = {"劳模慰问金": 90_000, "困难职工慰问金": 250_000}
DEPOT = "county-seat"
CENTRE = (106.70, 26.60)  # lon, lat of the county seat
KM_PER_DEG_LAT = 111.0
KM_PER_DEG_LON = 111.0 * math.cos(math.radians(CENTRE[1]))

TOWNS = (
    "清溪镇",
    "石门乡",
    "马场镇",
    "新店镇",
    "高坡乡",
    "龙泉镇",
    "河口乡",
    "松林镇",
    "平坝镇",
    "桃源乡",
    "黄土镇",
    "云雾镇",
    "兴隆乡",
    "长岭镇",
    "水田乡",
)
SEAT_DISTRICT = "城关镇"
COMMUNITIES = ("文化社区", "东门社区", "南街社区", "西关社区", "北山社区")
ENTERPRISES = {  # enterprises that are places of the road network: district → names
    "马场镇": ("县磷化工有限公司",),
    "新店镇": ("县水泥厂",),
    "松林镇": ("松林煤矿",),
    "云雾镇": ("云雾茶业公司",),
    "龙泉镇": ("龙泉酒厂",),
    "平坝镇": ("平坝工业园电子厂", "平坝物流园"),
    "长岭镇": ("县农机厂",),
    "河口乡": ("河口砂石公司",),
    "清溪镇": ("清溪竹木加工厂",),
}
SEAT_ENTERPRISES = (
    "县纺织厂",
    "县食品公司",
    "县汽车运输公司",
    "县供销合作社",
    "县第二建筑公司",
    "县自来水公司",
    "县印刷厂",
    "县粮油购销公司",
    "县商贸城",
)
INSTITUTIONS = {  # units that are not enterprises: name → district
    "县环境卫生管理站": SEAT_DISTRICT,
    "县人民医院": SEAT_DISTRICT,
    "县第一中学": SEAT_DISTRICT,
    "石门乡卫生院": "石门乡",
    "高坡乡中心学校": "高坡乡",
    "黄土镇农贸市场管理所": "黄土镇",
}

GIVEN = (  # this example's given-name characters (synthetic.GIVEN without the second 军)
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英华建国文红玉萍德福海林志军燕春梅祥贵荣"
    "成光辉云飞翠琴兴旺宝顺金银凤珍翔宇晓婷雪松明远正清秋菊应发永庆绍禄"
)

CATEGORY_COUNTS = {
    "困难企业职工": 110,
    "困难职工": 134,
    "农民工": 103,
    "劳模": 45,
    "困难农民": 4,
    "城镇居民": 4,
}
UNION_CATEGORIES = ("困难企业职工", "困难职工", "农民工", "劳模")
INCOME_INELIGIBLE_SHARE = 0.085  # of union households, before the boundary cases
VISITED_LAST_YEAR = 32  # 上次慰问年份 = 2026: excluded in principle
NOT_ARCHIVED = 6  # 已建档 = 否
COUNTY_TIER_MODEL_WORKERS = 5
COUNTY_TIER_DEEP_HARDSHIP = 10
MUST_VISIT = 20
NO_VISIT = 3

HOUSEHOLD_HEADERS = (
    "编号",
    "姓名",
    "身份证号",
    "银行卡号",
    "联系电话",
    "所在单位",
    "所在地点",
    "地址",
    "类别",
    "家庭人口",
    "婚姻状况",
    "未婚子女数",
    "家庭月收入",
    "子女上学",
    "残疾",
    "单亲",
    "重大疾病",
    "意外灾害",
    "自负医药费",
    "已建档",
    "上次慰问年份",
    "困难程度",
    "慰问层级",
    "走访",
)


@dataclass
class Household:
    """One archive record (a row of households.csv), in the generator's own terms."""

    id: str
    name: str
    id_number: str
    bank_card: str
    phone: str
    unit: str
    place: Place
    address: str
    category: str
    size: int | None
    marital: str
    children: int
    income: int = 0
    school: bool = False
    disabled: bool = False
    single_parent: bool = False
    illness: bool = False
    accident: bool = False
    medical_cost: int = 0
    archived: bool = True
    last_visited: int | None = None
    difficulty: str = ""
    tier: str = ""
    visit: str = ""
    boundary: str = ""  # which boundary case of the 低保 rules this record exercises
    history: list[int] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Places and roads


def town_sites(maker: Maker, count: int) -> list[tuple[float, float]]:
    """Town centres in a 60 km box round the seat, at least 8 km from the seat and each other."""
    sites: list[tuple[float, float]] = [CENTRE]
    half_lon, half_lat = 28 / KM_PER_DEG_LON, 28 / KM_PER_DEG_LAT
    while len(sites) < count + 1:
        lon = CENTRE[0] + maker.rng.uniform(-half_lon, half_lon)
        lat = CENTRE[1] + maker.rng.uniform(-half_lat, half_lat)
        if all(maker.distance((lon, lat), site) >= 8 for site in sites):
            sites.append((lon, lat))
    return sites[1:]


def make_places(maker: Maker) -> list[Place]:
    """The county seat with its communities, 15 towns with 3–5 villages each, and enterprises."""
    seat = Place(DEPOT, "县城（县总工会）", SEAT_DISTRICT, "县城", *CENTRE)
    places = [seat]
    for i, name in enumerate(COMMUNITIES, start=1):
        places.append(
            Place(f"cg-c{i}", name, SEAT_DISTRICT, "社区", *maker.point(CENTRE, 0.8, 3.0))
        )
    for t, (town, (lon, lat)) in enumerate(
        zip(TOWNS, town_sites(maker, len(TOWNS)), strict=True), start=1
    ):
        tid = f"t{t:02d}"
        places.append(Place(tid, town, town, "乡镇", lon, lat))
        villages = [maker.village_name() for _ in range(maker.rng.randint(3, 5))]
        for v, village in enumerate(villages, start=1):
            places.append(
                Place(f"{tid}-v{v}", village, town, "村", *maker.point((lon, lat), 2.0, 7.0))
            )
        for e, enterprise in enumerate(ENTERPRISES.get(town, ()), start=1):
            places.append(
                Place(f"{tid}-e{e}", enterprise, town, "企业", *maker.point((lon, lat), 0.5, 2.5))
            )
    return places


def make_roads(maker: Maker, places: list[Place]) -> list[tuple[str, str, int]]:
    """Seat ↔ communities and towns, town ↔ its villages and enterprises, town ↔ 2 nearest towns."""
    seat = places[0]
    towns = [p for p in places if p.kind == "乡镇"]
    pairs: list[tuple[Place, Place]] = []
    for p in places[1:]:
        if p.kind in ("社区", "乡镇"):
            pairs.append((seat, p))
        else:
            pairs.append((next(t for t in towns if t.district == p.district), p))
    for town in towns:
        nearest = sorted((t for t in towns if t is not town), key=lambda t: maker.km(town, t))
        for other in nearest[:2]:
            if (other, town) not in pairs:
                pairs.append((town, other))
    # Winding roads at ×1.25 here (the other examples ×1.3).
    return [(a.id, b.id, maker.minutes(a, b, winding=1.25)) for a, b in pairs]


# ---------------------------------------------------------------------------------------------
# Synthetic people


def id_number(maker: Maker, district_index: int, born: tuple[int, int]) -> str:
    """A synthetic 18-character ID number whose region 5299xx (xx: the district) does not exist."""
    rng = maker.rng
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    first17 = f"5299{district_index:02d}{rng.randint(*born)}{month:02d}{day:02d}"
    first17 += f"{rng.randint(0, 999):03d}"
    return first17 + id_check(first17)


# ---------------------------------------------------------------------------------------------
# Households


def employers(category: str) -> list[tuple[str, str]]:
    """The employers (所在单位) a worker of `category` may have, each with its district.

    Enterprise workers and migrant workers work in enterprises; needy workers and model workers
    may also work in a hospital, school or other institution. 25 employers in all.
    """
    units = [(u, SEAT_DISTRICT) for u in SEAT_ENTERPRISES]
    units += [(u, d) for d, names in ENTERPRISES.items() for u in names]
    if category in ("困难职工", "劳模"):
        units += list(INSTITUTIONS.items())
    return units


def home_place(
    rng: random.Random, places: list[Place], district: str, unit: str, category: str
) -> Place:
    """Where the household lives: mostly near the employer, migrant workers often in dorms."""
    dorm = [p for p in places if p.kind == "企业" and p.name == unit]
    if category == "农民工" and dorm and rng.random() < 0.4:
        return dorm[0]
    if rng.random() < 0.4:
        district = rng.choice((SEAT_DISTRICT, SEAT_DISTRICT, *TOWNS))
    homes = [p for p in places if p.district == district and p.kind in ("社区", "村")]
    return rng.choice(homes)


def address(rng: random.Random, place: Place) -> str:
    """A street address such as 清溪镇石坝村3组 or 城关镇文化社区4栋2单元301."""
    if place.kind == "村":
        return f"{place.district}{place.name}{rng.randint(1, 9)}组"
    if place.kind == "企业":
        return f"{place.district}{place.name}职工宿舍{rng.randint(1, 6)}栋"
    return (
        f"{place.district}{place.name}{rng.randint(1, 20)}栋{rng.randint(1, 4)}单元"
        f"{rng.randint(1, 6)}0{rng.randint(1, 4)}"
    )


def family(rng: random.Random) -> tuple[str, int, int]:
    """Marital status, unmarried children and actual household size, consistent with each other."""
    roll = rng.random()
    if roll < 0.65:
        children = rng.choice((0, 1, 1, 1, 2, 2, 3))
        return "已婚", children, 2 + children
    if roll < 0.85:
        return "未婚", 0, rng.choice((2, 3, 3, 3, 4))
    children = rng.choice((1, 1, 2))
    return "单亲", children, 1 + children


def archived(h: Household) -> Archived:
    """The record as songnuan reads it, to ask the union plugin about it."""
    return Archived(
        id=h.id,
        name=h.name,
        unit=h.unit,
        place=h.place.id,
        category=h.category,
        household_size=h.size,
        marital_status=h.marital,
        children=h.children,
        monthly_income=h.income,
        children_in_school=h.school,
        disabled=h.disabled,
        single_parent=h.single_parent,
        serious_illness=h.illness,
        accident=h.accident,
        medical_cost=h.medical_cost,
    )


def counted_size(h: Household) -> int:
    """People counted for per-capita income, by the union plugin's rule (seed 000 §2)."""
    return union.songnuan_household_size(archived(h))


def income_limit(h: Household) -> tuple[float, bool]:
    """The per-capita income limit the union plugin applies to `h`, and whether it is inclusive."""
    limit, inclusive = union.income_limit(archived(h), DIBAO)
    return float(limit), inclusive


def passes_dibao_rules(h: Household) -> bool:
    """The union plugin's income test (the 低保 multiples, or medical cost ≥ 20,000)."""
    return union.income_test(archived(h), DIBAO, counted_size(h)).eligible


def in_pool(h: Household) -> bool:
    """The pool the draws pick from: union categories, archived, not visited last year, through
    the union's income test (model workers too, so the pool does not depend on their status)."""
    return (
        h.category in UNION_CATEGORIES
        and h.archived
        and h.last_visited != YEAR - 1
        and passes_dibao_rules(h)
    )


def draw_hardship(rng: random.Random, h: Household) -> None:
    """Random hardship facts: children at school, disability, illness, accident, medical cost."""
    h.single_parent = h.marital == "单亲"
    h.school = h.children > 0 and rng.random() < 0.45
    h.disabled = rng.random() < 0.08
    h.illness = rng.random() < 0.15
    h.accident = not h.illness and rng.random() < 0.06
    if h.illness or h.accident:
        h.medical_cost = rng.choice((0, rng.randint(2, 18) * 1000))


def draw_income(rng: random.Random, h: Household, eligible: bool) -> None:
    """A household income that passes (or clearly fails) the 低保 rule that applies to `h`."""
    limit, _ = income_limit(h)
    low, high = (350, limit - 15) if eligible else (limit + 15, limit + 1200)
    per_capita = rng.uniform(low, high)
    h.income = round(per_capita * counted_size(h))


def difficulty(h: Household) -> str:
    """困难程度: 意外致困 after an accident, 深度困难 when very poor, else 相对困难."""
    if h.accident:
        return "意外致困"
    per_capita = h.income / counted_size(h)
    if passes_dibao_rules(h) and (per_capita < 600 or (h.disabled and per_capita < 1000)):
        return "深度困难"
    return "相对困难"


def new_household(maker: Maker, number: int, category: str, places: list[Place]) -> Household:
    """A household of `category` with a synthetic person, a family and hardship facts."""
    rng = maker.rng
    if category == "困难农民":
        place = rng.choice([p for p in places if p.kind == "村"])
        unit = place.name + "村委会"
    elif category == "城镇居民":
        place = rng.choice([p for p in places if p.kind == "社区"])
        unit = place.name + "居委会"
    else:
        unit, district = rng.choice(employers(category))
        place = home_place(rng, places, district, unit, category)
    district_index = (SEAT_DISTRICT, *TOWNS).index(place.district)
    born = (1955, 1980) if category == "劳模" else (1965, 2000)
    marital, children, size = family(rng)
    h = Household(
        id=f"H{number:04d}",
        name=maker.name(),
        id_number=id_number(maker, district_index, born),
        bank_card=maker.bank_card(),
        phone=maker.phone(),
        unit=unit,
        place=place,
        address=address(rng, place),
        category=category,
        size=size,
        marital=marital,
        children=children,
    )
    draw_hardship(rng, h)
    return h


BOUNDARY_CASES: tuple[tuple[str, int, str, int, dict[str, int | bool]], ...] = (
    # (label, children (married couple), marital, income, facts)
    ("人均1169元 < 150%: 符合", 1, "已婚", 3507, {}),
    ("人均1170元 = 150%: 不符合 (低于)", 1, "已婚", 3510, {}),
    ("人均1560元 = 200% 且子女上学: 符合 (含)", 1, "已婚", 4680, {"school": True}),
    ("人均1561元 > 200% 且子女上学: 不符合", 1, "已婚", 4683, {"school": True}),
    ("人均1560元 = 200% 且残疾: 符合 (含)", 0, "已婚", 3120, {"disabled": True}),
    ("人均2340元 = 300% 且重大疾病: 符合 (含)", 2, "已婚", 9360, {"illness": True}),
    ("人均2341元 > 300% 且意外灾害: 不符合", 2, "已婚", 9364, {"accident": True}),
    (
        "自负医药费20000元 且重大疾病: 符合",
        1,
        "已婚",
        8400,
        {"illness": True, "medical_cost": 20_000},
    ),
    (
        "自负医药费19999元 且重大疾病: 不符合",
        1,
        "已婚",
        8400,
        {"illness": True, "medical_cost": 19_999},
    ),
    ("家庭人口空, 已婚3子女按5人计: 人均1000元 符合", 3, "已婚", 5000, {"size_blank": True}),
    ("家庭人口空, 未婚按3人计: 人均1100元 符合", 0, "未婚", 3300, {"size_blank": True}),
    ("单亲2人 人均1550元: 符合", 1, "单亲", 3100, {}),
)


def apply_boundary_case(
    h: Household, case: tuple[str, int, str, int, dict[str, int | bool]]
) -> None:
    """Overwrite the family and hardship facts of `h` with one boundary case of the 低保 rules."""
    label, children, marital, income, facts = case
    h.boundary, h.marital, h.children, h.income = label, marital, children, income
    sizes = {"已婚": 2 + children, "单亲": 1 + children, "未婚": 3}
    h.size = None if facts.get("size_blank") else sizes[marital]
    h.single_parent = marital == "单亲"
    h.school = bool(facts.get("school", False))
    h.disabled = bool(facts.get("disabled", False))
    h.illness = bool(facts.get("illness", False))
    h.accident = bool(facts.get("accident", False))
    h.medical_cost = int(facts.get("medical_cost", 0))


def make_households(maker: Maker, places: list[Place]) -> list[Household]:
    """All archive records: categories, families, incomes, boundary cases and exclusions."""
    categories = [c for c, n in CATEGORY_COUNTS.items() for _ in range(n)]
    rng = maker.rng
    rng.shuffle(categories)
    households = [new_household(maker, i, c, places) for i, c in enumerate(categories, start=1)]
    for h in households:
        draw_income(
            rng, h, h.category not in UNION_CATEGORIES or rng.random() >= INCOME_INELIGIBLE_SHARE
        )
    workers = [h for h in households if h.category in UNION_CATEGORIES[:3]]
    for h, case in zip(rng.sample(workers, len(BOUNDARY_CASES)), BOUNDARY_CASES, strict=True):
        apply_boundary_case(h, case)
    mark_exclusions(rng, households)
    mark_last_visits(rng, households)
    for h in households:
        h.difficulty = difficulty(h)
    mark_visits(rng, households)
    return households


def plain_eligible(households: list[Household]) -> list[Household]:
    """Union households that pass the 低保 rules and are not a boundary case or excluded yet."""
    return [
        h
        for h in households
        if h.category in UNION_CATEGORIES
        and not h.boundary
        and h.archived
        and h.last_visited is None
        and passes_dibao_rules(h)
    ]


def mark_exclusions(rng: random.Random, households: list[Household]) -> None:
    """Exclude some households that would otherwise qualify: visited last year, or not archived."""
    for h in rng.sample(plain_eligible(households), VISITED_LAST_YEAR):
        h.last_visited = YEAR - 1
        h.history = [YEAR - 2, YEAR - 1] if rng.random() < 0.4 else [YEAR - 1]
    for h in rng.sample(plain_eligible(households), NOT_ARCHIVED):
        h.archived = False


def mark_last_visits(rng: random.Random, households: list[Household]) -> None:
    """Older visits: 2025 (also in history.csv) and 2023–2024 (before history.csv starts)."""
    for h in households:
        if h.category not in UNION_CATEGORIES or not h.archived or h.last_visited:
            continue
        roll = rng.random()
        if roll < 0.15:
            h.last_visited, h.history = YEAR - 2, [YEAR - 2]
        elif roll < 0.25:
            h.last_visited = rng.choice((YEAR - 4, YEAR - 3))


def mark_visits(rng: random.Random, households: list[Household]) -> None:
    """慰问层级 县领导 for some model workers and deep-hardship workers; 必访 and 不访 for a few."""
    pool = [h for h in households if in_pool(h) and not h.boundary]
    models = [h for h in pool if h.category == "劳模"]
    deep = [h for h in pool if h.category != "劳模" and h.difficulty == "深度困难"]
    tiered = rng.sample(models, COUNTY_TIER_MODEL_WORKERS)
    tiered += rng.sample(deep, COUNTY_TIER_DEEP_HARDSHIP)
    for h in tiered:
        h.tier = "县领导"
    workers = [h for h in pool if h.category != "劳模"]
    must = rng.sample(workers, MUST_VISIT - 2) + rng.sample([h for h in models if not h.tier], 2)
    for h in must:
        h.visit = "必访"
    for h in rng.sample([h for h in workers if not h.visit and not h.tier], NO_VISIT):
        h.visit = "不访"


# ---------------------------------------------------------------------------------------------
# Files


def yes_no(flag: bool) -> str:
    """是 or 否."""
    return "是" if flag else "否"


def household_row(h: Household) -> list[str]:
    """The households.csv row of `h`, in HOUSEHOLD_HEADERS order."""
    return [
        h.id,
        h.name,
        h.id_number,
        h.bank_card,
        h.phone,
        h.unit,
        h.place.id,
        h.address,
        h.category,
        "" if h.size is None else str(h.size),
        h.marital,
        str(h.children),
        str(h.income),
        yes_no(h.school),
        yes_no(h.disabled),
        yes_no(h.single_parent),
        yes_no(h.illness),
        yes_no(h.accident),
        str(h.medical_cost),
        yes_no(h.archived),
        "" if h.last_visited is None else str(h.last_visited),
        h.difficulty,
        h.tier,
        h.visit,
    ]


def scenario_yaml() -> str:
    """scenario.yaml: the campaign, the budget of seed 000, visit settings, rules and 6 teams."""
    week = ["2027-01-27", "2027-01-28", "2027-01-29", "2027-02-01", "2027-02-02"]
    plain = list(week)
    morning = f'date: {week[-1]}\n        hours: "08:30-12:00"\n        lunch: none'
    morning_only = [*plain[:-1], morning]
    teams = [
        ("county-1", "县领导第一组", "周县长", "县领导", 3, 6, plain),
        ("county-2", "县领导第二组", "吴副县长", "县领导", 2, 6, morning_only),
        ("county-3", "县领导第三组", "郑副县长", "县领导", 3, 6, plain),
        ("union-1", "县总工会第一组", "陈主席", "工会领导", 4, 8, plain),
        ("union-2", "县总工会第二组", "林常务副主席", "工会领导", 2, 8, plain),
        ("union-3", "县总工会第三组", "何副主席", "工会领导", 3, 8, plain),
    ]
    standards = "".join(f"    {c}: {a}\n" for c, a in STANDARDS.items())
    return (
        "# Generated by generate.py — edit that script, not this file. All people are synthetic.\n"
        "campaign:\n"
        "  name: 2027年春节送温暖活动\n"
        f"  year: {YEAR}\n"
        "  organisation: 示例县总工会\n"
        "  plugins: [union]\n"
        "  seed: 7\n"
        "  contact: 县总工会职工服务中心 0851-0000000\n"
        "\n"
        "budget:\n"
        "  total: 340000\n"
        "  lines:\n"
        "    - id: model-workers\n"
        "      name: 劳模慰问金\n"
        f"      amount: {LINES['劳模慰问金']}\n"
        "      categories: [劳模]\n"
        "    - id: needy\n"
        "      name: 困难职工慰问金\n"
        f"      amount: {LINES['困难职工慰问金']}\n"
        "  standards:\n"
        f"{standards}"
        "\n"
        "visits:\n"
        "  service_minutes: 30\n"
        "\n"
        "rules:\n"
        "  union:\n"
        f"    dibao_line: {DIBAO}\n"
        "\n"
        "teams:\n"
        + "".join(
            team_yaml(id, name, leader, tier, DEPOT, days, max_visits=most, staff=staff)
            for id, name, leader, tier, staff, most, days in teams
        )
    )


def summary(households: list[Household]) -> str:
    """Counts for the README, as songnuan's own union rules and allocation make them of the files
    just written: categories, eligibility, and each line's demand against its amount."""
    scenario = load_scenario(HERE)
    cases = apply_rules(scenario, make_plugin_manager(scenario.campaign.plugins))
    allocation = allocate(cases)
    eligible = [c for c in cases.cases if c.eligible]
    models = [c for c in eligible if c.category == "劳模"]
    funded = {grant.household_id for grant in allocation.grants}
    lines = [
        f"households: {len(households)} " + str(dict(Counter(h.category for h in households))),
        f"eligible: {len(eligible)} " + str(dict(Counter(c.category for c in eligible))),
        f"visited {YEAR - 1}: {sum(h.last_visited == YEAR - 1 for h in households)}, "
        f"not archived: {sum(not h.archived for h in households)}",
        f"demand 劳模 line: {sum(c.standard for c in models)} of {LINES['劳模慰问金']}, "
        f"funded {sum(c.household_id in funded for c in models)} of {len(models)}",
        f"demand general line: {sum(c.standard for c in eligible if c not in models)} "
        f"of {LINES['困难职工慰问金']}",
        f"县领导 tier: {sum(h.tier == '县领导' for h in households)}, "
        f"必访: {sum(h.visit == '必访' for h in households)}, "
        f"不访: {sum(h.visit == '不访' for h in households)}",
    ]
    return "\n".join(lines)


def readme(households: list[Household], places: list[Place], numbers: str) -> str:
    """README.md: what the scenario is, how it was made, its numbers and its boundary cases."""
    boundary = "".join(
        f"| {h.id} | {h.category} | {h.boundary} |\n" for h in households if h.boundary
    )
    kinds = Counter(p.kind for p in places)
    return f"""# county-union-2027: a county union's Spring Festival 送温暖 campaign

The bundled example scenario, modelled on seed 000 of the domain notes (a county federation of
trade unions, 县总工会): a budget of 340,000 yuan of which 90,000 is earmarked for model workers
(劳模), 500 yuan per needy worker or migrant worker, visits led by county leaders (县领导) and by
union leaders (工会领导) before Spring Festival 2027 (6 February 2027), and the district union's
eligibility rules against the 低保 line of 780 yuan per person and month.

**Every person, address, ID number, bank card and phone number here is synthetic**, drawn by
`generate.py` from lists of common surnames and given-name characters. ID numbers use the
non-existent region 5299xx (with a valid check character), bank cards the prefix 629999 (with a
valid Luhn digit), phones the non-existent prefix 100. The county, its towns and villages are
invented; coordinates lie in a 60 km box around 106.7°E 26.6°N.

## Files

| file | contents | encoding |
|---|---|---|
| scenario.yaml | campaign, budget, rules, 6 teams × 5 days (one morning-only day) | UTF-8 |
| places.csv | {kinds["县城"]} county seat, {kinds["社区"]} communities, {kinds["乡镇"]} towns, \
{kinds["村"]} villages, {kinds["企业"]} enterprises | UTF-8 with BOM |
| roads.csv | seat ↔ towns and communities, town ↔ villages, town ↔ 2 nearest towns | UTF-8 |
| households.csv | {len(households)} archived households, Chinese headers | GB18030 (Excel does) |
| history.csv | visits of the 2025 and 2026 campaigns, consistent with 上次慰问年份 | UTF-8 |

The model-worker standard is 3000 yuan (the docs example says 1000) so that money is short: the
eligible model workers ask for more than the 90,000-yuan line, and the allocation has to leave
some of them out. The general line (250,000 yuan) covers every eligible needy worker.

## How it was made

`python scenarios/county-union-2027/generate.py` rewrites every file here, byte for byte the
same on every run (`scenarios/synthetic.py`, `random.Random({SEED})`). Edit the script, not the
files. It prints the numbers below, which songnuan's own union rules and allocation make of the
files it has just written (`tests/test_county_union_example.py` checks that the 劳模 line runs
short):

```
{numbers}
```

## Boundary cases of the 低保 rules

Per-capita income is household income ÷ counted household size; 150% of the line (1170 yuan) is
exclusive (低于), 200% (1560) and 300% (2340) are inclusive (含), and the medical-cost rule needs
at least 20,000 yuan (2万元以上) with a serious illness or accident.

| id | category | case |
|---|---|---|
{boundary}"""


def main() -> None:
    """Generate every file of the scenario next to this script and print a summary."""
    maker = Maker(SEED, CENTRE, given=GIVEN)
    places = make_places(maker)
    roads = make_roads(maker, places)
    households = make_households(maker, places)
    crlf = "\r\n"  # as spreadsheet programs write
    write_csv(
        HERE,
        "places.csv",
        ("编号", "名称", "所属乡镇", "类型", "经度", "纬度"),
        [[p.id, p.name, p.district, p.kind, f"{p.lon:.5f}", f"{p.lat:.5f}"] for p in places],
        "utf-8-sig",
        crlf,
    )
    rows = [[a, b, str(m)] for a, b, m in roads]
    write_csv(HERE, "roads.csv", ("起点", "终点", "分钟"), rows, "utf-8", crlf)
    rows = [household_row(h) for h in households]
    write_csv(HERE, "households.csv", HOUSEHOLD_HEADERS, rows, "gb18030", crlf)
    write_csv(
        HERE,
        "history.csv",
        ("编号", "年份", "地点"),
        [[h.id, str(y), h.place.id] for h in households for y in h.history],
        "utf-8",
        crlf,
    )
    (HERE / "scenario.yaml").write_text(scenario_yaml(), encoding="utf-8")
    numbers = summary(households)
    (HERE / "README.md").write_text(readme(households, places, numbers), encoding="utf-8")
    print(numbers)


if __name__ == "__main__":
    main()
