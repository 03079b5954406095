"""Batch jobs for worker-process tests (importable by spawned workers)."""

import os


def die(batch):
    """A worker killed mid-batch (as the out-of-memory killer would)."""
    os._exit(9)


def arrow_pool(item):
    """The backend of the worker's default Arrow memory pool."""
    import pyarrow as pa

    return pa.default_memory_pool().backend_name


def arrow_pool_variable(item):
    """The worker's ARROW_DEFAULT_MEMORY_POOL, which Arrow read when the worker imported pyarrow."""
    return os.environ.get("ARROW_DEFAULT_MEMORY_POOL")


def slow(item):
    """A batch that takes long enough for its worker to be taken away."""
    import time

    time.sleep(20)
    return item


def time_out(item):
    """A batch whose own work times out (an OSError such as ETIMEDOUT on a network file system)."""
    raise TimeoutError(f"reading batch {item} timed out")


def nap(item):
    """A batch that takes two seconds."""
    import time

    time.sleep(2)
    return item
