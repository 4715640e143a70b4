"""Calendar subscriptions: an unguessable address per team or leader calendar, revocable.

A phone subscribes once to `webcal://HOST/cal/<token>.ics` and from then on reads the calendar of
the campaign's latest plan or re-plan, whose events keep their UIDs and raise SEQUENCE when they
change (the calendar writer's doing), so it follows every re-plan without a new import. The token
is the only secret of the address (the page needs no login, since a phone's calendar cannot log
in); revoking it makes the address answer 404 from then on.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

import segno

from planner.web.workspace import Workspace

FILE = "subscriptions.json"
TOKEN_BYTES = 24
_lock = threading.Lock()


@dataclass
class Subscription:
    """One subscription address: which campaign's which calendar file, and whether revoked."""

    token: str
    campaign: str
    file: str
    label: str
    team_id: str = ""
    revoked: bool = False


def all_subscriptions(workspace: Workspace) -> list[Subscription]:
    """Every subscription of the workspace, revoked ones too."""
    path = workspace.state / FILE
    if not path.is_file():
        return []
    return [Subscription(**item) for item in json.loads(path.read_text(encoding="utf-8"))]


def campaign_subscriptions(workspace: Workspace, campaign: str) -> list[Subscription]:
    """The live subscriptions of one campaign."""
    return [s for s in all_subscriptions(workspace) if s.campaign == campaign and not s.revoked]


def subscribe(workspace: Workspace, campaign: str, file: str, label: str, team_id: str) -> str:
    """A new token for `file` of `campaign` (a calendar path as plan.json names it)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with _lock:
        found = all_subscriptions(workspace)
        found.append(Subscription(token, campaign, file, label, team_id))
        _save(workspace, found)
    return token


def revoke(workspace: Workspace, campaign: str, token: str) -> None:
    """Revoke `token` (only within its own campaign); its address answers 404 from now on."""
    with _lock:
        found = all_subscriptions(workspace)
        for item in found:
            if item.token == token and item.campaign == campaign:
                item.revoked = True
        _save(workspace, found)


def live(workspace: Workspace, token: str) -> Subscription | None:
    """The subscription of `token`, or None when unknown or revoked."""
    for item in all_subscriptions(workspace):
        if secrets.compare_digest(item.token, token) and not item.revoked:
            return item
    return None


def qr_svg(address: str) -> str:
    """The address as a QR code, an inline SVG a page shows and a phone camera reads."""
    out = io.BytesIO()
    segno.make(address, error="m").save(out, kind="svg", scale=4, xmldecl=False, svgns=True)
    return out.getvalue().decode("utf-8")


def _save(workspace: Workspace, found: list[Subscription]) -> None:
    """Write the subscriptions whole, by renaming a finished copy over the file."""
    path: Path = workspace.state / FILE
    part = path.with_name(f".{FILE}.part")
    part.write_text(json.dumps([asdict(s) for s in found], ensure_ascii=False), encoding="utf-8")
    os.replace(part, path)
