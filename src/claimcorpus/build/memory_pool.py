"""The Arrow memory pool of a build: the system allocator, which hands freed memory back.

pyarrow's default pool (mimalloc or jemalloc) keeps memory it has freed for later
allocations; a build allocates and frees one batch's buffers after another, so with it
every process holds more than it uses. The pool is chosen in two places: pyarrow's
Python default (``pyarrow.set_memory_pool``) and Arrow's C++ default, which some of
pyarrow's internals use whatever the Python default is and which is read once, from
``ARROW_DEFAULT_MEMORY_POOL``, when pyarrow is imported. So a worker sets both before it
imports pyarrow, and ``claimcorpus build`` before it starts. A pool named in that
variable by the user is left as it is, everywhere.
"""

from __future__ import annotations

import contextlib
import os

#: The environment variable Arrow reads its C++ default pool from.
POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"


def use_system_pool() -> None:
    """The system allocator as this process's Arrow pool, unless ``ARROW_DEFAULT_MEMORY_POOL`` names one.

    Called before pyarrow is imported (a worker's initializer, the command line), this also sets
    the C++ default; afterwards only the Python default."""
    if POOL_VARIABLE in os.environ:
        return
    os.environ[POOL_VARIABLE] = "system"
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())


@contextlib.contextmanager
def system_pool():
    """The system allocator as pyarrow's Python default pool while the block runs, the previous one after
    (unless ``ARROW_DEFAULT_MEMORY_POOL`` names a pool)."""
    import pyarrow as pa

    previous = pa.default_memory_pool()
    if POOL_VARIABLE not in os.environ:
        pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)
