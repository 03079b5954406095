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
#: Seconds the scheduler has to say how many worker threads it has while a batch waits (a scheduler that is
#: connected but stopped would otherwise block the build for good); once it has not answered, or had no worker,
#: the next check gives it the rest of :data:`WORKERS_TIMEOUT`.
ANSWER_SECONDS = 5.0
#: Seconds between checks that the cluster still has a worker, while a batch is awaited.
POLL_SECONDS = 1.0
OPTION = "--scheduler"
#: Dask settings of a ``--scheduler local`` cluster while it starts (its worker processes take a copy); the
#: README's "Building on a cluster" has the measurements. Workers keep the C allocator's own trimming, as the
#: process pool's do (Dask's nannies would set MALLOC_TRIM_THRESHOLD_=65536; a value set in this process's
#: environment still reaches them); and the cluster, which has no dashboard, skips what only a dashboard shows:
#: the workers' stack sampling every 10 ms, the event-loop tick every 20 ms (500 ms still reports a blocked
#: loop) and the system monitor every 0.5 s. The memory monitor keeps Dask's 0.1 s: it pauses and restarts a
#: worker over its memory limit before the system's out-of-memory killer picks a process.
LOCAL_CLUSTER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "5s",
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
                                             dashboard_address=None, silence_logs=logging.CRITICAL,
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
    dying, a cluster left without workers or a scheduler that does not answer for
    :data:`WORKERS_TIMEOUT` s, or a lost scheduler, stops the run with a
    :class:`~claimcorpus.errors.WorkerDied` saying so (Dask's own log lines are
    silenced meanwhile)."""
    distributed = require_distributed()
    from distributed.utils import silence_logging_cmgr

    # the build reports a lost scheduler or worker itself, in one line, not also as Dask's logged tracebacks
    with silence_logging_cmgr(logging.CRITICAL), cluster_client(address, workers) as client:
        threads = worker_threads(client, WORKERS_TIMEOUT)
        if threads is None:
            raise WorkerDied(f"the Dask scheduler at {address} did not say how many workers it has (no answer "
                             f"within {WORKERS_TIMEOUT:g} s, or its connection closed), so nothing was written; "
                             f"restart it, or build without {OPTION}")
        window = max(1, threads)  # none left already: awaited() gives them WORKERS_TIMEOUT to come back
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
    stalled_since, seen = None, set()
    while True:
        with suppress(TimeoutError, asyncio.TimeoutError):  # distinct classes before Python 3.11
            distributed.wait(future, timeout=POLL_SECONDS)
        if future.done():
            return future.result()  # the job's own exception, if it raised one
        # once stalled, a slow scheduler has the rest of the allowance to answer: a late answer is an answer
        left = WORKERS_TIMEOUT - (time.monotonic() - stalled_since) if stalled_since is not None else None
        threads = worker_threads(client, ANSWER_SECONDS if left is None else max(left, POLL_SECONDS))
        if threads:
            stalled_since, seen = None, set()
            continue
        stalled_since = time.monotonic() if stalled_since is None else stalled_since
        seen.add(threads)
        if time.monotonic() - stalled_since >= WORKERS_TIMEOUT:
            raise WorkerDied(stalled_message(address, seen))


def worker_threads(client, seconds: float) -> int | None:
    """How many worker threads the scheduler has, or None if it does not answer within ``seconds`` (or the
    connection to it is closed meanwhile)."""
    try:
        return sum(client.nthreads(callback_timeout=seconds).values())
    except (TimeoutError, asyncio.TimeoutError, OSError):  # a closed connection is a distributed CommClosedError
        return None


def stalled_message(address: str, seen: set) -> str:
    """Why the build stops: for :data:`WORKERS_TIMEOUT` s the cluster has had no worker (``0`` in ``seen``) or
    not answered (``None``), or both in turn, while a batch waited."""
    state = {frozenset({0}): "had no worker", frozenset({None}): "not answered"}.get(
        frozenset(seen), "had no worker or not answered")
    remedy = "start workers for it" if seen == {0} else "restart its scheduler"
    return (f"the Dask cluster at {address} has {state} for {WORKERS_TIMEOUT:g} s while a batch waited, so "
            f"nothing was written; {remedy}, or build without {OPTION}")


def cancel_reason(exc) -> str:
    """Why Dask cancelled a future (one ``FutureCancelledError``, or the first group of a ``FuturesCancelledError``)."""
    groups = getattr(exc, "error_groups", None)
    return groups[0].reason if groups else getattr(exc, "reason", "unknown")


def killed_message(exc) -> str:
    """One line for a ``distributed.KilledWorker``: how many workers died, the last one, what to do."""
    last = getattr(exc.last_worker, "address", exc.last_worker)
    return (f"{exc.allowed_failures + 1} Dask workers died in turn while joining one batch (the last was {last}), "
            "so nothing was written; if they ran out of memory, build with smaller batches (--batch-rows)")
