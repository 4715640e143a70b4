"""The English of the reasons the core stages write, and the hook through which plugins add
theirs: a reason whose Chinese changes at its source without its English fails here."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import pytest

from builders import REPO, household
from planner import hookimpl
from planner.cases import Case
from planner.explain.reasons import reason_catalogue
from planner.load import load_scenario
from planner.plugins import make_plugin_manager
from planner.problems import PluginError
from planner.reasons import ReasonBook
from planner.route.explain import Binding, unservable_reason
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
    chinese = ReasonBook().render(reason, "zh")
    catalogue = reason_catalogue(make_plugin_manager(["union"]))
    for english in (ReasonBook().render(reason, "en"), catalogue.translate(chinese, "en")):
        assert not CJK.search(english.replace("市领导", "").replace("西镇", "")), english


class Broken:
    """A plugin that registers a number where the English text belongs."""

    @hookimpl
    def songnuan_register_translations(self, register: Callable[[object, object], None]) -> None:
        register("工龄不足{years}年", 3)


def test_a_bad_registration_names_the_plugin() -> None:
    """Registering anything but two strings is a PluginError naming the plugin and the hook."""
    pm = make_plugin_manager(["union"])
    pm.register(Broken(), name="broken")
    with pytest.raises(PluginError) as caught:
        reason_catalogue(pm)
    assert caught.value.plugin == "broken"
    assert caught.value.hook == "songnuan_register_translations"


SHIPPED = sorted(path.parent for path in REPO.glob("scenarios/*/scenario.yaml"))

TYPED_BY_THE_OFFICE = re.compile(r"\(\w+: 是\)")
"""A column and the value the office types in it (union's verification hint): stays Chinese."""


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda path: path.name)
def test_every_reason_of_a_shipped_scenario_has_english(folder: Path) -> None:
    """Each rule reason of every shipped scenario — its plugins' categories and phrases included —
    reads as English, so `explain --lang en` is English whichever plugin a unit uses."""
    scenario = load_scenario(folder)
    pm = make_plugin_manager(scenario.campaign.plugins)
    catalogue = reason_catalogue(pm)
    reasons = {reason for case in apply_rules(scenario, pm).cases for reason in case.reasons}
    assert reasons
    chinese = [
        english
        for reason in sorted(reasons)
        if CJK.search(TYPED_BY_THE_OFFICE.sub("", english := catalogue.translate(reason, "en")))
    ]
    assert chinese == []
