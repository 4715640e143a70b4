"""Chinese dates of a campaign: lunar and relative dates, Spring Festival, holidays and 调休.

Offices write dates the way their notices do: `腊月初十`, `春节前5天`, `2月6日`. A campaign is
named by its Spring Festival year, so each such date is resolved for that year: `腊月初十` of the
2027 campaign is in lunar 2026 (17 January 2027), `2月6日` is 6 February 2027 and `12月20日`
is 20 December 2026.

Working days follow the State Council's yearly arrangement: official holidays are off, and some
weekend days are adjusted working days (调休). The built-in data (chinese-calendar) stops at a
year; beyond it a scenario lists the year's days itself, and without that `WorkCalendar` raises
`MissingHolidays` instead of guessing, because a guessed 调休 sends a leader out on a day off.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

import chinese_calendar
from chinese_calendar import constants as holiday_data
from lunar_python import Lunar, LunarMonth, LunarYear

DATE_FORMS = "2027-01-31、1月31日、腊月初十、春节、除夕 或 春节前5天"

_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]$")
_LUNAR = re.compile(r"^(闰)?(正|一|二|三|四|五|六|七|八|九|十|冬|十一|腊|十二)月(.+)$")
_RELATIVE = re.compile(r"^(春节|除夕|元旦)(?:([前后])\s*(\S+?)\s*天)?$")
_SPAN = re.compile(r"\s*(?:至|到|~|～|–|—|\.\.)\s*")
_DAY_ONLY = re.compile(r"^\d{1,2}\s*[日号]$")

_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
_LUNAR_MONTH_NAMES = tuple(f"{n}月" for n in "正二三四五六七八九十冬腊")
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

BUILT_IN_YEARS = (min(holiday_data.holidays).year, max(holiday_data.holidays).year)
"""The years whose holidays and 调休 the built-in data knows."""


class CalendarError(ValueError):
    """A date that cannot be read or resolved; the message says what to write instead."""


class MissingHolidays(CalendarError):
    """Working days were asked for a year whose official holidays nobody has given."""

    def __init__(self, year: int) -> None:
        first, last = BUILT_IN_YEARS
        super().__init__(
            f"不知道 {year} 年的法定节假日和调休（内置数据只有 {first}–{last} 年）"
        )
        self.year = year


def spring_festival(year: int) -> dt.date:
    """正月初一 of lunar `year`: the Spring Festival that names a campaign."""
    return _lunar(year, 1, 1)


def parse_day(text: str, year: int | None) -> dt.date:
    """One date of the campaign of `year` (its Spring Festival year), in any form of DATE_FORMS.

    With `year` None (the campaign's year is itself wrong) only dates that write their year can
    be read: any other would be a guess.
    """
    text = text.strip()
    full = _full_date(text)
    if full is not None:
        return full
    if year is None:
        raise CalendarError("请写完整日期（如 2027-01-31），或先改正 campaign.year")
    for parse in (_month_day, _lunar_date, _relative_date):
        day = parse(text, year)
        if day is not None:
            return day
    raise CalendarError(f"不是日期：请写成 {DATE_FORMS}")


def parse_span(text: str, year: int | None) -> tuple[dt.date, dt.date]:
    """A single date, or a first and last date joined by 至, 到, ~ or – (`腊月初十至十八`).

    The last date may leave out what it shares with the first: `1月20日至28日`, `腊月初十至十八`.
    """
    parts = _SPAN.split(text.strip())
    if len(parts) == 1:
        day = parse_day(parts[0], year)
        return day, day
    if len(parts) != 2 or not all(parts):
        raise CalendarError("一段日子请写成 腊月初十至腊月十八 或 2027-01-20至2027-01-28")
    first = parse_day(parts[0], year)
    last = parse_day(_complete(parts[1], parts[0]), year)
    if last < first:
        raise CalendarError(f"这段日子的结束日（{last}）早于开始日（{first}）")
    return first, last


def days_of(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every date from `first` to `last`, both included."""
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


@dataclass(frozen=True)
class YearDays:
    """One year's official arrangement as a scenario gives it: days off and 调休 working days."""

    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]


class WorkCalendar:
    """Which days are working days: the scenario's own years first, then the built-in data."""

    def __init__(self, given: Mapping[int, YearDays] | None = None) -> None:
        self._given = dict(given or {})

    def is_working_day(self, day: dt.date) -> bool:
        """Monday to Friday unless a holiday, plus the adjusted working days (调休)."""
        return not self.day_off(day)

    def day_off(self, day: dt.date) -> str:
        """Why `day` is not a working day ("a Saturday", "a public holiday (春节)"), or ""."""
        given = self._given.get(day.year)
        if given is not None:
            if day in given.workdays:
                return ""
            if day in given.holidays:
                return "法定节假日"
            return _WEEKDAYS[day.weekday()] if day.weekday() >= 5 else ""
        try:
            holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            raise MissingHolidays(day.year) from None
        if not holiday:
            return ""
        if name is None:
            return _WEEKDAYS[day.weekday()]
        return f"法定节假日（{_HOLIDAY_NAMES.get(str(name), str(name))}）"


