"""不重: one person in two lists (or twice in one), found before anything is written.

Upper unions merge the lists grassroots units send up, and a worker with two jobs, or one who
moved, appears twice. The same person is the same ID number (already normalised: full-width
digits, spaces, a lower-case x); without one, the same name, unit and address. A duplicate names
both places by file and row, never the ID number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.idnumber import normalise_id_number
from planner.intake.records import Record


@dataclass(frozen=True)
class Duplicate:
    """A record that repeats an earlier one, and by what it was recognised."""

    first: Record
    again: Record
    by_id_number: bool

    def message(self) -> str:
        """Where both are, in the clerk's words."""
        how = "身份证号码相同" if self.by_id_number else "姓名、单位和地址相同，没有身份证号码"
        return f"与 {self.first.where} 是同一个人（{how}）：同一户只能留在一份名单里"


def person_of(values: Mapping[str, str]) -> tuple[str, ...]:
    """What identifies a person: the normalised ID number, else name, unit and address."""
    number = normalise_id_number(values.get("id_number", ""))
    if number:
        return ("id", number)
    return ("name", values.get("name", ""), values.get("unit", ""), values.get("address", ""))


def person_key(record: Record) -> tuple[str, ...]:
    """What identifies the person of a record."""
    return person_of(record.values)


def find_duplicates(records: Sequence[Record]) -> list[Duplicate]:
    """Every record whose person appeared in an earlier record, in reading order."""
    first: dict[tuple[str, ...], Record] = {}
    found = []
    for record in records:
        key = person_key(record)
        if key in first:
            found.append(Duplicate(first[key], record, key[0] == "id"))
        else:
            first[key] = record
    return found
