"""Table cells as text → the value of their column's kind, with a message a user can act on."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

from planner.tables import Kind

_YES = frozenset({"是", "y", "yes", "true", "1", "√"})
_NO = frozenset({"否", "n", "no", "false", "0", "×"})
_VISITS = {"必访": "must", "可访": "may", "不访": "no", "must": "must", "may": "may", "no": "no"}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})(?:[:：]\d{2})?$")
_WHOLE = re.compile(r"^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.0*)?$")
MAX_WHOLE = 10**9
"""The largest whole number a table cell may hold (sizes, years, minutes, yuan)."""
_TOO_LARGE = "数字太大"


def _text(text: str) -> str:
    """Text stays text (ID numbers, bank cards and phones above all)."""
    return text


def _whole(text: str) -> int:
    """A whole number; thousands separators and a zero fraction (1,200.00) are accepted."""
    if not _WHOLE.match(text):
        raise ValueError("不是整数：请只填数字，如 3")
    digits = text.replace(",", "").split(".")[0]
    if len(digits) > 12 or abs(int(digits)) > MAX_WHOLE:
        raise ValueError(f"{_TOO_LARGE}：表格里的整数最大为 {MAX_WHOLE:,}")
    return int(digits)


def _yuan(text: str) -> int:
    """A whole number of yuan."""
    try:
        return _whole(text)
    except ValueError as error:
        if str(error).startswith(_TOO_LARGE):
            raise
        raise ValueError("不是整数金额（元）：请只填数字，如 1200") from None


def _number(text: str) -> float:
    """A decimal number (coordinates)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError("不是数字：请填写小数，如 106.71")
    return value


def _longitude(text: str) -> float:
    """A longitude in degrees, east positive: -180 to 180 (China lies within 73 to 136)."""
    value = _number(text)
    if not -180 <= value <= 180:
        raise ValueError("不是有效的经度：请填写 -180 到 180 之间的度数，如 106.71")
    return value


def _latitude(text: str) -> float:
    """A latitude in degrees, north positive: -90 to 90 (China lies within 3 to 54)."""
    value = _number(text)
    if not -90 <= value <= 90:
        raise ValueError("不是有效的纬度：请填写 -90 到 90 之间的度数，如 26.58")
    return value


def _yes_no(text: str) -> bool:
    """是/否 and the other ways offices write yes and no."""
    word = text.casefold()
    if word in _YES or word in _NO:
        return word in _YES
    raise ValueError("不是“是/否”：请填 是 或 否（Y/N、yes/no、1/0、√/× 也可以）")


def _date(text: str) -> dt.date:
    """A date as 2027-01-31, 2027/1/31, 2027.1.31 or 2027年1月31日."""
    match = _DATE.match(text.strip())
    try:
        if match:
            return dt.date(*map(int, match.groups()))
    except ValueError:
        pass
    raise ValueError("不是日期：请按 2027-01-31 的格式填写")


def time_of_day(text: str) -> dt.time:
    """A time of day as HH:MM (seconds, as Excel may add them, are ignored)."""
    match = _TIME.match(text.strip())
    try:
        if match:
            return dt.time(int(match[1]), int(match[2]))
    except ValueError:
        pass
    raise ValueError("不是时间：请按 09:30 的格式填写")


def _visit(text: str) -> str:
    """必访 / 可访 / 不访 as the visit wish the rules stage uses: must / may / no."""
    wish = _VISITS.get(text.casefold())
    if wish is None:
        raise ValueError("请填 必访、可访 或 不访")
    return wish


CONVERTERS: dict[Kind, Callable[[str], object]] = {
    "text": _text,
    "digits": _text,
    "int": _whole,
    "yuan": _yuan,
    "number": _number,
    "longitude": _longitude,
    "latitude": _latitude,
    "yesno": _yes_no,
    "date": _date,
    "time": time_of_day,
    "visit": _visit,
}
"""The converter of each column kind."""
