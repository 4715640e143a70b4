"""The `campaign` fixture: an empty tiny campaign for each routing test."""

from __future__ import annotations

import pytest
from route.tiny import TinyCampaign


@pytest.fixture
def campaign() -> TinyCampaign:
    """An empty tiny campaign on the default road graph."""
    return TinyCampaign()
