"""`songnuan explain`: why a household is (not) eligible, funded and visited.

`facts` reads what a plan decided (from plan.json, or from a plan made on the spot), `answer`
words it for one household, rendering the reasons of the rules, allocation and routing with the
book of words the rules gathered from the core and the plugins (`Cases.reason_book`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pluggy

from planner.explain.answer import SOURCE_FILE, SOURCE_PLANNED, Subject, answer
from planner.explain.facts import ExplainError, facts_of, read_facts
from planner.i18n import Lang
from planner.pipeline import plan_scenario
from planner.route import Settings
from planner.rules import apply_rules
from planner.scenario import Scenario

__all__ = ["ExplainError", "explain"]


def explain(
    scenario: Scenario,
    pm: pluggy.PluginManager,
    household_id: str,
    *,
    plan_file: Path | None,
    time_limit: float,
    lang: Lang,
    progress: Callable[[str], None] | None = None,
) -> list[str]:
    """The answer's lines for one household, from `plan_file` or from planning the scenario.

    The household is looked up before anything is planned, so an unknown id costs no solving;
    raises `ExplainError` for it. Without `plan_file` the scenario is planned as `plan` would
    plan it (same time limit): a search stopped earlier would leave out visits the real plan
    makes, and answer "not visited" where the plan says otherwise.
    """
    household = next((h for h in scenario.households if h.id == household_id), None)
    if household is None:
        raise ExplainError(f"no household {household_id!r} in {scenario.households_file}")
    cases = apply_rules(scenario, pm)
    if plan_file is not None:
        facts = read_facts(plan_file)
        source = SOURCE_FILE.say(lang, file=plan_file)
    else:
        plan = plan_scenario(scenario, pm, Settings(time_limit=time_limit), progress=progress)
        facts = facts_of(plan)
        source = SOURCE_PLANNED.say(lang)
    subject = Subject(household, cases.case(household_id), scenario, facts)
    return [*answer(subject, cases.reason_book(), lang), source]
