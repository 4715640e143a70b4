"""Write an output folder all or nothing: build it aside, then move it into place with a rename.

Every command that writes files (`plan`, `replan`, `whatif`) goes through `write_folder`, so
the office never finds a folder where some files are new and others missing or stale: at every
moment `out` is either the complete old output or the complete new one.

That holds when the run is stopped, too. The output holds bank card numbers, so the staging
folder is readable by its owner only while it is filled, and the sensitive files stay so
afterwards. SIGTERM (and SIGHUP, a closed terminal) end the run through the same clean-up as an
error: the staging folder goes. SIGKILL cannot be caught, so the old output is replaced by an
atomic exchange of the two folders (Linux `renameat2`, macOS `renamex_np`) rather than two
renames, and whatever a killed run left beside `out` is removed by the next run (staging folders
are named after their process, and only those of processes no longer running are touched).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType

__all__ = [
    "TEMP_PREFIX",
    "OutputExistsError",
    "OutputNotWritableError",
    "refuse_existing",
    "write_folder",
]

TEMP_PREFIX = ".songnuan-"
_OLD = "old-"
_STOPPING_SIGNALS = ("SIGTERM", "SIGHUP")


class OutputExistsError(FileExistsError):
    """The output folder exists and the caller did not ask to replace it."""

    def __init__(self, out: Path) -> None:
        super().__init__(f"{out} already exists; choose another folder or replace it with force")
        self.out = out


class OutputNotWritableError(OSError):
    """The output folder cannot be created where it was asked for."""

    def __init__(self, out: Path, reason: str) -> None:
        super().__init__(f"cannot write {out}: {reason}; choose another --out")
        self.out = out


def refuse_existing(out: Path, force: bool) -> None:
    """Refuse, before anything is planned, an `out` that exists (without `force`) or cannot be
    written: `OutputExistsError` or `OutputNotWritableError`.

    Commands call it before they plan, so that a run of minutes does not end in this error.
    Writability is tried for real (a folder made and removed at once where `out` would go), so
    a read-only disk or a file in the way is found too, whoever runs the command.
    """
    out = Path(out)
    if (out.exists() or out.is_symlink()) and not force:
        raise OutputExistsError(out)
    ancestor = out.absolute().parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputNotWritableError(out, f"{ancestor} is not a folder")
    try:
        Path(tempfile.mkdtemp(dir=ancestor, prefix=_prefix() + "probe-")).rmdir()
    except OSError as error:
        reason = f"{ancestor} is not writable ({error.strerror})"
        raise OutputNotWritableError(out, reason) from None


def write_folder(
    out: Path,
    fill: Callable[[Path], None],
    *,
    force: bool = False,
    private: Iterable[str] = (),
) -> list[Path]:
    """Let `fill` write into a temporary folder beside `out`, then move it to `out`.

    `private` names files (relative paths) that stay readable by their owner only; every other
    file gets the permissions the user's umask gives. Returns the files written (as paths under
    `out`), sorted. Raises `OutputExistsError` when `out` exists and `force` is false; whatever
    `fill` raises is raised as is. Either way `out` stays as it was and no temporary folder is
    left behind.
    """
    out = Path(out)
    refuse_existing(out, force)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputNotWritableError(out, str(error.strerror)) from None
    clean_leftovers(out.parent)
    with _stopping_cleanly():
        staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=_prefix()))
        try:
            fill(staging)
            written = sorted(out / path.relative_to(staging) for path in _files_under(staging))
            _share(staging, frozenset(private))
            _move_into_place(staging, out, force=force)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return written


def clean_leftovers(parent: Path) -> list[Path]:
    """Remove what killed runs left in `parent`; put back an output a kill left aside.

    Only folders named after a process that no longer runs are touched, so a run going on
    beside this one keeps its staging folder. Returns what was removed or put back.
    """
    handled = []
    for path in sorted(parent.glob(TEMP_PREFIX + "*")):
        pid = _pid_of(path.name)
        if pid is None or _running(pid) or not path.is_dir():
            continue
        if _is_aside(path.name):
            for inner in path.iterdir():
                home = parent / inner.name
                if not home.exists() and not home.is_symlink():
                    os.rename(inner, home)
        shutil.rmtree(path, ignore_errors=True)
        handled.append(path)
    return handled


def _prefix() -> str:
    """The name every temporary folder of this process starts with: `.songnuan-<pid>-`."""
    return f"{TEMP_PREFIX}{os.getpid()}-"


def _is_aside(name: str) -> bool:
    """Whether a temporary folder holds an old output moved aside (`.songnuan-<pid>-old-…`)."""
    rest = name.removeprefix(TEMP_PREFIX).split("-", 1)
    return len(rest) == 2 and rest[1].startswith(_OLD)


def _pid_of(name: str) -> int | None:
    """The process id in a temporary folder's name, or None for a folder not named so."""
    head = name.removeprefix(TEMP_PREFIX).split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _running(pid: int) -> bool:
    """Whether a process with this id runs (this one included)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextlib.contextmanager
def _stopping_cleanly() -> Iterator[None]:
    """SIGTERM and SIGHUP end the run by SystemExit, so clean-up runs as for any error."""

    def stop(signum: int, _: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = [name for name in _STOPPING_SIGNALS if hasattr(signal, name)]
    before = {name: signal.signal(getattr(signal, name), stop) for name in names}
    try:
        yield
    finally:
        for name, handler in before.items():
            signal.signal(getattr(signal, name), handler)


def _files_under(folder: Path) -> list[Path]:
    """Every file below `folder`, at any depth."""
    return [path for path in folder.rglob("*") if path.is_file()]


def _share(staging: Path, private: frozenset[str]) -> None:
    """Give files and folders the permissions `mkdir` and `open` would; `private` files 0600.

    The staging folder was made owner-only (mkdtemp's 0700), so nothing in it could be read
    while it was filled. The output is shared with colleagues (calendars for team leaders);
    the sensitive sheets stay the owner's.
    """
    umask = os.umask(0)
    os.umask(umask)
    for top, folders, files in os.walk(staging, topdown=False):  # links are not followed
        for name in files:
            path = Path(top) / name
            if path.is_symlink():
                continue  # chmod would change the file the link points to
            relative = path.relative_to(staging).as_posix()
            path.chmod(0o600 if relative in private else 0o666 & ~umask)
        for name in folders:
            if not (Path(top) / name).is_symlink():
                (Path(top) / name).chmod(0o777 & ~umask)
    staging.chmod(0o777 & ~umask)


def _move_into_place(staging: Path, out: Path, *, force: bool) -> None:
    """Move the finished folder to `out`; with force, the old `out` goes only once that worked."""
    if not out.exists() and not out.is_symlink():
        os.rename(staging, out)
        return
    if not force:
        raise OutputExistsError(out)
    if _exchange(staging, out):
        _remove(staging)
        return
    aside = Path(tempfile.mkdtemp(dir=out.parent, prefix=_prefix() + _OLD)) / out.name
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


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step; False where the system cannot (then: two renames)."""
    libc = ctypes.CDLL(None, use_errno=True)
    a, b = os.fsencode(first), os.fsencode(second)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        at_fdcwd, rename_exchange = -100, 2
        done = bool(libc.renameat2(at_fdcwd, a, at_fdcwd, b, rename_exchange) == 0)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rename_swap = 2
        done = bool(libc.renamex_np(a, b, rename_swap) == 0)
    else:
        return False
    return done


def _remove(path: Path) -> None:
    """Delete a replaced output, whether it was a folder, a file or a link."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
