"""Phrases and the catalogue that turns finished Chinese reasons into English."""

from __future__ import annotations

import pytest

from planner.i18n import Catalogue, Phrase

LINE = Phrase("人均月收入低于低保线150%（{amount}元）", "below 150% of the line ({amount} yuan)")
PRIORITY = Phrase("优先级{level}：{notes}", "priority {level}: {notes}")
LIST = Phrase("{first}、{rest}", "{first}, {rest}")
DEEP = Phrase("深度困难", "deep hardship")


def test_a_phrase_says_itself_in_either_language() -> None:
    """`say` fills the same fields into the Chinese or the English template."""
    assert LINE.say("zh", amount=1170) == "人均月收入低于低保线150%（1170元）"
    assert LINE.say("en", amount=1170) == "below 150% of the line (1170 yuan)"


def test_a_finished_text_is_recognised_and_rebuilt_in_english() -> None:
    """The figures found in the Chinese text reappear in the English one."""
    catalogue = Catalogue([LINE])
    assert catalogue.translate("人均月收入低于低保线150%（1170元）", "en") == (
        "below 150% of the line (1170 yuan)"
    )
    assert catalogue.translate("人均月收入低于低保线150%（1170元）", "zh") == (
        "人均月收入低于低保线150%（1170元）"
    )


def test_fields_are_translated_too_and_specific_phrases_win() -> None:
    """A list inside a reason is translated item by item; the general list pattern is tried
    only after the phrases with more fixed text, whatever the order of registration."""
    catalogue = Catalogue([LIST, PRIORITY, DEEP, Phrase("大额医药费", "large medical costs")])
    assert catalogue.translate("优先级4：深度困难、大额医药费", "en") == (
        "priority 4: deep hardship, large medical costs"
    )


def test_unknown_text_stays_as_it_is() -> None:
    """A reason no phrase matches is shown in Chinese rather than guessed at."""
    catalogue = Catalogue([LINE, LIST])
    assert catalogue.translate("工龄不足2年", "en") == "工龄不足2年"
    assert catalogue.translate("深度困难、未知", "en") == "深度困难, 未知"


def test_a_field_used_twice_must_match_the_same_text() -> None:
    """`{x}…{x}` recognises only texts where both places hold the same figure."""
    catalogue = Catalogue([Phrase("{n}户中{n}户", "all {n}")])
    assert catalogue.translate("3户中3户", "en") == "all 3"
    assert catalogue.translate("3户中2户", "en") == "3户中2户"


def test_a_template_field_must_be_a_plain_name() -> None:
    """Attribute or index fields cannot be recognised in finished text, so they are refused."""
    with pytest.raises(ValueError, match="plain name"):
        Catalogue([Phrase("{line.name}余额", "{line.name} left")])
