"""Stage 2, rules: turn each household into a `Case` by asking the organisation plugins.

This is the only stage that calls rule hooks. The core knows nothing about any organisation: it
validates each plugin's `rules:` options with the model the plugin gives, resolves category names
through what plugins register, applies the overrides an office writes in the households table
(必访 / 不访, 慰问层级), and falls back to the scenario's budget standards where no plugin decides
an amount. Once the cases are made, plugins may add findings on the campaign as a whole.
"""

from __future__ import annotations

from collections.abc import Callable

import pluggy
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from planner.calendar_cn import CalendarError
from planner.cases import Case, Cases, VisitWish
from planner.plugins import call_each, call_first, checked
from planner.problems import PluginError, Problem, ScenarioError
from planner.rule_columns import rule_column_problems
from planner.rule_types import Category, Eligibility, Finding, Priority, VisitDecision
from planner.scenario import Household, Scenario

DEFAULT_HOUSEHOLD_SIZE = 3
"""家庭成员一般按三口计算: the size counted when no rule says otherwise."""

VISIT_OVERRIDES: dict[str, VisitWish] = {
    "必访": "must",
    "must": "must",
    "可访": "may",
    "may": "may",
    "不访": "no",
    "no": "no",
}

VISIT_LABELS: dict[VisitWish, str] = {"must": "必访", "may": "可访", "no": "不访"}


def apply_rules(scenario: Scenario, pm: pluggy.PluginManager) -> Cases:
    """One case per household, in table order; bad options and unknown categories are problems."""
    problems = check_options(scenario, pm) + rule_column_problems(scenario, pm)
    categories = registered_categories(pm)
    problems += _check_category_names(scenario, categories)
    households = []
    for household in scenario.households:
        category = categories.get(household.category.strip())
        if category is None:
            problems.append(_unknown_category(scenario, household, categories))
        else:
            households.append((household.model_copy(update={"category": category.name}), category))
    if problems:
        raise ScenarioError(problems)
    places = {place.id: place for place in scenario.places}
    cases = []
    for household, category in households:
        district = places[household.place].district
        cases.append(_case(pm, scenario, household, category, district, problems))
    if problems:
        raise ScenarioError(problems)
    return Cases(scenario=scenario, cases=tuple(cases))


def check_options(scenario: Scenario, pm: pluggy.PluginManager) -> list[Problem]:
    """Each plugin's `rules:` options against its model; options for no enabled plugin.

    Problems are placed at `scenario.yaml` `rules.<plugin>.<key>`, so a mistyped option is found
    before any household is judged with a default the office did not mean.
    """
    hook = "songnuan_rule_options"
    problems = []
    for plugin, model in call_each(pm, hook, type):
        if not issubclass(model, BaseModel):
            raise PluginError(plugin, hook, f"returned {model.__name__}, expected a pydantic model")
        problems += _option_problems(scenario, plugin, model)
    for name in scenario.rules:
        if pm.get_plugin(name) is None and not pm.is_blocked(name):
            enabled = ", ".join(scenario.campaign.plugins)
            message = f"options for {name}, which is not enabled (campaign.plugins: {enabled})"
            problems.append(Problem("scenario.yaml", None, f"rules.{name}", message))
    return problems


def _option_problems(scenario: Scenario, plugin: str, model: type[BaseModel]) -> list[Problem]:
    context = {"year": scenario.campaign.year}
    try:
        model.model_validate(scenario.settings_for(plugin), context=context)
    except ValidationError as error:
        return [
            Problem(
                "scenario.yaml",
                None,
                ".".join(["rules", plugin, *map(str, detail["loc"])]),
                _option_message(detail),
            )
            for detail in error.errors()
        ]
    return []


def _option_message(detail: ErrorDetails) -> str:
    """pydantic's message, or the calendar's own where a date could not be read."""
    cause = detail.get("ctx", {}).get("error")
    if isinstance(cause, CalendarError):
        return str(cause)
    if detail["type"] == "extra_forbidden":
        return "unknown option; see the plugin's options in docs/plugins.md"
    return str(detail["msg"])


def findings(cases: Cases, pm: pluggy.PluginManager) -> tuple[Finding, ...]:
    """Every plugin's findings on the campaign, in plugin order, each checked to be a Finding."""
    hook = "songnuan_check"
    found = []
    for plugin, items in call_each(pm, hook, list, cases=cases):
        found += [checked(plugin, hook, item, Finding) for item in items]
    return tuple(found)


