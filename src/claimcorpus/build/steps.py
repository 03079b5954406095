"""The join step of a build: the documents of a batch -> encoded tables.

:func:`join_batch` (the batch's files read and checked as Arrow tables where they can be, the
other files document by document; joined into the encoded tables) runs wherever a runner puts it, in this
process or a worker; :class:`~claimcorpus.build.sink.TableSink` then validates
and writes the joined batches in the main process. This module and what it
imports stay free of ``datasets``, pandas and pandera, which a worker process
does not need (the batch carries the Arrow schemas).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from ..corpus.annotations import load_annotated
from ..corpus.invariants import check_document, check_pool_layers
from ..corpus.sentence_checks import sentence_layers_hold
from ..errors import CorpusError
from .batch_columns import BatchColumns, read_columns
from .batch_rows import BatchRows
from .folds import assign_folds, ranked_folds
from .plan import Batch
from .rows import citations, document_row
from .step_clock import StepClock, gc_paused


@dataclass
class JoinedBatch:
    tables: dict[str, pa.Table]
    seconds: dict[str, float] = field(default_factory=dict)


def fold_assigner(batch: Batch):
    """Folds of the whole corpus for the keys of this batch's documents."""
    if batch.doc_rank is None:
        return assign_folds
    return lambda keys: ranked_folds(keys, batch.doc_rank, batch.n_docs)


def join_batch(batch: Batch) -> JoinedBatch:
    """Read and check the files of ``batch`` (JSON Schema, cross-file invariants); join and encode its tables.

    The evidence, the gold claims and verification, and the sentences and gold sentence-level files are
    read and checked as Arrow tables where they can be (:func:`join_columnar`); when none can be, or the
    batch fails a check, it is read record by record (:func:`join_records`), which raises the error of the
    first bad record."""
    clock = StepClock()
    with gc_paused():
        tables = join_columnar(batch, clock)
        if tables is None:
            tables = join_records(batch, clock)
    return JoinedBatch(tables, clock.seconds)


def join_records(batch: Batch, clock: StepClock) -> dict[str, pa.Table]:
    """Every file of each document read record by record, checked, joined into rows, encoded.

    Each document is joined into rows as soon as it is checked and then dropped; in a streamed
    corpus the rows are encoded part by part (:class:`~claimcorpus.build.batch_rows.BatchRows`)."""
    rows = BatchRows(batch.schemas, fold_assigner(batch), in_parts=batch.doc_rank is not None)
    for folder in batch.folders:
        with clock("load + JSON Schema"):
            doc = load_annotated(folder)
        with clock("invariants"):
            check_document(doc)
        with clock("join + encode"):
            rows.add(doc, folder)
            doc = None
    with clock("join + encode"):
        tables = rows.tables()
        del rows  # freed before the collector resumes, which would otherwise scan its rows once
    return tables


def join_columnar(batch: Batch, clock: StepClock) -> dict[str, pa.Table] | None:
    """:func:`join_records` with the files of :mod:`~.batch_columns` read, checked and joined in Arrow;
    ``None``: not this way (none of them could be, or a check failed)."""
    with clock("load + JSON Schema"):
        columns = read_columns(list(batch.folders))
    if columns is None:
        return None
    rows = BatchRows(batch.schemas, fold_assigner(batch), in_parts=batch.doc_rank is not None,
                     columnar=columns.configs)
    loop = add_documents if columns.sentences is None else add_documents_of_columns
    try:
        found = loop(batch, clock, columns, rows)
    except CorpusError:
        return None
    if found is None:
        return None
    doc_ids, cited, folds = found
    with clock("join + encode"):
        tables = rows.tables()
        columns.add_tables(tables, doc_ids, cited, rows.claim_views, batch.schemas, folds)
        del rows
    return tables


def add_documents(batch: Batch, clock: StepClock, columns: BatchColumns, rows: BatchRows):
    """Load and check each document (its column files from ``columns``) and add its rows; ``None``: a check
    of the columns failed. Gives each folder's document id and citations (and no folds: the rows have them)."""
    doc_ids, cited, sentence_ids = [], [], []
    for position, folder in enumerate(batch.folders):
        with clock("load + JSON Schema"):
            doc = columns.load(folder, position)
        with clock("invariants"):
            check_document(doc, evidence_checked=columns.evidence is not None)
        with clock("join + encode"):
            doc_ids.append(doc.doc_id)
            cited.append(citations(doc))
            sentence_ids.append([r["sentence_id"] for r in doc.sentences.records()])
            rows.add(doc, folder)
            doc = None
    with clock("invariants"):
        if columns.evidence is not None and not columns.evidence.sentences_resolve(sentence_ids):
            return None
    return doc_ids, cited, None


def add_documents_of_columns(batch: Batch, clock: StepClock, columns: BatchColumns, rows: BatchRows):
    """:func:`add_documents` when the sentences and sentence-level layers are columns too: each document
    gives only its ``documents`` and ``annotator_labels`` rows (:mod:`~.pass_columns`); the sentence-level
    invariants run on the batch's columns. Gives each
    folder's document id and citations, and each sentence row's fold."""
    doc_ids, cited, texts, sentence_ids = [], [], [], columns.sentences.ids_by_folder()
    for position, folder in enumerate(batch.folders):
        with clock("load + JSON Schema"):
            doc = columns.load(folder, position)
        with clock("invariants"):
            check_pool_layers(doc)
            columns.passes.pools_hold(doc, position)
        with clock("join + encode"):
            doc_ids.append(doc.doc_id)
            texts.append(doc.document.text)
            cited.append(citations(doc))
            rows.add_document(document_row(doc.document, columns.annotated(position), columns.counts(position)),
                              columns.annotator_rows(folder, position))
            doc = None
    with clock("invariants"):
        if not sentence_layers_hold(columns.sentences, columns.claims, doc_ids, texts) or \
                not columns.evidence.sentences_resolve(sentence_ids) or not columns.passes.layers_hold(doc_ids, texts):
            return None
    with clock("join + encode"):
        folds = rows.assign(columns.sentences.fold_keys(doc_ids))
    return doc_ids, cited, folds
