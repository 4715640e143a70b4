"""The small values that rule plugins return to the core through the hooks."""

from __future__ import annotations

from pydantic import Field

from planner.cases import VisitWish
from planner.scenario import Frozen


class Category(Frozen):
    """A category of household a plugin knows (e.g. 劳模), with the spellings it accepts.

    `targeted` is False for categories an organisation knows but does not serve (the union does
    not serve needy farmers), so that such households are reported as ineligible with a reason
    instead of being rejected as an unknown category.
    """

    name: str
    aliases: tuple[str, ...] = ()
    targeted: bool = True
    description: str = ""


class Eligibility(Frozen):
    """A plugin's verdict on a household: eligible or not, and a short reason in Chinese."""

    eligible: bool
    reason: str
    must_fund: bool = False


class Priority(Frozen):
    """How urgent a household is (higher is funded first), and why."""

    level: int = Field(ge=0)
    reason: str


class VisitDecision(Frozen):
    """Whether a leader should visit the household in person, and which leader tier."""

    visit: VisitWish
    tier: str = ""
    reason: str = ""
