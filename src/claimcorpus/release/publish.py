"""All-or-nothing publication of a release with its cards.

Everything a build produces (``dataset/``, ``dataset_card.md``, the README) is
first written into a staging folder ``<root>/.claimcorpus-staging/<id>/new/``.
:func:`publish` then flushes it to disk (:func:`flush_to_disk`), writes the commit marker (atomically) and
moves each target into place:

- files by ``os.replace`` (atomic: the old or the new file, never a partial one);
- the ``dataset/`` folder by an atomic exchange of the two folders
  (``renameat2(RENAME_EXCHANGE)``), so ``dataset/`` never disappears; where the
  file system cannot exchange, by two renames.

A crash before the marker leaves the previous state untouched (the staging
folder is removed by the next :func:`recover`); after the marker,
:func:`recover` finishes the moves. Each move is idempotent: a target is
recognised as already published by the sha256 recorded in the marker.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

STAGING_NAME = ".claimcorpus-staging"
MARKER = "COMMITTED"
#: Left by builds before staging existed; removed by :func:`recover`.
LEGACY_LEFTOVERS = (".dataset.tmp-*", "dataset/.*.tmp-*", ".dataset.old")
RENAME_EXCHANGE = 2


@dataclass
class Stage:
    """A staging folder for ``targets`` (paths relative to ``root``)."""

    root: Path
    folder: Path

    @property
    def new(self) -> Path:
        return self.folder / "new"

    def path(self, target: str) -> Path:
        """Where ``target`` is staged."""
        return self.new / target


def umask_mode(mode: int = 0o777) -> int:
    umask = os.umask(0)
    os.umask(umask)
    return mode & ~umask


def open_stage(root: Path) -> Stage:
    """A new, empty staging folder (mode follows the umask)."""
    parent = root / STAGING_NAME
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="build-", dir=parent))
    os.chmod(folder, umask_mode())
    (folder / "new").mkdir(mode=0o777)
    return Stage(root, folder)


def discard(stage: Stage) -> None:
    """Remove an uncommitted stage (the published state was never touched)."""
    shutil.rmtree(stage.folder, ignore_errors=True)
    remove_empty(stage.root / STAGING_NAME)


def content_sha256(path: Path) -> str:
    """sha256 of a file, or of a release folder's ``manifest.json`` (which lists every file's sha256)."""
    target = path / "manifest.json" if path.is_dir() else path
    return hashlib.sha256(target.read_bytes()).hexdigest() if target.is_file() else ""


def libc():
    """The C library (errno kept for ``ctypes.get_errno``), for the calls ``os`` lacks."""
    return ctypes.CDLL(None, use_errno=True)


def flush_to_disk(folder: Path) -> None:
    """Make every file and folder under ``folder`` durable before the commit marker is written.

    On Linux one ``syncfs(2)`` of the file system holding ``folder`` (a single
    journal commit; it reports write-back errors since Linux 5.8); elsewhere, or
    where the call is missing, an ``fsync`` of every file and folder."""
    syncfs = getattr(libc(), "syncfs", None)
    if syncfs is not None:
        fd = os.open(folder, os.O_RDONLY)
        try:
            if syncfs(fd) == 0:
                return
            if ctypes.get_errno() != errno.ENOSYS:
                raise OSError(ctypes.get_errno(), f"syncfs failed: {os.strerror(ctypes.get_errno())}", str(folder))
        finally:
            os.close(fd)
    fsync_tree(folder)


def fsync_tree(folder: Path) -> None:
    """``fsync`` every file and folder under ``folder``, and ``folder`` itself."""
    for path in [*sorted(folder.rglob("*")), folder]:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_marker(stage: Stage, targets: list[str]) -> None:
    """The commit point: ``{target: sha256}`` written to a temporary file, fsynced, renamed."""
    marker = {t: content_sha256(stage.path(t)) for t in targets}
    tmp = stage.folder / (MARKER + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(marker, sort_keys=True))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, stage.folder / MARKER)


def publish(stage: Stage, targets: list[str]) -> None:
    """Make the staged ``targets`` the published ones, all or nothing (see the module docstring)."""
    flush_to_disk(stage.new)
    write_marker(stage, targets)
    roll_forward(stage)


def roll_forward(stage: Stage, resuming: bool = False) -> None:
    """Do (or, ``resuming`` after a crash, finish) the moves of a committed stage; then remove it."""
    marker = json.loads((stage.folder / MARKER).read_text(encoding="utf-8"))
    for target, sha in marker.items():
        move_into_place(stage.path(target), stage.root / target, sha if resuming else None)
    discard(stage)


def move_into_place(staged: Path, final: Path, done_sha: str | None) -> None:
    """Publish one target; when resuming, skip it if it already is the committed one (``done_sha``)."""
    if done_sha is not None and final.exists() and content_sha256(final) == done_sha:
        return
    if not staged.exists():
        raise RuntimeError(f"{staged}: staged copy missing and {final} is not the committed one")
    if staged.is_dir() and final.is_dir():
        exchange(staged, final)
    else:
        os.replace(staged, final)


def exchange(a: Path, b: Path) -> None:
    """Swap two folders atomically; where the file system cannot, move ``b`` aside first."""
    renameat2 = getattr(libc(), "renameat2", None)
    at_fdcwd = -100
    if renameat2 is not None and renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b),
                                           RENAME_EXCHANGE) == 0:
        return
    aside = a.with_name(a.name + ".previous")
    os.replace(b, aside)
    os.replace(a, b)


def recover(root: Path) -> list[str]:
    """Finish committed stages, remove uncommitted ones and legacy leftovers; return what was done."""
    done = []
    parent = root / STAGING_NAME
    for folder in sorted(parent.glob("build-*")) if parent.is_dir() else []:
        stage = Stage(root, folder)
        if (folder / MARKER).is_file():
            roll_forward(stage, resuming=True)
            done.append(f"finished the interrupted publication {folder.name}")
        else:
            discard(stage)
            done.append(f"removed the unfinished build {folder.name}")
    for pattern in LEGACY_LEFTOVERS:
        for path in root.glob(pattern):
            shutil.rmtree(path, ignore_errors=True)
            done.append(f"removed {path.relative_to(root)}")
    remove_empty(parent)
    return done


def remove_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()
