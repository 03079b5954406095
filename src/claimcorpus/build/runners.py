"""Runners: execute a step over work items, yielding results in item order.

:func:`run_local` runs in this process; :func:`run_pool` in a pool of worker
processes with at most ``workers + 1`` items in flight, so memory stays
bounded however far the consumer falls behind;
:func:`claimcorpus.build.cluster.run_cluster` on a Dask cluster, the same
way. :func:`runner_for` picks one.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from ..errors import WorkerDied
from .memory_pool import use_system_pool


def run_local(job: Callable, items: Iterable) -> Iterator:
    """``job(item)`` for each item, in this process."""
    yield from map(job, items)


def in_order(submit: Callable, items: Iterable, window: int, pending: deque | None = None,
             wait: Callable = lambda future: future.result()) -> Iterator:
    """The results of ``submit(item)`` futures in item order, with at most ``window + 1`` in flight;
    ``pending`` (a deque) holds the futures not yet consumed, for the caller to cancel; ``wait(future)``
    gives a future's result."""
    pending = deque() if pending is None else pending
    for item in items:
        pending.append(submit(item))
        if len(pending) > window:
            yield wait(pending.popleft())
    while pending:
        yield wait(pending.popleft())


def run_pool(job: Callable, items: Iterable, workers: int) -> Iterator:
    """``job(item)`` for each item in ``workers`` spawned processes (Arrow on the system allocator), in item order.

    A worker that dies (killed, out of memory) stops the run with a
    :class:`~claimcorpus.errors.WorkerDied` saying so; an exception raised by ``job`` is re-raised here."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=use_system_pool)
    try:
        yield from in_order(lambda item: pool.submit(job, item), items, workers)
    except BrokenProcessPool as exc:
        raise WorkerDied("a worker process died while joining a batch, so nothing was written; if it ran out of "
                         "memory, build with fewer workers (--workers 1) or smaller batches (--batch-rows)") from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def uses_pool(workers: int, items: int, scheduler: str | None = None) -> bool:
    """Whether :func:`runner_for` picks the process pool."""
    return scheduler is None and workers > 1 and items > 1


def joins_elsewhere_here(workers: int, items: int, scheduler: str | None = None) -> bool:
    """Whether :func:`runner_for` joins the items in other processes of this machine (the process pool or a
    local Dask cluster), which can hand their results over as files."""
    from .cluster import LOCAL

    return uses_pool(workers, items, scheduler) or scheduler == LOCAL


def runner_for(workers: int, items: int, scheduler: str | None = None) -> Callable[[Callable, Iterable], Iterator]:
    """The Dask cluster at ``scheduler`` when given; in-process for one worker or one item; a process pool otherwise."""
    if scheduler is not None:
        from .cluster import run_cluster

        return lambda job, work: run_cluster(job, work, scheduler, workers)
    if not uses_pool(workers, items):
        return run_local
    return lambda job, work: run_pool(job, work, workers)
