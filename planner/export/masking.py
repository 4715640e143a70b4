"""Names as a public notice may show them: surname and last character, the rest starred.

A 公示名单 is posted on a notice board and online, so a household must be recognisable to
colleagues who know it, but not findable by strangers: the usual convention is 张*明. Compound
surnames keep both characters (欧阳*华), two-character names keep only the surname (张*).
"""

from __future__ import annotations

COMPOUND_SURNAMES = frozenset(
    (
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "司空",
        "夏侯",
        "令狐",
        "独孤",
        "南宫",
        "西门",
        "端木",
        "百里",
        "呼延",
        "轩辕",
        "闻人",
        "万俟",
        "澹台",
        "公冶",
        "宗政",
        "濮阳",
        "淳于",
        "单于",
        "太叔",
        "申屠",
        "钟离",
        "赫连",
        "第五",
        "东郭",
    )
)
"""Two-character Chinese surnames common enough to meet in an archive."""

SEPARATORS = "·•."
"""The dots between the parts of transliterated names (e.g. 阿依古丽·买买提)."""


def mask_name(name: str) -> str:
    """The name with all but the surname and the last character replaced by one `*`.

    张三 → 张*, 张小明 → 张*明, 欧阳华 → 欧阳*, 欧阳振华 → 欧阳*华; a transliterated name keeps
    its first and last characters (阿依古丽·买买提 → 阿*提).
    """
    name = name.strip()
    if any(dot in name for dot in SEPARATORS):
        return f"{name[0]}*{name[-1]}"
    surname = name[:2] if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else name[:1]
    given = name[len(surname) :]
    if len(given) <= 1:
        return f"{surname}*"
    return f"{surname}*{given[-1]}"
