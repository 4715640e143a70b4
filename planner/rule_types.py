"""The small values that rule plugins return to the core, and the types of their options.

Every reason and finding is a `Reason` (a code with parameters), whose words the plugin
registers through `songnuan_register_reasons`; the core renders it in Chinese or English where a
person reads it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, ValidationInfo

from planner.calendar_cn import parse_day, parse_span
from planner.cases import VisitWish
from planner.problems import Problem
from planner.reasons import Lang, Reason, ReasonBook
from planner.scenario import Frozen, Scenario


class Category(Frozen):
    """A category of household a plugin knows (e.g. 劳模), with the spellings it accepts.

    `targeted` is False for categories an organisation knows but does not serve (a workers'
    organisation may know needy farmers without serving them), so that such households are
    reported as ineligible with a reason instead of being rejected as an unknown category.
    """

    name: str
    aliases: tuple[str, ...] = ()
    targeted: bool = True
    description: str = ""
    english: str = ""
    """The name in English, for `--lang en`; empty: the Chinese name is shown."""
    english_description: str = ""
    """The description in English; empty: the English name where the description is the name."""


class Eligibility(Frozen):
    """A plugin's verdict on a household: eligible or not, and why."""

    eligible: bool
    reason: Reason
    must_fund: bool = False


class Priority(Frozen):
    """How urgent a household is (higher is funded first), and why."""

    level: int = Field(ge=0)
    reason: Reason | None = None


class VisitDecision(Frozen):
    """Whether a leader should visit the household in person, and which leader tier."""

    visit: VisitWish
    tier: str = ""
    reason: Reason | None = None


class Finding(Frozen):
    """Something the office should look at that does not stop planning (a late nomination).

    It points at the file, row and column concerned where there is one, like an input problem,
    so that the office finds the cell; like problems, findings never quote personal data.
    """

    message: Reason
    file: str = ""
    row: int | None = None
    column: str = ""

    def text(self, book: ReasonBook, lang: Lang = "zh") -> str:
        """The finding in `lang`, after the place it points at (`file:row:column: …`)."""
        message = book.render(self.message, lang)
        if not self.file:
            return message
        return str(Problem(self.file, self.row, self.column or None, message))


def _campaign_day(value: object, info: ValidationInfo) -> object:
    """A date in any form `calendar_cn` reads, resolved for the year in the validation context."""
    if isinstance(value, str):
        return parse_day(value, _year(info))
    return value


def _span_text(value: str, info: ValidationInfo) -> str:
    """The text of a span of dates, once it is known to resolve for the campaign year."""
    parse_span(value, _year(info))
    return value


def _year(info: ValidationInfo) -> int | None:
    context = info.context if isinstance(info.context, dict) else {}
    year = context.get("year")
    return year if isinstance(year, int) else None


CampaignDay = Annotated[dt.date, BeforeValidator(_campaign_day)]
"""An option that is a date: `2月5日`, `腊月初十`, `春节前5天` or `2027-02-01`."""

SpanText = Annotated[str, AfterValidator(_span_text)]
"""An option that is a span of dates (`腊月初十至腊月十八`), kept as the office wrote it.

It is checked when the options are read and resolved where it is used, with
`calendar_cn.parse_span(text, scenario.campaign.year)`; kept as text so that a plugin can give a
default in the words of its notice, which means different days in different years.
"""

M = TypeVar("M", bound=BaseModel)


_last_options: dict[tuple[str, type[BaseModel]], tuple[Scenario, BaseModel]] = {}
"""The options last read for each (plugin, model), with the scenario they were read from."""


def plugin_options(scenario: Scenario, plugin: str, model: type[M]) -> M:
    """A plugin's `rules: <plugin>:` options as its model, dates resolved for the campaign year.

    The rules stage has already validated them (and reported problems at scenario.yaml), so
    here they are known to be valid. Plugins ask for them several times per household, so
    they are read once per scenario (the very object, compared by identity: a changed copy is
    another object) — at 100,000 households reading them every time took a third of the rules.
    """
    last = _last_options.get((plugin, model))
    if last is not None and last[0] is scenario and isinstance(last[1], model):
        return last[1]
    options = model.model_validate(
        scenario.settings_for(plugin), context={"year": scenario.campaign.year}
    )
    _last_options[(plugin, model)] = (scenario, options)
    return options
