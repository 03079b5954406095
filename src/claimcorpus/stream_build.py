"""Streaming build: bounded memory for large corpora, the same Parquet files as the in-memory build.

Documents are loaded and checked in folder order, in batches of about
``batch_rows`` sentences; each batch is joined, encoded and validated with the
code of :func:`claimcorpus.pipeline.build_tables` and appended to per-config
:class:`~claimcorpus.shard_writer.ShardWriter` s. Only the id and foreign-key
columns are kept: foreign keys and id order are checked on them at the end,
then the manifest is written, checksums verified and the release swapped in.

Batches concatenate to the global id order only if every id of a document
sorts after every id of the previous one (:func:`streamable`); otherwise the
in-memory build runs instead. The card, figures and Croissant are not written.
With several faults in a corpus, the first one reported may differ from the
in-memory build's (batches are checked one after the other).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from .annotations import document_folders, load_annotated
from .annotator_labels import document_rows
from .crosscheck import check_foreign_keys, check_sentence_spans
from .document import META_NAME
from .encode import encode_rows
from .features import ID_COLUMNS, configs_for
from .folds import ranked_folds
from .invariants import check_document
from .pandera_checks import validate_table
from .release import read_manifest, swap_in, verify_files, write_manifest
from .rows import release_rows
from .shard_writer import ShardWriter
from .shards import SHARD_ROWS
from .tables import to_tables

#: Sentences per batch (the batch's documents are held in memory as parsed records).
BATCH_ROWS = 20_000
#: Columns kept from each batch for the cross-table checks (id first).
KEY_COLUMNS = {"sentences": ("sentence_id", "doc_id", "main_claim_id", "claim_ids"),
               "claims": ("claim_id", "sentence_id", "evidence_ids"), "evidence": ("evidence_id", "doc_id"),
               "documents": ("doc_id",), "annotator_labels": ("annotation_id", "sentence_id")}
FILES = {config: f"<{config} table>" for config in ID_COLUMNS}


def no_timer(name: str):
    return contextlib.nullcontext()


@dataclass
class StreamResult:
    rows: dict[str, int]
    arrow_bytes: int = 0
    documents: int = 0
    streamed: bool = True


@dataclass
class Stream:
    """State of one streaming build inside the temporary release folder."""

    folder: Path
    doc_ids: list[str]
    shard_rows: int
    timer: object = no_timer
    writers: dict[str, ShardWriter] = field(default_factory=dict)
    keys: dict[str, list[pa.Table]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    arrow_bytes: int = 0
    definitions: tuple = ()


def streamable(doc_ids: list) -> bool:
    """Every id ``<doc_id>-...`` of a document sorts after all ids of the previous document."""
    if not doc_ids or not all(isinstance(d, str) for d in doc_ids):
        return False
    prefixes = [f"{d}-" for d in doc_ids]
    return all(a < b and p < q and not q.startswith(p)
               for a, b, p, q in zip(doc_ids, doc_ids[1:], prefixes, prefixes[1:]))


def planned_doc_ids(folders: list[Path]) -> list | None:
    """The ``doc_id`` of each ``document.json`` (``None`` if one cannot be read: the full build reports it)."""
    try:
        return [json.loads((f / META_NAME).read_text(encoding="utf-8"))["doc_id"] for f in folders]
    except (ValueError, KeyError, TypeError):
        return None


def build_streaming(annotations_root: Path, out: Path, batch_rows: int = BATCH_ROWS,
                    shard_rows: int = SHARD_ROWS, timer=no_timer, on_batch=None) -> StreamResult:
    """Build the release's Parquet data and manifest into ``out`` (atomically), a batch at a time.

    ``timer(step)`` is a context manager timing each step; ``on_batch(docs)``
    is called with each batch's documents (untimed). Falls back to the in-memory
    build (without card, figures, Croissant) when the ids cannot be streamed."""
    folders = document_folders(annotations_root)
    doc_ids = planned_doc_ids(folders)
    if doc_ids is None or not streamable(doc_ids):
        return build_in_memory(annotations_root, out, shard_rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        stream = Stream(tmp, doc_ids, shard_rows, timer)
        for docs in batches(folders, batch_rows, timer):
            process_batch(stream, docs)
            if on_batch is not None:
                on_batch(docs)
        finish(stream)
        swap_in(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return StreamResult(stream.rows, stream.arrow_bytes, len(doc_ids))


def build_in_memory(annotations_root: Path, out: Path, shard_rows: int) -> StreamResult:
    """:func:`claimcorpus.pipeline.build_tables` and :func:`claimcorpus.release.write_release`."""
    from .pipeline import build_tables, load_corpus
    from .release import write_release

    docs = load_corpus(annotations_root)
    tables = build_tables(docs, annotations_root)
    write_release(tables, out, None, docs[0].definitions if docs else (), shard_rows)
    return StreamResult({c: t.num_rows for c, t in tables.items()}, sum(t.nbytes for t in tables.values()),
                        len(docs), streamed=False)


def batches(folders: list[Path], batch_rows: int, timer=no_timer):
    """Loaded documents in folder order, a list per batch of at least ``batch_rows`` sentences (the last: fewer)."""
    batch, rows = [], 0
    for folder in folders:
        with timer("load + JSON Schema"):
            batch.append(load_annotated(folder))
        rows += len(batch[-1].sentences.rows)
        if rows >= batch_rows:
            yield batch
            batch, rows = [], 0
    if batch:
        yield batch


def process_batch(stream: Stream, docs: list) -> None:
    """Check, join, encode and validate one batch; append its tables to the shard writers."""
    timer = stream.timer
    with timer("invariants"):
        for doc in docs:
            check_document(doc)
    if not stream.writers:
        start(stream, docs[0].definitions)
    configs = configs_for(stream.definitions)
    with timer("join + encode"):
        rank = {d: i for i, d in enumerate(stream.doc_ids)}
        rows = release_rows(docs, lambda keys: ranked_folds(keys, rank, len(stream.doc_ids)))
        rows["annotator_labels"] = [r for doc in docs for r in document_rows(doc.document.folder)]
        tables = to_tables(rows, configs)
    with timer("pandera"):
        for config, table in tables.items():
            validate_table(config, table, FILES[config], configs[config], stream.definitions,
                           stream.rows[config])
    with timer("cross-table checks"):
        check_sentence_spans(tables["sentences"], tables["documents"], FILES["sentences"])
    with timer("write + verify release"):
        for config, table in tables.items():
            stream.writers[config].append(table)
            stream.keys[config].append(table.select(list(KEY_COLUMNS[config])))
            stream.rows[config] += table.num_rows
            stream.arrow_bytes += table.nbytes


def start(stream: Stream, definitions: tuple) -> None:
    """One shard writer per config (the configs depend on the declared extra layers)."""
    stream.definitions = definitions
    for config, features in configs_for(definitions).items():
        stream.writers[config] = ShardWriter(config, stream.folder, encode_rows([], features), stream.shard_rows)
        stream.keys[config], stream.rows[config] = [], 0


def finish(stream: Stream) -> None:
    """Last shards, cross-table checks on the kept columns, manifest and checksums."""
    with stream.timer("cross-table checks"):
        keys = {config: pa.concat_tables(parts) for config, parts in stream.keys.items()}
        check_foreign_keys(keys, FILES)
        for config, table in keys.items():
            check_id_order(config, table.column(0))
    with stream.timer("write + verify release"):
        files = {}
        for writer in stream.writers.values():
            files.update(writer.close())
        write_manifest(stream.folder, files, stream.definitions)
        verify_files(stream.folder, read_manifest(stream.folder))


def check_id_order(config: str, ids: pa.ChunkedArray) -> None:
    """Ids strictly increase across the whole config (so batches are in global order and ids unique)."""
    ids = ids.combine_chunks()
    if len(ids) > 1 and not pc.all(pc.less(ids.slice(0, len(ids) - 1), ids.slice(1))).as_py():
        raise RuntimeError(f"{config}: batch ids out of global order (streamable() should have refused)")
