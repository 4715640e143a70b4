"""songnuan (送暖): plan 送温暖 holiday visit campaigns.

The pipeline is `load → rules → allocate → route → export`; each stage is one module with one
public function, and each passes a frozen data box to the next.
"""

from planner.hookspecs import hookimpl

__all__ = ["hookimpl"]
