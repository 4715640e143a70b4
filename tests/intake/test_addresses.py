"""Addresses matched to the scenario's places by town and village."""

from __future__ import annotations

from planner.intake.addresses import PlaceName, match_address, parse_address

PLACES = [
    PlaceName("v1", "凤坝村", "新店镇"),
    PlaceName("v2", "凤坝村", "五德镇"),
    PlaceName("v3", "新华村", "五德镇"),
    PlaceName("t1", "新店镇", "新店镇"),
    PlaceName("c1", "文化社区", "城关镇"),
]


def test_town_and_village_pick_the_village_of_that_town() -> None:
    """新店镇凤坝村4组 is 新店镇's 凤坝村, not 五德镇's, with county and group around it."""
    assert match_address("新店镇凤坝村4组", PLACES).place == "v1"
    assert match_address("某某县五德镇凤坝村2组", PLACES).place == "v2"
    assert match_address("城关镇文化社区17号2单元", PLACES).place == "c1"


def test_a_village_name_in_two_towns_without_a_town_is_ambiguous() -> None:
    """凤坝村 alone fits two places: listed with both candidates, never guessed."""
    match = match_address("凤坝村3组", PLACES)
    assert match.outcome == "ambiguous" and match.candidates == ("v1", "v2")


def test_unknown_villages_and_addresses_without_village_are_told_apart() -> None:
    """A village not in the places table is unmatched; a street address names no village."""
    assert match_address("新店镇石门村1组", PLACES).outcome == "unmatched"
    assert match_address("人民路17号", PLACES).outcome == "no_village"


def test_an_address_naming_only_a_town_matches_the_town() -> None:
    """新店镇街上 has no village: the town's own place."""
    assert match_address("新店镇街上12号", PLACES).place == "t1"
    assert parse_address("贵州省某县新店镇凤坝村").village == "凤坝村"
