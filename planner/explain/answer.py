"""The answer to "why (not) me?" for one household: eligibility, money, visit, in plain words.

Office staff read it out to a worker who asks, so it says what was decided and by which figures
(the thresholds, the household size counted, the budget line and who came first on it), never
the household's ID or bank card number nor its income: the rules' reasons already compare the
per-capita income with the threshold without quoting it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from planner.cases import Case
from planner.explain.facts import CaseFacts, PlanFacts, RouteFacts, VisitFacts
from planner.i18n import Lang, Phrase
from planner.reasons import Reason, ReasonBook
from planner.rules import category_reason
from planner.scenario import Household, Scenario

BULLET = "  · "

HEADER = Phrase(
    "{id} {name}（{unit}，{district}）· {category}", "{id} {name} ({unit}, {district}) · {category}"
)
ELIGIBLE = Phrase("资格：符合慰问条件", "Eligibility: eligible")
NOT_ELIGIBLE = Phrase("资格：不符合慰问条件", "Eligibility: not eligible")
SIZE = Phrase("人均收入按家庭{size}口人计算", "per-capita income is counted over {size} people")
STALE = Phrase(
    "注意：按当前档案和规则核定的资格或优先级与该计划不同，计划制定后档案或规则可能有改动",
    "Note: under the current files and rules the eligibility or priority differs from the "
    "plan's; the files or rules may have changed since the plan was made",
)
NOT_IN_PLAN = Phrase(
    "该户不在此计划中（计划制定后才加入档案？），资助和走访无从说明",
    "This household is not in the plan (added to the files after it was made?), so there is "
    "nothing to say about money or a visit",
)
FUNDED = Phrase("资助：{amount}元，由{line}支付", "Funding: {amount} yuan, paid from {line}")
NOT_FUNDED = Phrase("资助：未获资助。{reason}", "Funding: none. {reason}")
NOT_FUNDED_INELIGIBLE = Phrase("资助：不符合条件，不予资助", "Funding: none, as not eligible")
NOT_LISTED = Phrase("资助：未列入资助名单", "Funding: not on the grant list")
LINE_STATE = Phrase(
    "{line}共{budget}元，已资助{households}户共{allocated}元，余{left}元",
    "{line}: {budget} yuan, {allocated} yuan granted to {households} households, {left} left",
)
CAME_FIRST = Phrase(
    "由该渠道资助的户中优先级最低的是{id}（优先级{priority}），本户优先级{own}",
    "the lowest-priority household funded from this line is {id} (priority {priority}); "
    "this household's priority is {own}",
)
SAME_PRIORITY = Phrase(
    "同一优先级之间，先资助尽量多的户数，再使各乡镇的资助比例尽量均衡",
    "between households of the same priority, as many as possible are funded, then spread as "
    "evenly as possible over the districts",
)
VISITED = Phrase(
    "走访：{date} {time}前后由{team}（{leader}带队）上门",
    "Visit: {date} around {time}, by {team} (led by {leader})",
)
DROPPED = Phrase("走访：未安排。{reason}", "Visit: not planned. {reason}")
DROPPED_MUST = Phrase(
    "走访：必访，但未能安排。{reason}", "Visit: a must-visit, not planned. {reason}"
)
TIER_BUSY = Phrase(
    "须由“{tier}”带队走访；该层级的小组（{teams}）已在{days}个走访日安排{visits}户",
    "a team led by “{tier}” must visit; that tier's teams ({teams}) already make {visits} "
    "visits on {days} days",
)
PRIORITY_CUT = Phrase(
    "本户优先级{own}；已安排走访的户中优先级最低为{lowest}",
    "this household's priority is {own}; the lowest priority among planned visits is {lowest}",
)
NO_VISIT_WISH = Phrase("走访：按规则不安排上门走访", "Visit: the rules ask for no home visit")
NO_VISIT_INELIGIBLE = Phrase("走访：不符合条件，不安排走访", "Visit: none, as not eligible")
NO_VISIT_UNFUNDED = Phrase("走访：未获资助，不安排走访", "Visit: none, as not funded")
NOT_VISITED = Phrase("走访：未安排", "Visit: not planned")
SOURCE_FILE = Phrase("依据：{file}", "Source: {file}")
SOURCE_PLANNED = Phrase(
    "依据：按当前档案重新规划（未指定 --plan；与已发出的计划可能不同）",
    "Source: planned anew from the current files (no --plan; may differ from the plan sent out)",
)


@dataclass(frozen=True)
class Subject:
    """One household, its case under the current rules, and the plan that decided about it."""

    household: Household
    case: Case
    scenario: Scenario
    facts: PlanFacts


Say = Callable[[Reason], str]
"""A reason in the answer's language."""


