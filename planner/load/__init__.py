"""Scenario folder → `Scenario`: the load stage, with every problem at `file:row:column`.

Office staff fix their files in a spreadsheet or an editor, so every problem names the file, the
row (the YAML line, or the spreadsheet row) and the column (the YAML key path, or the header as
the table writes it), and says what would be right. All problems of a run are collected and
raised together as one `ScenarioError`: fixing one mistake per run would cost an office a day.

Checks that need another part (a household's place needs places.csv) run only when that part was
read cleanly, so that one broken file does not bury the real problems under hundreds of echoes.
Messages about household cells never quote the cell: the archive holds ID numbers, incomes and
illnesses, and messages end up in logs and chat windows.

Each part has its module: `yaml_source` reads scenario.yaml with its lines, `report` places
problems, `budget`, `calendar_section`, `rule_options` and `teams` (with `shift_text` and
`day_dates`) read sections, `table_files`, `table_rows` and `cells` read the tables whose columns
`household_tables` and `network_tables` list, `cross_checks` and `windows` check the parts
against each other, `scenario_folder` puts it together, `extra_tables` reads re-planning's files.
"""

from planner.load.extra_tables import load_added_households, load_table
from planner.load.scenario_folder import load_scenario

__all__ = ["load_added_households", "load_scenario", "load_table"]
