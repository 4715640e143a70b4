"""`python -m planner` runs the songnuan command."""

from planner.cli import main

main()
