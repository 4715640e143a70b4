"""The words of the rules' reasons: every code a shipped scenario gives reads in Chinese and in
English, and a plugin that registers words badly is named."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import pytest

from builders import REPO, household, scenario
from planner import hookimpl
from planner.allocate import LINE_SHORT
from planner.cases import Case
from planner.load import load_scenario
from planner.plugins import make_plugin_manager
from planner.problems import PluginError
from planner.reasons import Reason, ReasonBook, core_templates, template
from planner.replan.changes import TEAM_OFF
from planner.route.explain import FULL_HOURS, Binding, unservable_reason
from planner.rules import apply_rules

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def case(tier: str) -> Case:
    return Case(
        household_id="a",
        category="困难职工",
        district="西镇",
        unit="县纺织厂",
        eligible=True,
        reasons=(),
        priority=1,
        standard=500,
        visit="must",
        tier=tier,
        counted_size=3,
    )


CASES = [(b, tier) for b in get_args(Binding) for tier in ("", "市领导") if b != "tier" or tier]
"""Every binding rule, for a household any team may visit and for one that needs a tier (the
tier rule binds only for the latter)."""


@pytest.mark.parametrize(("binding", "tier"), CASES)
def test_every_reason_no_team_can_visit_has_english(binding: Binding, tier: str) -> None:
    """Each routing rule that leaves a visit without a team is explained in English; only the
    tier and district names stay as the office wrote them."""
    home = household(
        "a", window_date=dt.date(2027, 2, 1), window_start=dt.time(14), window_end=dt.time(15)
    )
    reason = unservable_reason(binding, case(tier), home)
    english = ReasonBook().render(reason, "en")
    assert not CJK.search(english.replace("市领导", "").replace("西镇", "")), english


class Broken:
    """A plugin that registers a number where the English text belongs."""

    @hookimpl
    def songnuan_register_reasons(self, register: Callable[[object, object, object], None]) -> None:
        register("broken.years", "工龄不足{years}年", 3)


class Mismatched:
    """A plugin whose English template names another field than its Chinese one."""

    @hookimpl
    def songnuan_register_reasons(self, register: Callable[[str, str, str], None]) -> None:
        register("mismatched.years", "工龄不足{years}年", "under {count} years")


@pytest.mark.parametrize("plugin", [Broken(), Mismatched()], ids=["not-text", "fields"])
def test_a_bad_registration_names_the_plugin(plugin: object) -> None:
    """Registering anything but three strings with matching fields is a PluginError naming the
    plugin and the hook, before any household is judged."""
    pm = make_plugin_manager(["union"])
    pm.register(plugin, name="bad")
    with pytest.raises(PluginError) as caught:
        apply_rules(scenario((household("a"),)), pm)
    assert (caught.value.plugin, caught.value.hook) == ("bad", "songnuan_register_reasons")


SHIPPED = sorted(path.parent for path in REPO.glob("scenarios/*/scenario.yaml"))

TYPED_BY_THE_OFFICE = re.compile(r"\(\w+: 是\)")
"""A column and the value the office types in it (union's verification hint): stays Chinese."""


def codes(reason: Reason) -> list[str]:
    """The reason's code and those of the reasons among its parameters."""
    found = [reason.code]
    for _, value in reason.params:
        for each in value if isinstance(value, tuple) else (value,):
            if isinstance(each, Reason):
                found += codes(each)
    return found


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda path: path.name)
def test_every_reason_of_a_shipped_scenario_reads_in_both_languages(folder: Path) -> None:
    """Each rule reason of every shipped scenario — its plugins' categories and phrases included —
    has registered words, reads as Chinese, and reads as English for `explain --lang en`."""
    scenario = load_scenario(folder)
    pm = make_plugin_manager(scenario.campaign.plugins)
    cases = apply_rules(scenario, pm)
    book = cases.reason_book()
    reasons = {reason for case in cases.cases for reason in case.reasons}
    assert reasons
    unknown = {code for reason in reasons for code in codes(reason) if not book.knows(code)}
    assert unknown == set()
    assert all(CJK.search(book.render(reason, "zh")) for reason in reasons)
    english = [book.render(reason, "en") for reason in sorted(reasons, key=str)]
    assert [text for text in english if CJK.search(TYPED_BY_THE_OFFICE.sub("", text))] == []


def test_every_core_reason_has_english_words() -> None:
    """Each reason allocation, routing and re-planning give has English words with no Chinese
    in them, so `--lang en` reads them in English (only the office's names stay Chinese)."""
    stages = ("allocate.", "route.", "replan.")
    words = [each for each in core_templates() if each.code.startswith(stages)]
    assert {LINE_SHORT, FULL_HOURS, TEAM_OFF} <= {each.code for each in words}
    assert [each.code for each in words if CJK.search(each.en)] == []


def test_a_book_knows_core_words_declared_after_it_was_made() -> None:
    """A book made before a module declares its reason (the module imported later) still
    renders that reason in both languages, rather than as its bare code."""
    book = ReasonBook()
    late = template("test.declared_late", zh="晚到的{what}", en="late {what}")
    assert book.knows(late)
    assert book.render(Reason.of(late, what="x"), "zh") == "晚到的x"
    assert book.render(Reason.of(late, what="x"), "en") == "late x"
