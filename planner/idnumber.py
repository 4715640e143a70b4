"""Resident ID numbers (居民身份证号码) checked as GB 11643-1999 defines them.

An archive typed by hand or pasted from another system often has an ID number with a wrong
digit, and such a number is how 不重 (no one helped twice) is checked across the lists units
send up, so it is checked wherever a households table is read. The check never returns the
number or any part of it: messages about it end up in terminals, logs and chat windows.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
"""GB 11643: weight of each of the first 17 digits, 2^(18-i) mod 11."""

CHECK_CHARACTERS = "10X98765432"
"""GB 11643: the check character for each remainder of the weighted sum modulo 11."""

_SHAPE = re.compile(r"^\d{17}[\dX]$")
_EARLIEST_BIRTH_YEAR = 1900


def normalise_id_number(text: str) -> str:
    """The number as GB 11643 writes it: full-width digits made ASCII, spaces gone, X upper."""
    folded = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", folded).upper()


def check_character(first17: str) -> str:
    """The check character that belongs after these 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def id_number_problem(text: str) -> str | None:
    """What is wrong with an ID number (None when it is well-formed), without quoting it."""
    number = normalise_id_number(text)
    if not _SHAPE.match(number):
        return "身份证号码应为 18 位：17 位数字加 1 位数字或 X"
    if not _valid_birth_date(number[6:14]):
        return "身份证号码第 7-14 位不是出生日期（年月日，如 19800101）"
    if check_character(number[:17]) != number[17]:
        return "身份证号码校验位不对，请核对"
    return None


def _valid_birth_date(digits: str) -> bool:
    try:
        born = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return born.year >= _EARLIEST_BIRTH_YEAR
