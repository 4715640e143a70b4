"""The import report in Chinese, for the terminal and `import-report.txt`.

It says what was read (which sheet, which header row, how many households), how each column was
mapped and how (by name, synonym, or the clerk's `--map`), which close matches are only
proposed, which columns are kept as they are or left out, which column a rule needs and the
archives lack, where addresses matched no place, and every problem. It never quotes a cell: the
archives hold ID numbers, incomes and addresses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.intake.headers import FIELD_CHINESE, HeaderMapping

if TYPE_CHECKING:
    from planner.intake.importer import ImportPlan

REPORT_FILE = "import-report.txt"
HOW = {"name": "同名", "synonym": "同义词", "confirmed": "--map 指定"}
OUTCOME = {
    "unmatched": "地点表中没有该镇村",
    "ambiguous": "符合多个地点",
    "no_village": "地址中没有镇/乡或村/社区",
}


def report_lines(plan: ImportPlan) -> list[str]:
    """Every line of the report, in the order a clerk reads it."""
    lines = ["导入报告", ""]
    for archive in plan.archives:
        lines.append(
            f"读取 {archive.label}：第{archive.header_row}行为表头，{archive.households}户"
        )
        if archive.totals_skipped:
            lines.append(f"  跳过合计行 {archive.totals_skipped} 行")
        lines += _mapping_lines(archive.mapping)
    lines += _outcome_lines(plan)
    if plan.problems:
        lines += ["", f"问题 {len(plan.problems)} 个（未写入任何文件，改正后重新导入）："]
        lines += [f"  {problem}" for problem in plan.problems]
    return lines


def _mapping_lines(mapping: HeaderMapping) -> list[str]:
    """Each column's mapping, the proposals, and the columns kept or left out."""
    lines = [f"  {h} → {FIELD_CHINESE[f]}（{HOW[how]}）" for h, f, how in mapping.applied]
    for header, field in mapping.proposed:
        target = FIELD_CHINESE[field]
        lines.append(f"  {header} → {target}？建议，未采用；确认请加 --map {header}={target}")
    if mapping.kept:
        lines.append(f"  未对应的列（原样保留为附加列）：{'、'.join(mapping.kept)}")
    if mapping.ignored:
        lines.append(f"  未导入的列：{'、'.join(mapping.ignored)}")
    return lines


def _outcome_lines(plan: ImportPlan) -> list[str]:
    """Columns rules lack, notes read, villages added, addresses unmatched, ids."""
    lines = [""]
    for need in plan.missing:
        lines.append(
            f"缺少规则所需的列 {need.header}：插件 {need.plugin} 的规则“{need.rule}”无法核定"
        )
    from_notes = sum(r.visited_from_notes for r in plan.records)
    if from_notes:
        lines.append(f"从备注取得上次慰问年份：{from_notes}户")
    if plan.new_places:
        names = "、".join(f"{p.district}{p.name}（{p.id}）" for p in plan.new_places)
        lines.append(f"新增地点 {len(plan.new_places)} 个，请在 places.csv 补填经度、纬度：{names}")
    if plan.unlocated:
        count = len(plan.unlocated)
        lines.append(f"地址未能对应地点的 {count} 户（请填写所在地点或在 places.csv 增加该村）：")
        lines += [f"  {r.where}：{OUTCOME[m.outcome]}" for r, m in plan.unlocated]
    new = len(plan.records) - plan.kept_ids
    lines.append(f"合计 {len(plan.records)} 户：沿用原编号 {plan.kept_ids} 户，新编号 {new} 户")
    return lines
