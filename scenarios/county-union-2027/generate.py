"""Generate the bundled example scenario `county-union-2027` (a county union's 送温暖 campaign).

Run `python scenarios/county-union-2027/generate.py`. It writes scenario.yaml, places.csv,
roads.csv, households.csv and history.csv next to itself, the same bytes on every run: only the
standard library and one `random.Random(SEED)` are used, and nothing iterates over a set.

Every person, ID number, bank card and phone number is synthetic. The campaign is modelled on
seed 000 of the domain notes (a county union: 340,000 yuan of which 90,000 for model workers,
500 yuan per needy worker, county-leader and union-leader teams, the district union's 低保 rules).

households.csv is saved in GB18030 (what Excel and WPS save on a Chinese Windows), places.csv in
UTF-8 with BOM, roads.csv and history.csv in plain UTF-8, so that the example exercises the
loader's encodings. README.md is written too, with the numbers of this run.
"""

from __future__ import annotations

import csv
import math
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SEED = 2027
HERE = Path(__file__).resolve().parent
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
VILLAGE_FIRST = "上下大小新老前后东西石马龙凤杨柳桃李白黑青高"
VILLAGE_SECOND = "寨坝冲湾坪沟岭庄田桥塘堡坡院"
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

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛龚"
)
GIVEN = (
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
class Place:
    """A node of the road network (places.csv)."""

    id: str
    name: str
    district: str
    kind: str
    lon: float
    lat: float


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


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Straight-line km between two (lon, lat) points (flat-earth approximation, fine here)."""
    return math.hypot((a[0] - b[0]) * KM_PER_DEG_LON, (a[1] - b[1]) * KM_PER_DEG_LAT)


def km_between(a: Place, b: Place) -> float:
    """Straight-line km between two places."""
    return km((a.lon, a.lat), (b.lon, b.lat))


def offset(
    rng: random.Random, lon: float, lat: float, low_km: float, high_km: float
) -> tuple[float, float]:
    """A point between `low_km` and `high_km` from (lon, lat) in a random direction."""
    angle = rng.uniform(0, 2 * math.pi)
    dist = rng.uniform(low_km, high_km)
    return (
        lon + dist * math.cos(angle) / KM_PER_DEG_LON,
        lat + dist * math.sin(angle) / KM_PER_DEG_LAT,
    )


def town_sites(rng: random.Random, count: int) -> list[tuple[float, float]]:
    """Town centres in a 60 km box round the seat, at least 8 km from the seat and each other."""
    sites: list[tuple[float, float]] = [CENTRE]
    half_lon, half_lat = 28 / KM_PER_DEG_LON, 28 / KM_PER_DEG_LAT
    while len(sites) < count + 1:
        lon = CENTRE[0] + rng.uniform(-half_lon, half_lon)
        lat = CENTRE[1] + rng.uniform(-half_lat, half_lat)
        if all(km((lon, lat), site) >= 8 for site in sites):
            sites.append((lon, lat))
    return sites[1:]


def village_names(rng: random.Random, count: int, used: list[str]) -> list[str]:
    """`count` village names like 石坝村, none used before in the county."""
    names: list[str] = []
    while len(names) < count:
        name = rng.choice(VILLAGE_FIRST) + rng.choice(VILLAGE_SECOND) + "村"
        if name not in used:
            used.append(name)
            names.append(name)
    return names


def make_places(rng: random.Random) -> list[Place]:
    """The county seat with its communities, 15 towns with 3–5 villages each, and enterprises."""
    seat = Place(DEPOT, "县城（县总工会）", SEAT_DISTRICT, "县城", *CENTRE)
    places = [seat]
    for i, name in enumerate(COMMUNITIES, start=1):
        places.append(
            Place(f"cg-c{i}", name, SEAT_DISTRICT, "社区", *offset(rng, *CENTRE, 0.8, 3.0))
        )
    used: list[str] = []
    for t, (town, (lon, lat)) in enumerate(
        zip(TOWNS, town_sites(rng, len(TOWNS)), strict=True), start=1
    ):
        tid = f"t{t:02d}"
        places.append(Place(tid, town, town, "乡镇", lon, lat))
        for v, village in enumerate(village_names(rng, rng.randint(3, 5), used), start=1):
            places.append(
                Place(f"{tid}-v{v}", village, town, "村", *offset(rng, lon, lat, 2.0, 7.0))
            )
        for e, enterprise in enumerate(ENTERPRISES.get(town, ()), start=1):
            places.append(
                Place(f"{tid}-e{e}", enterprise, town, "企业", *offset(rng, lon, lat, 0.5, 2.5))
            )
    return places


def drive_minutes(rng: random.Random, a: Place, b: Place) -> int:
    """Driving minutes: winding roads (×1.25) at 40 km/h, plus a few minutes for stops."""
    return max(3, round(km_between(a, b) * 1.25 / 40 * 60) + rng.randint(2, 6))


def make_roads(rng: random.Random, places: list[Place]) -> list[tuple[str, str, int]]:
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
        nearest = sorted((t for t in towns if t is not town), key=lambda t: km_between(town, t))
        for other in nearest[:2]:
            if (other, town) not in pairs:
                pairs.append((town, other))
    return [(a.id, b.id, drive_minutes(rng, a, b)) for a, b in pairs]


# ---------------------------------------------------------------------------------------------
# Synthetic people


def id_checksum(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of a Chinese resident ID number."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return "10X98765432"[total % 11]


def id_number(rng: random.Random, district_index: int, born: tuple[int, int]) -> str:
    """A synthetic 18-character ID number; region 5299xx does not exist."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    first17 = f"5299{district_index:02d}{rng.randint(*born)}{month:02d}{day:02d}"
    first17 += f"{rng.randint(0, 999):03d}"
    return first17 + id_checksum(first17)


def luhn_digit(digits: str) -> str:
    """The Luhn check digit that completes `digits`."""
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def bank_card(rng: random.Random) -> str:
    """A synthetic 19-digit bank card number with a valid Luhn digit."""
    body = "629999" + "".join(str(rng.randint(0, 9)) for _ in range(12))
    return body + luhn_digit(body)


def phone(rng: random.Random) -> str:
    """A fake mobile number 100-xxxx-xxxx (no Chinese mobile number starts with 100)."""
    return f"100-{rng.randint(0, 9999):04d}-{rng.randint(0, 9999):04d}"


def person_name(rng: random.Random, used: list[str]) -> str:
    """A new Chinese name: a surname and one or two given-name characters."""
    while True:
        given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        name = rng.choice(SURNAMES) + given
        if name not in used:
            used.append(name)
            return name


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


def counted_size(h: Household) -> int:
    """People counted for per-capita income (district union rules: 3 unless the facts say else)."""
    if h.size:
        return h.size
    if h.marital == "已婚":
        return 2 + h.children
    if h.marital == "单亲":
        return 1 + h.children
    return 3


def income_limit(h: Household) -> tuple[float, bool]:
    """The per-capita income limit that applies to `h` and whether it is inclusive."""
    if h.illness or h.accident:
        return 3.0 * DIBAO, True
    if h.school or h.disabled or h.single_parent:
        return 2.0 * DIBAO, True
    return 1.5 * DIBAO, False


def passes_dibao_rules(h: Household) -> bool:
    """The four 低保 rules of seed 000 §2 (income limits by hardship, or medical cost ≥ 20,000)."""
    if (h.illness or h.accident) and h.medical_cost >= 20_000:
        return True
    per_capita = h.income / counted_size(h)
    limit, inclusive = income_limit(h)
    return per_capita <= limit if inclusive else per_capita < limit


def roughly_eligible(h: Household) -> bool:
    """This generator's own reading of the union rules, for the summary and for picking subsets."""
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


def new_household(
    rng: random.Random, number: int, category: str, places: list[Place], names: list[str]
) -> Household:
    """A household of `category` with a synthetic person, a family and hardship facts."""
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
        name=person_name(rng, names),
        id_number=id_number(rng, district_index, born),
        bank_card=bank_card(rng),
        phone=phone(rng),
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


def make_households(rng: random.Random, places: list[Place]) -> list[Household]:
    """All archive records: categories, families, incomes, boundary cases and exclusions."""
    categories = [c for c, n in CATEGORY_COUNTS.items() for _ in range(n)]
    rng.shuffle(categories)
    names: list[str] = []
    households = [
        new_household(rng, i, c, places, names) for i, c in enumerate(categories, start=1)
    ]
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
    pool = [h for h in households if roughly_eligible(h) and not h.boundary]
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


def write_csv(name: str, headers: tuple[str, ...], rows: list[list[str]], encoding: str) -> None:
    """Write one table next to this script with CRLF line ends, as spreadsheet programs do."""
    with open(HERE / name, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows(rows)


def team_yaml(
    team_id: str, name: str, leader: str, tier: str, staff: int, max_visits: int, days: list[str]
) -> str:
    """One entry of the `teams:` list of scenario.yaml (days are plain dates or mappings)."""
    lines = [
        f"  - id: {team_id}",
        f"    name: {name}",
        f"    leader: {leader}",
        f"    tier: {tier}",
        f"    staff: {staff}",
        f"    depot: {DEPOT}",
        f"    max_visits_per_day: {max_visits}",
        '    hours: "08:30-17:30"',
        '    lunch: "11:30-13:30/60"',
        "    days:",
    ]
    lines += [f"      {day}" for day in days]
    return "\n".join(lines) + "\n"


def scenario_yaml() -> str:
    """scenario.yaml: the campaign, the budget of seed 000, visit settings, rules and 6 teams."""
    week = ["2027-01-27", "2027-01-28", "2027-01-29", "2027-02-01", "2027-02-02"]
    plain = [f"- {d}" for d in week]
    morning_only = [*plain[:-1], f"- date: {week[-1]}", '  hours: "08:30-12:00"', "  lunch: none"]
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
        "teams:\n" + "".join(team_yaml(*t) for t in teams)
    )


def summary(households: list[Household]) -> str:
    """Counts for the README and the report: categories, eligibility, demand against each line."""
    eligible = [h for h in households if roughly_eligible(h)]
    models = sum(STANDARDS["劳模"] for h in eligible if h.category == "劳模")
    needy = sum(STANDARDS[h.category] for h in eligible if h.category != "劳模")
    by_category = Counter(h.category for h in households)
    lines = [
        f"households: {len(households)} " + str(dict(by_category)),
        f"roughly eligible: {len(eligible)} " + str(dict(Counter(h.category for h in eligible))),
        f"pass 低保 rules: {sum(passes_dibao_rules(h) for h in households)}",
        f"visited {YEAR - 1}: {sum(h.last_visited == YEAR - 1 for h in households)}, "
        f"not archived: {sum(not h.archived for h in households)}",
        f"demand 劳模 line: {models} of {LINES['劳模慰问金']}",
        f"demand general line: {needy} of {LINES['困难职工慰问金']}",
        f"县领导 tier: {sum(h.tier == '县领导' for h in households)}, "
        f"必访: {sum(h.visit == '必访' for h in households)}, "
        f"不访: {sum(h.visit == '不访' for h in households)}",
    ]
    return "\n".join(lines)


def readme(households: list[Household], places: list[Place]) -> str:
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
same on every run (standard library only, `random.Random({SEED})`). Edit the script, not the
files. It prints the numbers below, counted with its own rough reading of the union rules
(union category, archived, not visited in 2026, and the four 低保 rules):

```
{summary(households)}
```

## Boundary cases of the 低保 rules

Per-capita income is household income ÷ counted household size; 150% of the line (1170 yuan) is
exclusive (低于), 200% (1560) and 300% (2340) are inclusive (含), and the medical-cost rule needs
at least 20,000 yuan (2万元以上) with a serious illness or accident.

| id | category | case |
|---|---|---|
{boundary}"""


def check(households: list[Household]) -> None:
    """Stop if the scenario no longer makes the model-worker line short."""
    demand = sum(
        STANDARDS["劳模"] for h in households if roughly_eligible(h) and h.category == "劳模"
    )
    if demand <= LINES["劳模慰问金"]:
        raise SystemExit(
            f"劳模 demand {demand} does not exceed the line; change the seed or counts"
        )


def main() -> None:
    """Generate every file of the scenario next to this script and print a summary."""
    rng = random.Random(SEED)
    places = make_places(rng)
    roads = make_roads(rng, places)
    households = make_households(rng, places)
    check(households)
    write_csv(
        "places.csv",
        ("编号", "名称", "所属乡镇", "类型", "经度", "纬度"),
        [[p.id, p.name, p.district, p.kind, f"{p.lon:.5f}", f"{p.lat:.5f}"] for p in places],
        "utf-8-sig",
    )
    write_csv("roads.csv", ("起点", "终点", "分钟"), [[a, b, str(m)] for a, b, m in roads], "utf-8")
    write_csv(
        "households.csv", HOUSEHOLD_HEADERS, [household_row(h) for h in households], "gb18030"
    )
    write_csv(
        "history.csv",
        ("编号", "年份", "地点"),
        [[h.id, str(y), h.place.id] for h in households for y in h.history],
        "utf-8",
    )
    (HERE / "scenario.yaml").write_text(scenario_yaml(), encoding="utf-8")
    (HERE / "README.md").write_text(readme(households, places), encoding="utf-8")
    print(summary(households))


if __name__ == "__main__":
    main()
