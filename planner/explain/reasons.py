"""English for the reasons the pipeline writes in Chinese, and the catalogue that holds them.

The rules, allocation and routing stages write their reasons as finished Chinese sentences
(that is what the office reads in plan.json and the workbook). Their English lives here, next
to the general patterns of Chinese lists (`甲、乙`, `甲；乙`, `标签：内容`); plugins add the English
of their own reasons through `songnuan_register_translations`. Tests translate the reasons of
real plans and fail when a phrase changes here or at its source without the other.
"""

from __future__ import annotations

import pluggy

from planner.i18n import Catalogue, Phrase
from planner.plugins import call_each

CORE = (
    # rules
    Phrase("{category}不属于本次慰问对象", "{category}: not served by this campaign"),
    Phrase("没有规则认定其符合慰问条件", "no rule finds the household eligible"),
    Phrase("办公室要求：{wish}", "the office asks: {wish}"),
    Phrase("必访", "must visit"),
    Phrase("可访", "may visit"),
    Phrase("不访", "no visit"),
    Phrase("不符合慰问条件，不安排走访", "not eligible, so not visited"),
    # allocation
    Phrase("没有资金渠道支付“{category}”", "no budget line pays “{category}”"),
    Phrase(
        "{line}余额{left}元，不足以支付标准{standard}元；"
        "已按优先级先资助优先级更高的对象（本户优先级{priority}）",
        "{line} had {left} yuan left, less than the standard {standard} yuan; households of "
        "higher priority were funded first (this household: priority {priority})",
    ),
    Phrase(
        "总预算余额{left}元，不足以支付标准{standard}元",
        "the total budget had {left} yuan left, less than the standard {standard} yuan",
    ),
    Phrase(
        "求解时限内未能安排，请延长时限后重试",
        "not placed within the solver's time limit; try again with more time",
    ),
    # routing
    Phrase(
        "求解时限内未能排入，延长求解时间后可能排得下",
        "not placed within the search's time limit; with more time it may fit",
    ),
    Phrase(
        "设定的搜索量内未能排入，加大搜索量（--solutions）后可能排得下",
        "not placed within the search's work; with more solutions (--solutions) it may fit",
    ),
    Phrase("工作时间和午休内排不下", "no room left within working hours and lunch"),
    Phrase("已达每日走访上限", "the day's visit cap is reached"),
    Phrase("已达每日工作时长上限", "the day's working-minute cap is reached"),
    Phrase("没有安排任何走访日", "no visiting days are planned"),
    Phrase("没有“{tier}”带队的走访小组", "no visiting team is led by “{tier}”"),
    Phrase("“{tier}”带队的小组", "team led by “{tier}”"),
    Phrase("走访小组", "visiting team"),
    Phrase("没有负责“{district}”的{team}", "no {team} covers “{district}”"),
    Phrase(
        "{date}没有{team}出行，而该户只能在当天走访",
        "no {team} is out on {date}, the only day the household can be visited",
    ),
    Phrase(
        "没有小组能在工作时间内赶到、走访并返回驻地{window}",
        "no team can get there, visit and be back at its base within working hours{window}",
    ),
    Phrase("（可走访时段：{when}）", " (visiting window: {when})"),
    Phrase("（路程过远）", " (too far)"),
    Phrase(
        "往返路程加走访超过各组每日工作时长上限",
        "the drive there and back plus the visit exceed every team's daily working minutes",
    ),
    Phrase(
        "各组行程已满（{limits}），时间已用于其他必访户",
        "every team's days are full ({limits}); their time went to other must-visits",
    ),
    Phrase(
        "行程已满（{limits}），按优先级未安排", "the days are full ({limits}); left out by priority"
    ),
    Phrase("{date}车辆已全部派出（每日{cars}辆）", "every car is out on {date} ({cars} a day)"),
    # dates and lists
    Phrase("{month}月{day}日", "{month}/{day}"),
    Phrase("{month}月{day}日 {times}", "{month}/{day} {times}"),
    # Loosest first, for these tie on fixed text and the first that matches wins: clauses
    # (；) hold labelled texts (：), which hold lists (、).
    Phrase("{first}；{rest}", "{first}; {rest}"),
    Phrase("{label}：{text}", "{label}: {text}"),
    Phrase("{first}、{rest}", "{first}, {rest}"),
)
"""The core's phrases; each Chinese template is the one its stage formats."""


def reason_catalogue(pm: pluggy.PluginManager) -> Catalogue:
    """The core's phrases plus every enabled plugin's, as registered through the hook.

    A plugin that registers something other than two strings, or a template with a field that
    is not a plain name, is reported by plugin and hook name like any other plugin fault.
    """
    catalogue = Catalogue(CORE)

    def register(chinese: str, english: str) -> None:
        if not isinstance(chinese, str) or not isinstance(english, str):
            raise TypeError(f"register(zh, en) takes two strings, got {chinese!r}, {english!r}")
        catalogue.add(Phrase(chinese, english))

    call_each(pm, "songnuan_register_translations", object, register=register)
    return catalogue