def answer(subject: Subject, book: ReasonBook, lang: Lang) -> list[str]:
    """The lines of the answer in `lang`: header, eligibility, funding, visit."""
    words: Say = partial(book.render, lang=lang)
    household, case = subject.household, subject.case
    lines = [
        HEADER.say(
            lang,
            id=household.id,
            name=household.name,
            unit=household.unit,
            district=case.district,
            category=words(category_reason(case.category)),
        ),
        *_eligibility(case, words, lang),
    ]
    planned = next((c for c in subject.facts.cases if c.household_id == household.id), None)
    if planned is None:
        return [*lines, NOT_IN_PLAN.say(lang)]
    if (planned.eligible, planned.priority) != (case.eligible, case.priority):
        lines.append(STALE.say(lang))
    return [
        *lines,
        *_funding(subject, planned, book, lang),
        *_visit(subject, planned, book, lang),
    ]


def _eligibility(case: Case, say: Say, lang: Lang) -> list[str]:
    """Eligible or not, every reason the rules gave, and the household size they counted."""
    head = ELIGIBLE if case.eligible else NOT_ELIGIBLE
    reasons = [BULLET + say(reason) for reason in case.reasons]
    return [head.say(lang), *reasons, BULLET + SIZE.say(lang, size=case.counted_size)]


def _funding(subject: Subject, planned: CaseFacts, book: ReasonBook, lang: Lang) -> list[str]:
    """The grant and its line; or why none: not eligible, or which line ran short and who
    came first on it."""
    facts, household_id = subject.facts, subject.household.id
    lines = {line.line_id: line for line in facts.budget.lines}
    grant = next((g for g in facts.grants if g.household_id == household_id), None)
    if grant is not None:
        name = lines[grant.line_id].name if grant.line_id in lines else grant.line_id
        return [FUNDED.say(lang, amount=grant.amount, line=name)]
    if not planned.eligible:
        return [NOT_FUNDED_INELIGIBLE.say(lang)]
    unfunded = next((u for u in facts.unfunded if u.household_id == household_id), None)
    if unfunded is None:
        return [NOT_LISTED.say(lang)]
    found = [NOT_FUNDED.say(lang, reason=unfunded.reason.render(book, lang))]
    paying = subject.scenario.budget.line_for(planned.category)
    line = lines.get(paying.id) if paying else None
    if line is None:
        return found
    state = LINE_STATE.say(
        lang,
        line=line.name,
        budget=line.budget,
        households=line.households,
        allocated=line.allocated,
        left=line.left,
    )
    found.append(BULLET + state)
    priority = {c.household_id: c.priority for c in facts.cases}
    on_line = [g.household_id for g in facts.grants if g.line_id == line.line_id]
    if on_line:
        last = min(on_line, key=lambda hid: priority.get(hid, 0))
        lowest = priority.get(last, 0)
        found.append(BULLET + CAME_FIRST.say(lang, id=last, priority=lowest, own=planned.priority))
        if lowest == planned.priority:
            found.append(BULLET + SAME_PRIORITY.say(lang))
    return found


def _visit(subject: Subject, planned: CaseFacts, book: ReasonBook, lang: Lang) -> list[str]:
    """When and by whom; or why not: dropped (with what binds), not eligible, not funded, or
    no visit wanted."""
    facts, household_id = subject.facts, subject.household.id
    for route in facts.routes:
        for visit in route.visits:
            if visit.household_id == household_id:
                return [_visited(route, visit, lang)]
    dropped = next((d for d in facts.dropped if d.household_id == household_id), None)
    if dropped is not None:
        head = DROPPED_MUST if dropped.must else DROPPED
        found = [head.say(lang, reason=dropped.reason.render(book, lang))]
        found += [BULLET + line for line in _what_binds(subject, planned, dropped.must, lang)]
        return found
    if not planned.eligible:
        return [NO_VISIT_INELIGIBLE.say(lang)]
    if all(g.household_id != household_id for g in facts.grants):
        return [NO_VISIT_UNFUNDED.say(lang)]
    if planned.visit == "no":
        return [NO_VISIT_WISH.say(lang)]
    return [NOT_VISITED.say(lang)]


def _visited(route: RouteFacts, visit: VisitFacts, lang: Lang) -> str:
    return VISITED.say(
        lang,
        date=_date(route.date, lang),
        time=f"{visit.arrival:%H:%M}",
        team=route.team_name,
        leader=route.leader,
    )


def _what_binds(subject: Subject, planned: CaseFacts, must: bool, lang: Lang) -> list[str]:
    """How busy the leader tier the household needs is, and (for a may-visit) where its
    priority stands among the visits that were planned."""
    facts, found = subject.facts, []
    teams = [team for team in subject.scenario.teams if planned.tier and team.tier == planned.tier]
    if teams:
        ids = {team.id for team in teams}
        routes = [route for route in facts.routes if route.team_id in ids]
        found.append(
            TIER_BUSY.say(
                lang,
                tier=planned.tier,
                teams=(", " if lang == "en" else "、").join(team.name for team in teams),
                days=len(routes),
                visits=sum(len(route.visits) for route in routes),
            )
        )
    priority = {c.household_id: c.priority for c in facts.cases}
    visited = [priority.get(v.household_id, 0) for route in facts.routes for v in route.visits]
    if not must and visited:
        found.append(PRIORITY_CUT.say(lang, own=planned.priority, lowest=min(visited)))
    return found


def _date(date: dt.date, lang: Lang) -> str:
    return date.isoformat() if lang == "en" else f"{date.month}月{date.day}日"
