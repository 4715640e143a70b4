"""The way in: a starter scenario (`init`) and the archives units send up (`import`).

Library functions only, taking paths and plain data and returning plain data, so that the CLI
(`songnuan init`, `songnuan import`) and the web application are both thin layers over them:

- `starter.write_starter` writes a scenario folder that validates and plans as it stands;
- `archives.read_archive` reads one archive (XLSX sheet or CSV) into rows, with problems;
- `headers.map_headers` maps its headers to songnuan's columns (applied and proposed);
- `records.to_records` turns the rows into households in songnuan's fields;
- `duplicates.find_duplicates` finds one person in two lists (不重);
- `addresses.AddressBook` finds a household's village among the scenario's places;
- `importer.plan_import` puts it together and writes nothing, `report.report_lines` words it,
  `writing.write_import` writes households.csv, places.csv and the report, all or nothing.
"""
