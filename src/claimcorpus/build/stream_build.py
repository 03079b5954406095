"""Streaming build: bounded memory for large corpora, the same Parquet files as the in-memory build.

Documents are cut, in folder order, into batches of about ``batch_rows``
sentences; each batch is loaded, checked, joined and encoded with the code of
:func:`claimcorpus.build.pipeline.build_tables` (:mod:`claimcorpus.build.batch_join`, in
this process or in worker processes), then validated here with pandera in
batch order and appended to per-config
:class:`~claimcorpus.release.shard_writer.ShardWriter` s. Only the id and foreign-key
columns are kept: foreign keys and id order are checked on them at the end,
then the manifest is written, checksums verified and the release swapped in.

Batches concatenate to the global id order only if every id of a document
sorts after every id of the previous one (:func:`streamable`); otherwise the
in-memory build runs instead.
With several faults in a corpus, the first one reported may differ from the
in-memory build's (batches are checked one after the other).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..corpus.annotations import document_folders
from .batch_join import joined_batches, plan_batches
from .crosscheck import check_foreign_keys, check_sentence_spans
from ..corpus.document import META_NAME
from .encode import encode_rows
from ..schema.features import ID_COLUMNS, configs_for
from ..schema.layer_defs import load_definitions
from ..schema.pandera_checks import validate_table
from ..release.release import read_manifest, swap_in, verify_files, write_manifest
from ..release.shard_writer import ShardWriter
from ..release.shards import SHARD_ROWS
from .step_clock import StepClock, gc_paused, no_timer

#: Sentences per batch (the batch's documents are held in memory as parsed records).
BATCH_ROWS = 10_000
#: Columns kept from each batch for the cross-table checks (id first).
KEY_COLUMNS = {"sentences": ("sentence_id", "doc_id", "main_claim_id", "claim_ids"),
               "claims": ("claim_id", "sentence_id", "evidence_ids"), "evidence": ("evidence_id", "doc_id"),
               "documents": ("doc_id",), "annotator_labels": ("annotation_id", "sentence_id")}
FILES = {config: f"<{config} table>" for config in ID_COLUMNS}


@dataclass
class StreamResult:
    rows: dict[str, int]
    arrow_bytes: int = 0
    documents: int = 0
    streamed: bool = True
    #: Step seconds of the batch joins, summed over batches (and worker processes).
    worker_seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class Stream:
    """State of one streaming build inside the temporary release folder."""

    folder: Path
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
    except (ValueError, KeyError, TypeError, RecursionError):
        return None


def build_streaming(annotations_root: Path, out: Path, batch_rows: int = BATCH_ROWS,
                    shard_rows: int = SHARD_ROWS, timer=no_timer, workers: int = 1,
                    extra_files=None) -> StreamResult:
    """Build the release's Parquet data and manifest into ``out`` (atomically), a batch at a time.

    Batches are loaded, checked, joined and encoded in ``workers`` processes
    (:mod:`claimcorpus.build.batch_join`; their step seconds are summed in
    ``StreamResult.worker_seconds``); ``timer(step)`` times this process's
    steps. ``extra_files(tmp)`` may add files (card, figures, Croissant) once
    the data is written, before the manifest. Falls back to the in-memory
    build when the ids cannot be streamed."""
    folders = document_folders(annotations_root)
    doc_ids = planned_doc_ids(folders)
    if doc_ids is None or not streamable(doc_ids):
        return build_in_memory(annotations_root, out, shard_rows, extra_files)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    workers_clock = StepClock()
    try:
        stream = Stream(tmp, shard_rows, timer)
        start(stream, tuple(load_definitions(annotations_root)))
        batches = plan_batches(folders, batch_rows)
        with gc_paused():
            for joined in joined_batches(batches, doc_ids, workers):
                write_batch(stream, joined.tables)
                workers_clock.add(joined.seconds)
            finish(stream, extra_files)
        swap_in(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return StreamResult(stream.rows, stream.arrow_bytes, len(doc_ids), worker_seconds=workers_clock.seconds)


def build_in_memory(annotations_root: Path, out: Path, shard_rows: int, extra_files=None) -> StreamResult:
    """:func:`claimcorpus.build.pipeline.build_tables` and :func:`claimcorpus.release.release.write_release`."""
    from .pipeline import build_tables, load_corpus
    from ..release.release import write_release

    docs = load_corpus(annotations_root)
    tables = build_tables(docs, annotations_root)
    write_release(tables, out, extra_files, docs[0].definitions if docs else (), shard_rows)
    return StreamResult({c: t.num_rows for c, t in tables.items()}, sum(t.nbytes for t in tables.values()),
                        len(docs), streamed=False)


def write_batch(stream: Stream, tables: dict[str, pa.Table]) -> None:
    """Validate one joined batch (pandera, sentence spans); append it to the shard writers."""
    timer, configs = stream.timer, configs_for(stream.definitions)
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


def finish(stream: Stream, extra_files=None) -> None:
    """Last shards, cross-table checks on the kept columns, extra files, manifest and checksums."""
    with stream.timer("cross-table checks"):
        keys = {config: pa.concat_tables(parts) for config, parts in stream.keys.items()}
        check_foreign_keys(keys, FILES)
        for config, table in keys.items():
            check_id_order(config, table.column(0))
    with stream.timer("write + verify release"):
        files = {}
        for writer in stream.writers.values():
            files.update(writer.close())
    if extra_files is not None:
        with stream.timer("card, figures, Croissant"):
            extra_files(stream.folder)
    with stream.timer("write + verify release"):
        write_manifest(stream.folder, files, stream.definitions)
        verify_files(stream.folder, read_manifest(stream.folder))


def check_id_order(config: str, ids: pa.ChunkedArray) -> None:
    """Ids strictly increase across the whole config (so batches are in global order and ids unique)."""
    ids = ids.combine_chunks()
    if len(ids) > 1 and not pc.all(pc.less(ids.slice(0, len(ids) - 1), ids.slice(1))).as_py():
        raise RuntimeError(f"{config}: batch ids out of global order (streamable() should have refused)")
