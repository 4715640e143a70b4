"""A workspace: a folder of campaigns, each an ordinary scenario folder plus its runs.

The CLI plans what the app made and the app opens what the CLI made: any sub-folder holding a
scenario.yaml is a campaign. Folder names are made by the app (`2027-3fa9c1`), never from text a
user typed, so no path is ever built from input; a name from a URL is accepted only when it has
that plain shape and names an existing campaign.
"""

from __future__ import annotations

import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from planner.load.yaml_source import SCENARIO_FILE, read_yaml
from planner.problems import ScenarioError

RUNS = "runs"
"""Each campaign's runs live in this sub-folder, beside the scenario's own files."""

STATE = ".songnuan"
"""The app's own state in the workspace: the password hash, the secret key, subscriptions."""

SAFE_NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$")
"""The shape of a campaign or run folder name that may come back in a URL."""


class NotFound(LookupError):
    """A campaign or run named in a URL that does not exist (or has a name it could not have)."""


@dataclass(frozen=True)
class Campaign:
    """One campaign folder, with what the campaign list shows about it."""

    name: str
    folder: Path
    title: str
    year: int | None
    plugins: tuple[str, ...]

    @property
    def runs(self) -> Path:
        """The folder of this campaign's runs."""
        return self.folder / RUNS


class Workspace:
    """The campaigns of one folder, and the app's state beside them."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.root.mkdir(parents=True, exist_ok=True)
        self.state = self.root / STATE
        self.state.mkdir(exist_ok=True)

    def campaigns(self) -> list[Campaign]:
        """Every campaign of the workspace, newest year first, then by title."""
        found = [
            self._describe(folder)
            for folder in sorted(self.root.iterdir())
            if SAFE_NAME.match(folder.name) and (folder / SCENARIO_FILE).is_file()
        ]
        return sorted(found, key=lambda c: (-(c.year or 0), c.title, c.name))

    def campaign(self, name: str) -> Campaign:
        """The campaign in folder `name`; `NotFound` when there is none of that plain name."""
        if not SAFE_NAME.match(name):
            raise NotFound(name)
        folder = self.root / name
        if not (folder / SCENARIO_FILE).is_file():
            raise NotFound(name)
        return self._describe(folder)

    def new_folder(self, year: int) -> Path:
        """A fresh, empty campaign folder named after the year and a random suffix."""
        while True:
            folder = self.root / f"{year}-{secrets.token_hex(3)}"
            if not folder.exists():
                folder.mkdir()
                return folder

    def copy(self, source: Campaign, year: int) -> Path:
        """A new campaign folder holding `source`'s scenario files, without its runs."""
        folder = self.new_folder(year)
        for item in source.folder.iterdir():
            if item.name == RUNS or item.name.startswith("."):
                continue
            if item.is_dir():
                shutil.copytree(item, folder / item.name)
            else:
                shutil.copy2(item, folder / item.name)
        return folder

    def _describe(self, folder: Path) -> Campaign:
        """Title, year and plugins from scenario.yaml; a broken file still lists the folder."""
        try:
            campaign = read_yaml(folder).get("campaign") or {}
        except ScenarioError:
            campaign = {}
        year = campaign.get("year") if isinstance(campaign, dict) else None
        plugins = campaign.get("plugins") if isinstance(campaign, dict) else None
        title = campaign.get("name") if isinstance(campaign, dict) else None
        return Campaign(
            name=folder.name,
            folder=folder,
            title=str(title or folder.name),
            year=year if isinstance(year, int) else None,
            plugins=tuple(str(p) for p in plugins) if isinstance(plugins, list) else (),
        )


def scenario_files(folder: Path) -> list[Path]:
    """The files that make up a scenario (everything but its runs and hidden files)."""
    return sorted(
        item
        for item in folder.iterdir()
        if item.name != RUNS and not item.name.startswith(".") and item.is_file()
    )
