"""The one error of the routing stage, kept apart so that every route module can raise it."""

from __future__ import annotations


class RoutingError(Exception):
    """No plan can be routed: the team days are unusable or OR-Tools found no solution at all."""
