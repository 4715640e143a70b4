"""Addresses as archives write them (`新店镇凤坝村4组`) matched to the scenario's places.

Offices know where a household lives by town and village, not by coordinates, so a household is
placed at its village: the place whose name is the village (凤坝村) and whose 所属乡镇 is the
town (新店镇). An address naming only a town matches the town's own place. What cannot be
matched, or matches more than one place, is listed for the clerk, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

_TOWN = re.compile(r"^(?:.*?[省市县区])?(?P<township>[^省市县区镇乡]{1,8}?(?:镇|乡|街道))")
_VILLAGE = re.compile(r"(?P<village>[^镇乡道]{1,10}?(?:村|社区|居委会))")

Outcome = Literal["matched", "unmatched", "ambiguous", "no_village"]


@dataclass(frozen=True)
class PlaceName:
    """What matching needs of a place: its id, its name and its town (所属乡镇)."""

    id: str
    name: str
    district: str = ""


@dataclass(frozen=True)
class Parsed:
    """The town and village an address names ("" where it names none)."""

    town: str
    village: str


@dataclass(frozen=True)
class AddressMatch:
    """The place an address matched, or why there is none (candidates when ambiguous)."""

    outcome: Outcome
    place: str = ""
    candidates: tuple[str, ...] = ()


def parse_address(address: str) -> Parsed:
    """The town (…镇, …乡, …街道) and village (…村, …社区, …居委会) of an address."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", address))
    town_match = _TOWN.match(text)
    town = town_match["township"] if town_match else ""
    rest = text[town_match.end() :] if town_match else text
    village_match = _VILLAGE.match(rest) or (None if town else _VILLAGE.search(rest))
    return Parsed(town=town, village=village_match["village"] if village_match else "")


class AddressBook:
    """The places by name, so that each of 100,000 addresses is matched in constant time."""

    def __init__(self, places: Iterable[PlaceName]) -> None:
        self._by_name: dict[str, list[PlaceName]] = {}
        for place in places:
            self._by_name.setdefault(place.name, []).append(place)

    def match(self, address: str) -> AddressMatch:
        """The one place that the address's town and village name."""
        parsed = parse_address(address)
        if not parsed.village and not parsed.town:
            return AddressMatch("no_village")
        if parsed.village:
            named = self._named(parsed.village, parsed.town + parsed.village)
            found = [p for p in named if _is_village(p, parsed)]
        else:
            found = self._named(parsed.town, parsed.town + "政府")
        if len(found) == 1:
            return AddressMatch("matched", place=found[0].id)
        if found:
            return AddressMatch("ambiguous", candidates=tuple(sorted(p.id for p in found)))
        return AddressMatch("unmatched")

    def _named(self, *names: str) -> list[PlaceName]:
        return [place for name in dict.fromkeys(names) for place in self._by_name.get(name, [])]


def match_address(address: str, places: Iterable[PlaceName]) -> AddressMatch:
    """The one place of `places` that the address's town and village name."""
    return AddressBook(places).match(address)


def _is_village(place: PlaceName, parsed: Parsed) -> bool:
    """Whether `place` is the village, in the address's town when the address names one."""
    if place.name == parsed.town + parsed.village:
        return True
    if place.name != parsed.village:
        return False
    return not parsed.town or not place.district or place.district == parsed.town
