"""The Arrow memory pool of a build: the system allocator, which hands freed memory back.

pyarrow's default pool (mimalloc or jemalloc) keeps memory it has freed for later
allocations; a build allocates and frees one batch's buffers after another, so with it
every process holds more than it uses. The pool is chosen in two places: pyarrow's
Python default (``pyarrow.set_memory_pool``) and Arrow's C++ default, which some of
pyarrow's internals use whatever the Python default is and which is read once, from
``ARROW_DEFAULT_MEMORY_POOL``, when pyarrow is imported. So a worker process sets both
before it imports pyarrow (:func:`use_system_pool`, its initializer), and the build sets
both for as long as it runs (:func:`system_pool`). A pool named in that variable by the
user is left as it is, everywhere.
"""

from __future__ import annotations

import contextlib
import os

#: The environment variable Arrow reads its C++ default pool from.
POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"


def use_system_pool() -> None:
    """The system allocator as this process's Arrow pool for good, unless ``ARROW_DEFAULT_MEMORY_POOL`` names one:
    for a process of the build's own (a worker's initializer, a benchmark's build process). Called before pyarrow
    is imported, this also sets the C++ default."""
    if POOL_VARIABLE not in os.environ:
        select_system_pool()


def select_system_pool():
    """Name the system allocator in ``ARROW_DEFAULT_MEMORY_POOL`` and make it pyarrow's Python default pool;
    return the pool that was the default."""
    os.environ[POOL_VARIABLE] = "system"
    import pyarrow as pa

    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    return previous


@contextlib.contextmanager
def system_pool():
    """The system allocator as pyarrow's Python default pool, and in ``ARROW_DEFAULT_MEMORY_POOL`` (which
    processes started meanwhile inherit, and which sets the C++ default if pyarrow is first imported
    meanwhile), while the block runs; both as they were after. Unless the variable names a pool already."""
    if POOL_VARIABLE in os.environ:
        yield
        return
    previous = select_system_pool()
    try:
        yield
    finally:
        import pyarrow as pa

        pa.set_memory_pool(previous)
        os.environ.pop(POOL_VARIABLE, None)
