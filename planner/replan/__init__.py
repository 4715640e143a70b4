"""Re-plan: change a campaign under way with as few changes to the published plan as possible.

`previous` reads the plan.json that was sent out, `done` reads done.csv and settles the day of
re-planning, `unavailable` reads `--unavailable TEAM@DATE`, `days` keeps the team-days already
under way and opens the rest, `money` keeps every grant already promised, `reroute` routes the
open team-days starting from the previous routes and paying for each moved visit, `changes`
says what moved, was added or was cancelled, and `run` puts them together. Calendars need
nothing of their own: export versions every event against the previous plan.json's records.
"""
