"""A runner on a Dask cluster (the ``cluster`` extra): batch jobs as Dask tasks, results in item order.

:func:`run_cluster` connects to the scheduler at ``address`` (or, for
``"local"``, starts a ``distributed.LocalCluster`` of worker processes on this
machine), submits ``job(item)`` with at most one item per worker thread plus
one in flight, and yields the results in item order, so the sink sees the
same sequence as with :func:`claimcorpus.build.runners.run_local` and writes
the same bytes. Workers import ``job`` by name and open the items' paths
themselves: they need this package installed and the corpus at the same
absolute path.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress

from ..errors import CorpusError, WorkerDied
from .memory_pool import POOL_VARIABLE
from .runners import in_order

#: ``--scheduler`` value that starts a cluster of worker processes on this machine.
LOCAL = "local"
#: Seconds allowed to reach a scheduler before the build gives up.
CONNECT_TIMEOUT = 5.0
#: Seconds a scheduler may be without workers (before the first, or after the last has left), or stop answering,
#: before the build gives up.
WORKERS_TIMEOUT = 60.0
#: Seconds the scheduler has to say how many worker threads it has (a scheduler that is connected but stopped
#: would otherwise block the build for good).
ANSWER_SECONDS = 5.0
#: Seconds between checks that the cluster still has a worker, while a batch is awaited.
POLL_SECONDS = 1.0
OPTION = "--scheduler"
#: Dask settings of a ``--scheduler local`` cluster, in effect while it is started (its workers take a copy).
#: The worker processes start with the C allocator's own trimming, as the process pool's do: Dask's nannies
#: otherwise spawn them with MALLOC_TRIM_THRESHOLD_=65536, which gives memory back to the system sooner and,
#: measured on the 100k-sentence benchmark corpus, joined batches about 4% slower (a MALLOC_TRIM_THRESHOLD_
#: set in this process's environment still reaches them: they inherit it). And the cluster runs without the
#: monitoring only a dashboard would show (it has none): each worker's statistical profiler, a thread taking
#: every stack each 10 ms; the event-loop tick every 20 ms (now 500 ms, still enough to report a blocked
#: loop); the system monitor every 0.5 s (now 5 s); the memory monitor every 0.1 s (now 1 s: a worker over its
#: memory limit is still paused or restarted). Idle, the cluster's processes then use 0.13 s of CPU per 10 s
#: instead of 0.55 s; on the 100k-sentence corpus it built in 1.10x the process pool's time instead of 1.17x
#: (README, Building on a cluster).
LOCAL_CLUSTER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def require_distributed():
    """The ``distributed`` module, or a one-line error naming the extra to install."""
    try:
        import distributed
    except ImportError as exc:
        raise CorpusError(OPTION, "(option)", "scheduler", "the 'distributed' package "
                          "(pip install 'claimcorpus[cluster]')", "not installed") from exc
    return distributed


@contextmanager
def cluster_client(address: str, workers: int):
    """A Dask client of the scheduler at ``address``, or of a local cluster of ``workers`` processes."""
    distributed = require_distributed()
    if address == LOCAL:
        import dask

        # the scheduler's HTTP endpoint takes a free port if 8787 is in use
        with warnings.catch_warnings(), dask.config.set(LOCAL_CLUSTER_CONFIG):
            warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
            local = distributed.LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=logging.ERROR,
                                             env=worker_environment())
        with local, distributed.Client(local) as client:
            yield client
        return
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise CorpusError(OPTION, "(option)", "scheduler", f"a Dask scheduler reachable within {CONNECT_TIMEOUT:g} s "
                          f"(tcp://host:port) or '{LOCAL}'", f"{address} ({type(exc).__name__})") from None
    with client:
        wait_for_a_worker(client, address)
        yield client


def wait_for_a_worker(client, address: str) -> None:
    """Return once the scheduler has a worker; a one-line error after :data:`WORKERS_TIMEOUT` s without one
    (its batches would wait forever)."""
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except (TimeoutError, asyncio.TimeoutError):  # distinct classes before Python 3.11
        raise CorpusError(OPTION, "(option)", "scheduler", f"a Dask scheduler with at least one worker within "
                          f"{WORKERS_TIMEOUT:g} s", f"{address} (no worker)") from None


def worker_environment() -> dict[str, str]:
    """Variables a local cluster's worker processes start with: Arrow on the system allocator, as the process
    pool's workers (:mod:`claimcorpus.build.memory_pool`), unless this process names a pool itself."""
    return {} if POOL_VARIABLE in os.environ else {POOL_VARIABLE: "system"}


