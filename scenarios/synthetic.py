"""Synthetic people, places and files for the example scenarios' generators.

Each `scenarios/<name>/generate.py` imports this module (it puts `scenarios/` on `sys.path`) and
draws everything from one `random.Random(SEED)`, so each run writes the same bytes. Every name,
ID number, bank card and phone number is made up: ID numbers use the region 5299xx, which does
not exist, with a valid check character; bank cards the prefix 629999 with a valid Luhn digit;
phones the prefix 100, which no Chinese mobile number has.
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛龚"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英华建国文红玉萍德福海林志燕春梅祥贵荣"
    "成光辉云飞翠琴兴旺宝顺金银凤珍翔宇晓婷雪松明远正清秋菊应发永庆绍禄"
)
VILLAGE_FIRST = "上下大小新老前后东西石马龙凤杨柳桃李白黑青高"
VILLAGE_SECOND = "寨坝冲湾坪沟岭庄田桥塘堡坡院"

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
    "婚姻状况",
    "未婚子女数",
    "家庭月收入",
    "已建档",
    "困难程度",
    "慰问层级",
    "走访",
)
"""The households columns every example writes; a generator may add its own after them."""

PLACE_HEADERS = ("编号", "名称", "所属乡镇", "类型", "经度", "纬度")


@dataclass(frozen=True)
class Place:
    """A node of the road network (places.csv)."""

    id: str
    name: str
    district: str
    kind: str
    lon: float
    lat: float


def id_check(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character that completes a resident ID number."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return "10X98765432"[total % 11]


def luhn_digit(body: str) -> str:
    """The Luhn check digit that completes a bank card number."""
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


class Maker:
    """Draws synthetic people and places from one seeded random generator.

    `given` are the characters given names are drawn from (a generator may keep its own list,
    so that its names stay what they were).
    """

    def __init__(self, seed: int, centre: tuple[float, float], given: str = GIVEN) -> None:
        self.rng = random.Random(seed)
        self.centre = centre
        self.given = given
        self._names: set[str] = set()
        self._villages: set[str] = set()
        self._km_lon = 111.0 * math.cos(math.radians(centre[1]))

    # -- people ----------------------------------------------------------------------------

    def name(self) -> str:
        """A new Chinese name: a surname and one or two given-name characters."""
        while True:
            given = self.rng.choice(self.given) + (
                self.rng.choice(self.given) if self.rng.random() < 0.7 else ""
            )
            name = self.rng.choice(SURNAMES) + given
            if name not in self._names:
                self._names.add(name)
                return name

    def id_number(self, born: tuple[int, int] = (1960, 1998)) -> str:
        """A synthetic 18-character ID number of region 5299xx, with its check character."""
        rng = self.rng
        first17 = f"5299{rng.randint(0, 99):02d}{rng.randint(*born)}"
        first17 += f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
        return first17 + id_check(first17)

    def bank_card(self) -> str:
        """A synthetic 19-digit card number with a valid Luhn digit."""
        body = "629999" + "".join(str(self.rng.randint(0, 9)) for _ in range(12))
        return body + luhn_digit(body)

    def phone(self) -> str:
        """A fake mobile number 100-xxxx-xxxx."""
        return f"100-{self.rng.randint(0, 9999):04d}-{self.rng.randint(0, 9999):04d}"

    def family(self) -> tuple[str, int]:
        """Marital status and unmarried children, as the households table writes them."""
        roll = self.rng.random()
        if roll < 0.65:
            return "已婚", self.rng.choice((0, 1, 1, 2))
        return ("未婚", 0) if roll < 0.85 else ("单亲", self.rng.choice((1, 2)))

    def person(self, **cells: str) -> dict[str, str]:
        """The personal cells of one household row, plus the given `cells`."""
        marital, children = self.family()
        size = 2 + children if marital == "已婚" else 1 + children if marital == "单亲" else 3
        row = {
            "姓名": self.name(),
            "身份证号": self.id_number(),
            "银行卡号": self.bank_card(),
            "联系电话": self.phone(),
            "婚姻状况": marital,
            "未婚子女数": str(children),
            "家庭月收入": str(round(self.rng.uniform(350, 1100) * size)),
        }
        row.update(cells)
        return row

    # -- places ----------------------------------------------------------------------------

    def point(
        self, around: tuple[float, float], low_km: float, high_km: float
    ) -> tuple[float, float]:
        """A point between `low_km` and `high_km` from `around`, in a random direction."""
        angle = self.rng.uniform(0, 2 * math.pi)
        dist = self.rng.uniform(low_km, high_km)
        return (
            around[0] + dist * math.cos(angle) / self._km_lon,
            around[1] + dist * math.sin(angle) / 111.0,
        )

    def village_name(self) -> str:
        """A village name like 石坝村, new in this scenario."""
        while True:
            name = self.rng.choice(VILLAGE_FIRST) + self.rng.choice(VILLAGE_SECOND) + "村"
            if name not in self._villages:
                self._villages.add(name)
                return name

    def km(self, a: Place, b: Place) -> float:
        """Straight-line km between two places (flat-earth approximation, fine at this scale)."""
        return self.distance((a.lon, a.lat), (b.lon, b.lat))

    def distance(self, a: tuple[float, float], b: tuple[float, float]) -> float:
        """Straight-line km between two (lon, lat) points."""
        return math.hypot((a[0] - b[0]) * self._km_lon, (a[1] - b[1]) * 111.0)

    def minutes(self, a: Place, b: Place, winding: float = 1.3) -> int:
        """Driving minutes: winding roads (×1.3) at 40 km/h, plus a few minutes for stops."""
        return max(3, round(self.km(a, b) * winding / 40 * 60) + self.rng.randint(2, 6))


def roads(
    maker: Maker, hubs: Sequence[Place], spokes: Iterable[tuple[Place, Place]]
) -> list[list[str]]:
    """Roads: the first hub to every other hub, each hub to its 2 nearest, and the given spokes."""
    pairs: list[tuple[Place, Place]] = [(hubs[0], hub) for hub in hubs[1:]]
    for hub in hubs[1:]:
        nearest = sorted((h for h in hubs[1:] if h is not hub), key=lambda h: maker.km(hub, h))
        for other in nearest[:2]:
            if (other, hub) not in pairs and (hub, other) not in pairs:
                pairs.append((hub, other))
    pairs += list(spokes)
    return [[a.id, b.id, str(maker.minutes(a, b))] for a, b in pairs]


def place_rows(places: Iterable[Place]) -> list[list[str]]:
    """places.csv rows."""
    return [[p.id, p.name, p.district, p.kind, f"{p.lon:.5f}", f"{p.lat:.5f}"] for p in places]


def household_rows(rows: Iterable[dict[str, str]], headers: Sequence[str]) -> list[list[str]]:
    """households.csv rows in the order of `headers`; missing cells are empty."""
    return [[row.get(header, "") for header in headers] for row in rows]


def write_csv(
    folder: Path,
    name: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    encoding: str = "utf-8-sig",
    line_end: str = "\n",
) -> None:
    """A CSV in UTF-8 with BOM, as Excel opens Chinese text correctly (or in `encoding`, e.g.
    GB18030 as Excel and WPS save on a Chinese Windows, with CRLF line ends as they write)."""
    with (folder / name).open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator=line_end)
        writer.writerow(headers)
        writer.writerows(rows)


def team_yaml(
    id: str,
    name: str,
    leader: str,
    tier: str,
    depot: str,
    days: Sequence[str],
    max_visits: int = 6,
    staff: int = 2,
) -> str:
    """One team of scenario.yaml's `teams:` with the usual hours and lunch, days as written
    (a day with its own hours is one item of several lines, indented to follow the `- `)."""
    listed = "".join(f"      - {day}\n" for day in days)
    return (
        f"  - id: {id}\n    name: {name}\n    leader: {leader}\n    tier: {tier}\n"
        f"    staff: {staff}\n"
        f"    depot: {depot}\n    max_visits_per_day: {max_visits}\n"
        f'    hours: "08:30-17:30"\n    lunch: "11:30-13:30/60"\n    days:\n{listed}'
    )
