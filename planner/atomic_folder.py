"""Write an output folder all or nothing: build it aside, then move it into place with a rename.

Every command that writes files (`plan`, `whatif`) goes through `write_folder`, so the office
never finds a folder where some files are new and others missing or stale: at every moment
`out` is either the complete old output or the complete new one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["TEMP_PREFIX", "OutputExistsError", "refuse_existing", "write_folder"]

TEMP_PREFIX = ".songnuan-"


class OutputExistsError(FileExistsError):
    """The output folder exists and the caller did not ask to replace it."""

    def __init__(self, out: Path) -> None:
        super().__init__(f"{out} already exists; choose another folder or replace it with force")
        self.out = out


def refuse_existing(out: Path, force: bool) -> None:
    """Raise `OutputExistsError` when `out` exists and `force` is false.

    Commands call it before they plan, so that a run of minutes does not end in this error.
    """
    if out.exists() and not force:
        raise OutputExistsError(out)


def write_folder(out: Path, fill: Callable[[Path], None], *, force: bool = False) -> list[Path]:
    """Let `fill` write into a temporary folder beside `out`, then rename it to `out`.

    Returns the files written (as paths under `out`), sorted. Raises `OutputExistsError` when
    `out` exists and `force` is false; whatever `fill` raises is raised as is. Either way `out`
    stays as it was and no temporary folder is left behind.
    """
    out = Path(out)
    refuse_existing(out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=TEMP_PREFIX))
    _as_a_plain_folder(staging)
    try:
        fill(staging)
        written = sorted(out / path.relative_to(staging) for path in _files_under(staging))
        _move_into_place(staging, out, force=force)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def _files_under(folder: Path) -> list[Path]:
    """Every file below `folder`, at any depth."""
    return [path for path in folder.rglob("*") if path.is_file()]


def _as_a_plain_folder(folder: Path) -> None:
    """Give the staging folder the permissions `mkdir` would, not mkdtemp's owner-only 0700.

    The output is shared with colleagues (calendars for team leaders); the one sensitive sheet
    is protected by where the office keeps the folder, as its other files are.
    """
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def _move_into_place(staging: Path, out: Path, *, force: bool) -> None:
    """Rename the finished folder to `out`; with force, the old `out` goes only once that worked.

    The old output is first renamed aside (not deleted), so a failing rename can put it back.
    """
    if not out.exists() and not out.is_symlink():
        os.rename(staging, out)
        return
    if not force:
        raise OutputExistsError(out)
    aside = Path(tempfile.mkdtemp(dir=out.parent, prefix=TEMP_PREFIX + "old-")) / out.name
    os.rename(out, aside)
    try:
        os.rename(staging, out)
    except BaseException:
        os.rename(aside, out)
        raise
    finally:
        if aside.exists() or aside.is_symlink():
            _remove(aside)
        aside.parent.rmdir()


def _remove(path: Path) -> None:
    """Delete a replaced output, whether it was a folder, a file or a link."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
