"""Fixtures shared by all tests."""

from __future__ import annotations

import pluggy
import pytest

from planner.plugins import make_plugin_manager


@pytest.fixture
def union_pm() -> pluggy.PluginManager:
    """The plugin manager a union scenario gets: core writers plus the union rules."""
    return make_plugin_manager(["union"])