# -- forms of a date ---------------------------------------------------------------------------


def _full_date(text: str) -> dt.date | None:
    """2027-01-31, 2027/1/31, 2027.1.31 or 2027年1月31日: the year is written, not resolved."""
    match = _FULL.match(text)
    return _gregorian(*map(int, match.groups())) if match else None


def _month_day(text: str, year: int) -> dt.date | None:
    """1月31日: January to June of the Spring Festival year, July to December of the one before."""
    match = _MONTH_DAY.match(text)
    if not match:
        return None
    month, day = int(match[1]), int(match[2])
    return _gregorian(year if month <= 6 else year - 1, month, day)


def _lunar_date(text: str, year: int) -> dt.date | None:
    """腊月初十, 正月初五, 闰六月十五: 七月 to 腊月 lie before the Spring Festival of `year`."""
    match = _LUNAR.match(text)
    if not match:
        return None
    leap, month_name, day_name = match.groups()
    month = _LUNAR_MONTHS.get(month_name) or _chinese_number(month_name)
    day = _lunar_day(day_name)
    lunar_year = year if month <= 6 else year - 1
    if leap and _leap_month(lunar_year) != month:
        raise CalendarError(f"农历 {lunar_year} 年没有闰{month_name}月")
    return _lunar(lunar_year, -month if leap else month, day)


def _relative_date(text: str, year: int) -> dt.date | None:
    """春节, 除夕, 元旦, and N days before or after one of them (春节前5天, 元旦后3天)."""
    match = _RELATIVE.match(text)
    if not match:
        return None
    anchor, direction, count = match.groups()
    festival = spring_festival(year)
    base = {
        "春节": festival,
        "除夕": festival - dt.timedelta(days=1),
        "元旦": dt.date(year, 1, 1),
    }[anchor]
    if direction is None:
        return base
    days = int(count) if count.isdigit() else _chinese_number(count)
    return base + dt.timedelta(days=-days if direction == "前" else days)


def _complete(last: str, first: str) -> str:
    """The last date of a span with the month the first one gives, where it leaves it out."""
    if _DAY_ONLY.match(last) and (prefix := re.match(r"^(.*月)\s*\d", first)):
        return prefix[1] + last
    lunar = _LUNAR.match(first)
    if lunar and not _LUNAR.match(last) and not _RELATIVE.match(last):
        return f"{lunar[1] or ''}{lunar[2]}月{last}"
    return last


def _gregorian(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CalendarError(f"{year}-{month:02d}-{day:02d} 不是日历上的日子") from None


def _lunar(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a lunar date; a month < 0 is the leap month (lunar-python's way)."""
    length = LunarMonth.fromYm(year, month).getDayCount()
    if day > length:
        name = ("闰" if month < 0 else "") + _LUNAR_MONTH_NAMES[abs(month) - 1]
        raise CalendarError(f"农历 {year} 年的{name}只有 {length} 天")
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _leap_month(lunar_year: int) -> int:
    """The number of lunar `lunar_year`'s leap month, 0 when it has none."""
    return int(LunarYear.fromYear(lunar_year).getLeapMonth())


def _lunar_day(name: str) -> int:
    """初一 … 初十, 十一 … 二十, 廿一 … 廿九, 三十."""
    if name.startswith("初"):
        day = 10 if name == "初十" else _DIGITS.get(name[1:], 0) if len(name) == 2 else 0
    elif name.startswith("廿") and len(name) == 2:
        day = 20 + _DIGITS.get(name[1], 0) if name[1] in _DIGITS else 0
    else:
        day = _chinese_number(name)
    if not 1 <= day <= 30:
        raise CalendarError(f"{name} 不是农历日子：请写 初一 … 初十、十一 … 廿九、三十")
    return day


def _chinese_number(text: str) -> int:
    """一 … 九十九 in Chinese numerals (十五, 二十, 廿三)."""
    text = text.replace("廿", "二十")
    if text in _DIGITS:
        return _DIGITS[text]
    tens, sep, ones = text.partition("十")
    if sep and (not tens or tens in _DIGITS) and (not ones or ones in _DIGITS):
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    raise CalendarError(f"{text} 不是数字：请写阿拉伯数字，如 5")
