"""Stage 2, rules: turn each household into a `Case` by asking the organisation plugins.

This is the only stage that calls rule hooks. The core knows nothing about any organisation: it
validates each plugin's `rules:` options with the model the plugin gives, resolves category names
through what plugins register, applies the overrides an office writes in the households table
(必访 / 不访, 慰问层级), and falls back to the scenario's budget standards where no plugin decides
an amount. Once the cases are made, plugins may add findings on the campaign as a whole.

Reasons are codes with parameters (`planner.reasons`); the words of the plugins' codes and of
the category names are gathered here once and travel with the cases (`Cases.templates`).
"""

from __future__ import annotations

from collections.abc import Iterable

import pluggy
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from planner.calendar_cn import CalendarError
from planner.cases import Case, Cases, VisitWish
from planner.load.messages import pydantic_message
from planner.plugins import ask, checked, each_plugin, gather
from planner.problems import PluginError, Problem, ScenarioError
from planner.reasons import Reason, ReasonBook, Template, template
from planner.rule_columns import rule_column_problems
from planner.rule_types import Category, Eligibility, Finding, Priority, VisitDecision
from planner.safe_text import masked
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

WISHES: dict[VisitWish, str] = {
    "must": template("rules.wish.must", zh="必访", en="must visit"),
    "may": template("rules.wish.may", zh="可访", en="may visit"),
    "no": template("rules.wish.no", zh="不访", en="no visit"),
}
NOT_TARGETED = template(
    "rules.not_targeted",
    zh="{category}不属于本次慰问对象",
    en="{category}: not served by this campaign",
)
NO_RULE = template(
    "rules.no_rule", zh="没有规则认定其符合慰问条件", en="no rule finds the household eligible"
)
OFFICE_ASKS = template("rules.office_asks", zh="办公室要求：{wish}", en="the office asks: {wish}")
LISTED = template("rules.listed", zh="{category}：{description}", en="{category}: {description}")
NOT_VISITED = template(
    "rules.not_eligible_not_visited",
    zh="不符合慰问条件，不安排走访",
    en="not eligible, so not visited",
)


def apply_rules(scenario: Scenario, pm: pluggy.PluginManager) -> Cases:
    """One case per household, in table order; bad options and unknown categories are problems."""
    problems = check_options(scenario, pm) + rule_column_problems(scenario, pm)
    categories = registered_categories(pm)
    templates = reason_templates(pm) + category_templates(categories.values())
    problems += _check_category_names(scenario, categories)
    households = []
    for household in scenario.households:
        category = categories.get(household.category.strip())
        if category is None:
            problems.append(_unknown_category(scenario, household, categories))
        else:
            if household.category != category.name:  # an alias or stray spaces: the name
                household = household.model_copy(update={"category": category.name})
            households.append((household, category))
    if problems:
        raise ScenarioError(problems)
    places = {place.id: place for place in scenario.places}
    cases = []
    for household, category in households:
        district = places[household.place].district
        cases.append(_case(pm, scenario, household, category, district, problems))
    if problems:
        raise ScenarioError(problems)
    return Cases(scenario=scenario, cases=tuple(cases), templates=templates)


def check_options(scenario: Scenario, pm: pluggy.PluginManager) -> list[Problem]:
    """Each plugin's `rules:` options against its model; options for no enabled plugin.

    Problems are placed at `scenario.yaml` `rules.<plugin>.<key>`, so a mistyped option is found
    before any household is judged with a default the office did not mean.
    """
    hook = "songnuan_rule_options"
    problems = []
    for plugin, caller in each_plugin(pm, hook):
        for model in caller():
            if not (isinstance(model, type) and issubclass(model, BaseModel)):
                shown = model.__name__ if isinstance(model, type) else type(model).__name__
                raise PluginError(plugin, hook, f"returned {shown}, expected a pydantic model")
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
        return "不认识的选项：插件的选项见 docs/plugins.md"
    return pydantic_message(detail)


def findings(cases: Cases, pm: pluggy.PluginManager) -> tuple[Finding, ...]:
    """Every plugin's findings on the campaign, in plugin order, each checked to be a Finding."""
    hook = "songnuan_check"
    found = []
    for plugin, caller in each_plugin(pm, hook):
        for items in caller(cases=cases):
            found += [
                checked(plugin, hook, item, Finding) for item in checked(plugin, hook, items, list)
            ]
    return tuple(found)


def registered_categories(pm: pluggy.PluginManager) -> dict[str, Category]:
    """Every category name and alias the enabled plugins know, mapped to its category."""
    found: list[Category] = []

    def register(category: Category) -> None:
        if not isinstance(category, Category):
            raise TypeError(f"register() takes a Category, got {type(category).__name__}")
        found.append(category)

    pm.hook.songnuan_register_categories(register=register)
    known: dict[str, Category] = {}
    for category in found:
        for name in (category.name, *category.aliases):
            known[name] = category
    return known


def reason_templates(pm: pluggy.PluginManager) -> tuple[Template, ...]:
    """The words of every reason code the enabled plugins register, checked as they come.

    A code registered twice with other words (by two plugins, or clashing with the core's), a
    template pair whose fields differ, or arguments that are not three strings raise inside the
    plugin's hook, so the error names the plugin.
    """
    book = ReasonBook()
    found: list[Template] = []

    def register(code: str, zh: str, en: str) -> None:
        if not all(isinstance(text, str) for text in (code, zh, en)):
            raise TypeError(
                f"register(code, zh, en) takes three strings, got {code!r}, {zh!r}, {en!r}"
            )
        each = Template(code=code, zh=zh, en=en)
        book.add(each)
        found.append(each)

    pm.hook.songnuan_register_reasons(register=register)
    return tuple(found)


