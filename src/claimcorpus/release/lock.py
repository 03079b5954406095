"""One build at a time: an exclusive lock on ``<root>/.claimcorpus.lock``.

The lock is an ``flock`` on an open file, so the system releases it when the
holder exits for any reason (a killed build never leaves a stale lock).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import CorpusError

LOCK_NAME = ".claimcorpus.lock"


@contextmanager
def build_lock(root: Path) -> Iterator[Path]:
    """Hold the project's build lock; a second holder gets a :class:`CorpusError` at once."""
    path = root / LOCK_NAME
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CorpusError(path, "(lock)", "lock", "no other build of this project running",
                              "another build holds the lock (wait for it to finish)") from None
        yield path
    finally:
        os.close(fd)
