"""The one build chain: plan batches, join them (in a runner), validate and write the shards.

``claimcorpus build``, the build benchmark and the scale benchmark all call
:func:`write_tables`; a small corpus is one batch joined in this process, a
large one many batches joined in a process pool. The output is the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path

from ..release.shards import ROW_GROUP_ROWS, SHARD_ROWS
from ..schema.features import table_schemas
from ..schema.layer_defs import load_definitions
from .handoff import file_handoff
from .memory_pool import system_pool
from .plan import BATCH_ROWS, Batch, plan_batches
from .progress import progress_bar
from .runners import joins_elsewhere_here, runner_for
from .sink import TableSink
from .step_clock import StepClock, gc_paused
from .steps import JoinedBatch, join_batch


@dataclass
class TablesWritten:
    """What :func:`write_tables` wrote: rows per file, Arrow bytes, documents, batches, step seconds."""

    files: dict[str, int]
    rows: dict[str, int]
    arrow_bytes: int
    documents: int
    batches: int
    seconds: dict[str, float] = field(default_factory=dict)


def write_tables(annotations_root: Path, folder: Path, *, workers: int = 1, batch_rows: int = BATCH_ROWS,
                 shard_rows: int = SHARD_ROWS, row_group_rows: int = ROW_GROUP_ROWS,
                 clock: StepClock | None = None, scheduler: str | None = None) -> TablesWritten:
    """Build every config's Parquet shards from ``annotations_root`` into ``folder`` (no manifest yet).

    Shards are written in row groups of ``row_group_rows`` as they fill, so memory is bounded by
    ``batch_rows`` and ``row_group_rows`` (and the kept id columns), not by the corpus.
    ``scheduler`` joins the batches on a Dask cluster (:mod:`claimcorpus.build.cluster`; ``"local"``: one of
    ``workers`` processes here), with the corpus at its absolute path. ``clock`` collects step seconds (those
    of worker processes added up)."""
    clock = clock or StepClock()
    if scheduler is not None:
        annotations_root = Path(annotations_root).resolve()
    definitions = tuple(load_definitions(annotations_root))
    batches = plan_batches(annotations_root, table_schemas(definitions), batch_rows)
    sink = TableSink(folder, definitions, shard_rows, clock, row_group_rows)
    with system_pool(), ExitStack() as stack, gc_paused(), progress_bar(batches) as bar:
        joined = joined_batches(batches, Path(folder), workers, scheduler, stack)
        for batch in batches:
            sink.append(take(next(joined), clock))  # no reference kept: freed before the next batch is read
            bar.advance(batch)
        files = sink.finish()
    return TablesWritten(files, dict(sink.rows), sink.arrow_bytes, sum(len(b.folders) for b in batches),
                         len(batches), clock.seconds)


def take(joined: JoinedBatch, clock: StepClock) -> dict:
    """The tables of ``joined``, its worker's step seconds added to ``clock``."""
    clock.add(joined.seconds)
    return joined.tables


def joined_batches(batches: list[Batch], folder: Path, workers: int, scheduler: str | None,
                   stack: ExitStack) -> Iterator[JoinedBatch]:
    """The batches joined, in order, by the runner :func:`~claimcorpus.build.runners.runner_for` picks; workers
    on this machine (a process pool, a local cluster) hand them over as files beside ``folder``
    (:mod:`claimcorpus.build.handoff`). ``stack`` stops the runner's workers, then removes those files."""
    job, receive = join_batch, None
    if joins_elsewhere_here(workers, len(batches), scheduler):
        job, receive = stack.enter_context(file_handoff(folder))
    results = stack.enter_context(closing(runner_for(workers, len(batches), scheduler)(job, batches)))
    return results if receive is None else map(receive, results)