def category_reason(name: str) -> Reason:
    """A category's name as a reason parameter, so that it reads in English as well."""
    return Reason.of(f"category.{name}")


def listed_reason(category: Category) -> Reason:
    """Eligible by being on the unit's list in `category`: its name and its description."""
    description = Reason.of(f"category.{category.name}.description")
    return Reason.of(LISTED, category=category_reason(category.name), description=description)


def category_templates(categories: Iterable[Category]) -> tuple[Template, ...]:
    """The words of each registered category's name and description, in Chinese and English."""
    found = {}
    for category in categories:
        english = category.english or category.name
        same = category.description == category.name
        described = category.english_description or (english if same else category.description)
        code = category_reason(category.name).code
        found[code] = Template(code=code, zh=_literal(category.name), en=_literal(english))
        code += ".description"
        found[code] = Template(code=code, zh=_literal(category.description), en=_literal(described))
    return tuple(found.values())


def _literal(text: str) -> str:
    """`text` as a template that renders as itself."""
    return text.replace("{", "{{").replace("}", "}}")


def _check_category_names(scenario: Scenario, known: dict[str, Category]) -> list[Problem]:
    """Budget standards and lines must name categories that some plugin knows."""
    problems = []
    named = [("budget.standards", name) for name in scenario.budget.standards]
    for index, line in enumerate(scenario.budget.lines):
        named += [(f"budget.lines[{index}].categories", name) for name in line.categories]
    for field, name in named:
        if name not in known:
            problems.append(
                Problem("scenario.yaml", None, field, f"不认识的类别 {name}；{_known(known)}")
            )
    return problems


def _unknown_category(
    scenario: Scenario, household: Household, known: dict[str, Category]
) -> Problem:
    """An unknown category, shown masked (the cell may hold personal data), and the known ones."""
    message = f"不认识的类别 {masked(household.category)}；{_known(known)}"
    return Problem(scenario.households_file, household.row, "类别", message)


def _known(known: dict[str, Category]) -> str:
    names = sorted({category.name for category in known.values()})
    return "可用的类别有：" + "、".join(names) if names else "没有插件登记任何类别"


def _case(
    pm: pluggy.PluginManager,
    scenario: Scenario,
    household: Household,
    category: Category,
    district: str,
    problems: list[Problem],
) -> Case:
    """Ask the plugins about one household and combine their answers with the office overrides."""
    size = ask(pm, "songnuan_household_size", int, household=household, scenario=scenario)
    counted_size = size or household.household_size or DEFAULT_HOUSEHOLD_SIZE
    kwargs: dict[str, object] = {"household": household, "scenario": scenario}
    sized = {**kwargs, "size": counted_size}
    eligible, reasons, must_fund = _eligibility(pm, category, sized)
    priority = ask(pm, "songnuan_priority", Priority, **sized) or Priority(level=0)
    if priority.reason is not None:
        reasons = (*reasons, priority.reason)
    standard = ask(pm, "songnuan_standard_amount", int, **kwargs)
    if standard is None:
        standard = scenario.budget.standards.get(household.category)
    if standard is None:
        if eligible:
            message = f"no standard amount for category {household.category!r}"
            problems.append(Problem("scenario.yaml", None, "budget.standards", message))
        standard = 0
    decision = ask(pm, "songnuan_visit", VisitDecision, **kwargs)
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
) -> tuple[bool, tuple[Reason, ...], bool]:
    """Eligible when some plugin says yes and none says no; a category not served never is.

    A "no" from any plugin wins, so that a unit's extra rule can only narrow what the
    organisation's rules allow, never widen it by accident.
    """
    if not category.targeted:
        return False, (Reason.of(NOT_TARGETED, category=category_reason(category.name)),), False
    verdicts = gather(pm, "songnuan_eligibility", Eligibility, **kwargs)
    refusals = [v.reason for v in verdicts if not v.eligible]
    if refusals:
        return False, tuple(refusals), False
    if not verdicts:
        return False, (Reason.of(NO_RULE),), False
    return True, tuple(v.reason for v in verdicts), any(v.must_fund for v in verdicts)


def _visit(
    household: Household, eligible: bool, decision: VisitDecision | None
) -> tuple[VisitWish, str, tuple[Reason, ...]]:
    """The visit wish: the office's 走访 and 慰问层级 columns win over the plugins' decision."""
    visit: VisitWish = decision.visit if decision else ("may" if eligible else "no")
    tier = decision.tier if decision else ""
    reasons = (decision.reason,) if decision and decision.reason else ()
    override = VISIT_OVERRIDES.get(household.visit.strip())
    if override:
        visit = override
        reasons = (Reason.of(OFFICE_ASKS, wish=Reason.of(WISHES[override])),)
    if household.tier.strip():
        tier = household.tier.strip()
    if not eligible and visit != "no":
        visit = "no"
        reasons = (*reasons, Reason.of(NOT_VISITED))
    return visit, tier, reasons
