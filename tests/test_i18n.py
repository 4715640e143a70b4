"""Phrases: the texts songnuan composes itself, in Chinese or English."""

from __future__ import annotations

from planner.i18n import Phrase

LINE = Phrase("人均月收入低于低保线150%（{amount}元）", "below 150% of the line ({amount} yuan)")


def test_a_phrase_says_itself_in_either_language() -> None:
    """`say` fills the same fields into the Chinese or the English template."""
    assert LINE.say("zh", amount=1170) == "人均月收入低于低保线150%（1170元）"
    assert LINE.say("en", amount=1170) == "below 150% of the line (1170 yuan)"