def run_cluster(job: Callable, items: Iterable, address: str, workers: int = 2) -> Iterator:
    """``job(item)`` for each item on the Dask cluster at ``address``, yielded in item order.

    An exception raised by ``job`` is re-raised here; a task whose workers keep
    dying, or a cluster left without workers for :data:`WORKERS_TIMEOUT` s, stops
    the run with a :class:`~claimcorpus.errors.WorkerDied` saying so."""
    distributed = require_distributed()
    from distributed.utils import silence_logging_cmgr

    # the build reports a lost scheduler or worker itself, in one line, not also as Dask's logged tracebacks
    with silence_logging_cmgr(logging.CRITICAL), cluster_client(address, workers) as client:
        window = max(1, worker_threads(client) or 0)
        pending: deque = deque()
        try:
            yield from in_order(lambda item: client.submit(job, item, pure=False), items, window, pending,
                                wait=lambda future: awaited(future, client, address, distributed))
        except distributed.KilledWorker as exc:
            raise WorkerDied(killed_message(exc)) from exc
        except (distributed.client.FutureCancelledError, distributed.client.FuturesCancelledError) as exc:
            raise WorkerDied(f"the Dask cluster at {address} cancelled a batch ({cancel_reason(exc)}), so nothing "
                             "was written") from exc  # e.g. the build lost its connection to the scheduler
        finally:
            client.cancel(list(pending))


def awaited(future, client, address: str, distributed):
    """The result of ``future``; :class:`~claimcorpus.errors.WorkerDied` once the cluster has had no worker, or
    its scheduler has not answered, for :data:`WORKERS_TIMEOUT` s (its tasks would wait forever).
    ``distributed``: the module."""
    stalled_since = None
    while True:
        with suppress(TimeoutError, asyncio.TimeoutError):  # distinct classes before Python 3.11
            distributed.wait(future, timeout=POLL_SECONDS)
        if future.done():
            return future.result()  # the job's own exception, if it raised one
        threads = worker_threads(client)
        if threads:
            stalled_since = None
            continue
        stalled_since = time.monotonic() if stalled_since is None else stalled_since
        if time.monotonic() - stalled_since >= WORKERS_TIMEOUT:
            state, remedy = ("had no worker", "start workers for it") if threads == 0 else \
                ("not answered", "restart its scheduler")
            raise WorkerDied(f"the Dask cluster at {address} has {state} for {WORKERS_TIMEOUT:g} s while a "
                             f"batch waited, so nothing was written; {remedy}, or build without {OPTION}")


def worker_threads(client) -> int | None:
    """How many worker threads the scheduler has, or None if it does not answer within :data:`ANSWER_SECONDS`."""
    try:
        return sum(client.nthreads(callback_timeout=ANSWER_SECONDS).values())
    except (TimeoutError, asyncio.TimeoutError):
        return None


def cancel_reason(exc) -> str:
    """Why Dask cancelled a future (one ``FutureCancelledError``, or the first group of a ``FuturesCancelledError``)."""
    groups = getattr(exc, "error_groups", None)
    return groups[0].reason if groups else getattr(exc, "reason", "unknown")


def killed_message(exc) -> str:
    """One line for a ``distributed.KilledWorker``: how many workers died, the last one, what to do."""
    last = getattr(exc.last_worker, "address", exc.last_worker)
    return (f"{exc.allowed_failures + 1} Dask workers died in turn while joining one batch (the last was {last}), "
            "so nothing was written; if they ran out of memory, build with smaller batches (--batch-rows)")
