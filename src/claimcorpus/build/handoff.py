"""Joined batches handed from workers on this machine to the main process as Arrow IPC files, not pickles.

Used for the process pool and a local Dask cluster (a remote cluster's workers send their tables back
through Dask).

A pickled batch exists twice in the worker while it is sent (the tables and their pickle),
and every finished batch waiting in the runner's window is held, unpickled, in the main
process. Written as one Arrow IPC file per table into a scratch folder beside the output, a
finished batch waits on disk instead: :func:`join_to_files` runs in the worker,
:func:`read_back` in the main process when the sink takes the batch (it deletes the files).
The tables read back are the tables written, chunk for chunk (an empty table may come back
without its one empty chunk), so the shards are the same.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import tempfile
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pyarrow as pa

from .plan import Batch
from .steps import JoinedBatch, join_batch


@dataclass(frozen=True)
class BatchFiles:
    """A joined batch as files: the IPC file of each config's table, and the worker's step seconds."""

    files: dict[str, str]
    seconds: dict[str, float] = field(default_factory=dict)


def join_to_files(batch: Batch, folder: str) -> BatchFiles:
    """:func:`~claimcorpus.build.steps.join_batch`, its tables written into ``folder`` (names made here)."""
    joined = join_batch(batch)
    files = {}
    for config, table in joined.tables.items():
        handle, path = tempfile.mkstemp(suffix=".arrow", prefix=f"{config}-", dir=folder)
        with os.fdopen(handle, "wb") as out, pa.ipc.new_file(out, table.schema) as writer:
            writer.write_table(table)
        files[config] = path
    return BatchFiles(files, joined.seconds)


def read_back(batch: BatchFiles) -> JoinedBatch:
    """The tables of ``batch``, read into memory; its files deleted."""
    tables = {}
    for config, path in batch.files.items():
        with pa.OSFile(path, "rb") as source:
            tables[config] = pa.ipc.open_file(source).read_all()
        os.unlink(path)
    return JoinedBatch(tables, batch.seconds)


def this_host() -> str:
    """This machine's name, as it may stand in a file name."""
    return re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname())[:64] or "host"


def pid_namespace() -> str:
    """On Linux, the number of this process's PID namespace (``ns4026531836``), else ``""``: containers that share
    a host name and a volume each number their processes in their own namespace."""
    try:
        found = re.fullmatch(r"pid:\[([0-9]+)\]", os.readlink("/proc/self/ns/pid"))
    except OSError:  # no /proc: not Linux
        return ""
    return f"ns{found.group(1)}" if found else ""


def scratch_prefix(output: Path, pid: int | None = None) -> str:
    """The name with which the scratch folders of process ``pid`` on this machine (and in this PID namespace)
    building ``output`` start (``None``: any process of this machine and namespace)."""
    return f".{output.name}-batches-{this_machine()}-" + ("" if pid is None else f"{pid}-")


def this_machine() -> str:
    """This machine's name and, on Linux, PID namespace, as they stand in a scratch folder's name (``+`` never
    occurs in :func:`this_host`)."""
    namespace = pid_namespace()
    return f"{this_host()}+{namespace}" if namespace else this_host()


def process_gone(pid: int) -> bool:
    """Whether no process ``pid`` runs on this machine (on POSIX; elsewhere nothing is known to be gone)."""
    if os.name != "posix" or pid <= 0:  # 0 and below name process groups
        return False
    try:
        os.kill(pid, 0)  # signal 0: only whether the process exists
    except (ProcessLookupError, OverflowError):  # none, or beyond any pid
        return True
    except PermissionError:  # another user's process
        return False
    return False


def remove_stale(output: Path) -> None:
    """Remove the scratch folders beside ``output`` left by builds on this machine killed outright (their process
    is gone). Only names this module makes for ``output`` count (``<prefix><pid>-`` and the 8 characters
    :func:`tempfile.mkdtemp` adds); a folder made on another machine, or in another PID namespace (container) of
    this one, sharing the directory is left alone, and so is one named as before the namespace was part of the
    name (remove such ``.<output>-batches-<host>-<pid>-*`` folders by hand once no build runs)."""
    name = re.compile(re.escape(scratch_prefix(output)) + r"([0-9]+)-[a-z0-9_]{8}")
    for folder in output.parent.iterdir():
        match = name.fullmatch(folder.name)
        if match and folder.is_dir() and not folder.is_symlink() and process_gone(int(match.group(1))):
            shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def file_handoff(output: Path):
    """``(job, receive)`` for workers on this machine: they write each batch into a scratch folder beside ``output``
    (removed with what is left in it when the block ends); the main process reads and deletes them.

    A build killed outright leaves its folder (``.<output name>-batches-<host>[+ns<PID namespace>]-<pid>-*``); the
    next build on this machine beside the same output removes it (:func:`remove_stale`). ``claimcorpus build``'s is
    inside its staging folder, which the next build removes too."""
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(output)
    # ignore_cleanup_errors: a failure to remove the scratch folder must not replace the build's own error
    with tempfile.TemporaryDirectory(prefix=scratch_prefix(output, os.getpid()), dir=output.parent,
                                     ignore_cleanup_errors=True) as folder:
        yield partial(join_to_files, folder=folder), read_back