def registered_categories(pm: pluggy.PluginManager) -> dict[str, Category]:
    """Every category name and alias the enabled plugins know, mapped to its category."""
    found: list[Category] = []
    register: Callable[[Category], None] = found.append
    call_each(pm, "songnuan_register_categories", object, register=register)
    known: dict[str, Category] = {}
    for category in found:
        for name in (category.name, *category.aliases):
            known[name] = category
    return known


def _check_category_names(scenario: Scenario, known: dict[str, Category]) -> list[Problem]:
    """Budget standards and lines must name categories that some plugin knows."""
    problems = []
    named = [("budget.standards", name) for name in scenario.budget.standards]
    for index, line in enumerate(scenario.budget.lines):
        named += [(f"budget.lines[{index}].categories", name) for name in line.categories]
    for field, name in named:
        if name not in known:
            problems.append(
                Problem("scenario.yaml", None, field, f"unknown category {name!r}; {_known(known)}")
            )
    return problems


def _unknown_category(
    scenario: Scenario, household: Household, known: dict[str, Category]
) -> Problem:
    message = f"unknown category {household.category!r}; {_known(known)}"
    return Problem(scenario.households_file, household.row, "类别", message)


def _known(known: dict[str, Category]) -> str:
    names = sorted({category.name for category in known.values()})
    return "known categories: " + "、".join(names) if names else "no plugin registers categories"


def _case(
    pm: pluggy.PluginManager,
    scenario: Scenario,
    household: Household,
    category: Category,
    district: str,
    problems: list[Problem],
) -> Case:
    """Ask the plugins about one household and combine their answers with the office overrides."""
    kwargs: dict[str, object] = {"household": household, "scenario": scenario}
    size = call_first(pm, "songnuan_household_size", int, **kwargs)
    counted_size = size or household.household_size or DEFAULT_HOUSEHOLD_SIZE
    eligible, reasons, must_fund = _eligibility(pm, category, kwargs)
    priority = call_first(pm, "songnuan_priority", Priority, **kwargs) or Priority(
        level=0, reason=""
    )
    if priority.reason:
        reasons = (*reasons, priority.reason)
    standard = call_first(pm, "songnuan_standard_amount", int, **kwargs)
    if standard is None:
        standard = scenario.budget.standards.get(household.category)
    if standard is None:
        if eligible:
            message = f"no standard amount for category {household.category!r}"
            problems.append(Problem("scenario.yaml", None, "budget.standards", message))
        standard = 0
    decision = call_first(pm, "songnuan_visit", VisitDecision, **kwargs)
    visit, tier, visit_reasons = _visit(household, eligible, decision)
    if visit == "must" and eligible:
        must_fund = True
    return Case(
        household_id=household.id,
        category=household.category,
        district=district,
        unit=household.unit,
        eligible=eligible,
        reasons=(*reasons, *visit_reasons),
        priority=priority.level,
        standard=standard,
        visit=visit,
        tier=tier,
        counted_size=counted_size,
        must_fund=must_fund and eligible,
    )


def _eligibility(
    pm: pluggy.PluginManager, category: Category, kwargs: dict[str, object]
) -> tuple[bool, tuple[str, ...], bool]:
    """Eligible when some plugin says yes and none says no; a category not served never is.

    A "no" from any plugin wins, so that a unit's extra rule can only narrow what the
    organisation's rules allow, never widen it by accident.
    """
    if not category.targeted:
        return False, (f"{category.name}不属于本次慰问对象",), False
    verdicts = [v for _, v in call_each(pm, "songnuan_eligibility", Eligibility, **kwargs)]
    refusals = [v.reason for v in verdicts if not v.eligible]
    if refusals:
        return False, tuple(refusals), False
    if not verdicts:
        return False, ("没有规则认定其符合慰问条件",), False
    return True, tuple(v.reason for v in verdicts), any(v.must_fund for v in verdicts)


def _visit(
    household: Household, eligible: bool, decision: VisitDecision | None
) -> tuple[VisitWish, str, tuple[str, ...]]:
    """The visit wish: the office's 走访 and 慰问层级 columns win over the plugins' decision."""
    visit: VisitWish = decision.visit if decision else ("may" if eligible else "no")
    tier = decision.tier if decision else ""
    reasons = (decision.reason,) if decision and decision.reason else ()
    override = VISIT_OVERRIDES.get(household.visit.strip())
    if override:
        visit = override
        reasons = (f"办公室要求：{VISIT_LABELS[override]}",)
    if household.tier.strip():
        tier = household.tier.strip()
    if not eligible and visit != "no":
        visit = "no"
        reasons = (*reasons, "不符合慰问条件，不安排走访")
    return visit, tier, reasons
