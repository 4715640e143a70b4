"""Travel minutes between a campaign's places, from one of several sources, cached in the folder.

Routing asks for an integer matrix of driving minutes and never knows where it came from:
`roads` (the office's roads.csv, `planner.network`), `osm` (an OpenStreetMap extract read with
pyrosm, `osm`), `estimate` (straight line × detour at an average speed, `estimate`) or `plugin`
(a map service behind the `songnuan_travel_minutes` hook). `matrix.attach_travel` finds the
minutes once per plan and stores them in the scenario folder (`cache`), so that a re-plan is
offline, fast and gives the same minutes. `coordinates` converts 高德/腾讯 (GCJ-02) and 百度
(BD-09) coordinates to WGS-84, the system OpenStreetMap and distances use.

This module imports nothing: `planner.scenario` imports `settings` from here, and the sources
import `planner.scenario`.
"""
