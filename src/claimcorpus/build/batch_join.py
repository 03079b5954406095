"""One batch of the streaming build: load, check, join and encode some documents.

Runs in the building process or in worker processes (:func:`joined_batches`);
either way each batch becomes the same encoded tables, returned in batch order.
Pandera and writing stay with the caller, which knows each batch's global rows.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from ..corpus.annotations import SENTENCES_NAME, load_annotated
from .annotator_labels import document_rows
from ..schema.features import configs_for
from .folds import ranked_folds
from ..corpus.invariants import check_document
from .rows import release_rows
from .step_clock import StepClock, gc_paused
from .tables import to_tables

#: Position of each doc id in the corpus (set once per process by :func:`set_corpus`).
CORPUS: dict = {"rank": {}, "n_docs": 0}


@dataclass
class JoinedBatch:
    tables: dict[str, pa.Table]
    seconds: dict[str, float] = field(default_factory=dict)


def set_corpus(doc_ids: list[str]) -> None:
    CORPUS["rank"], CORPUS["n_docs"] = {d: i for i, d in enumerate(doc_ids)}, len(doc_ids)


def sentence_lines(folder: Path) -> int:
    """Non-blank lines of the folder's sentence file (0 if absent: loading reports it)."""
    path = folder / SENTENCES_NAME
    if not path.is_file():
        return 0
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


def plan_batches(folders: list[Path], batch_rows: int) -> list[tuple[Path, ...]]:
    """Consecutive folders, cut after at least ``batch_rows`` sentences (the last batch: fewer)."""
    batches, current, rows = [], [], 0
    for folder in folders:
        current.append(folder)
        rows += sentence_lines(folder)
        if rows >= batch_rows:
            batches.append(tuple(current))
            current, rows = [], 0
    if current:
        batches.append(tuple(current))
    return batches


def join_batch(folders: tuple[Path, ...]) -> JoinedBatch:
    """Load (JSON Schema per line), check, join and encode the documents of one batch."""
    clock = StepClock()
    with gc_paused():
        with clock("load + JSON Schema"):
            docs = [load_annotated(folder) for folder in folders]
        with clock("invariants"):
            for doc in docs:
                check_document(doc)
        with clock("join + encode"):
            rank, n_docs = CORPUS["rank"], CORPUS["n_docs"]
            rows = release_rows(docs, lambda keys: ranked_folds(keys, rank, n_docs))
            rows["annotator_labels"] = [r for doc in docs for r in document_rows(doc.document.folder)]
            tables = to_tables(rows, configs_for(docs[0].definitions))
    return JoinedBatch(tables, clock.seconds)


def joined_batches(batches: list[tuple[Path, ...]], doc_ids: list[str], workers: int = 1, job=join_batch):
    """``job`` (:func:`join_batch`) of each batch, in order; with ``workers > 1`` in that many processes.

    At most ``workers + 1`` batches are in flight, so memory stays bounded
    however far the consumer falls behind. A worker that dies (killed, out of
    memory) stops the build with a :class:`RuntimeError` saying so."""
    if workers <= 1 or len(batches) <= 1:
        set_corpus(doc_ids)
        yield from map(job, batches)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=set_corpus, initargs=(doc_ids,))
    try:
        pending = deque()
        for batch in batches:
            pending.append(pool.submit(job, batch))
            if len(pending) > workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool as exc:
        raise RuntimeError(f"a batch worker process died ({exc}); nothing was written. If it ran out of memory, "
                           "build with fewer workers (claimcorpus build --workers 1)") from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
