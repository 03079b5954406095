"""The steps of a build: documents of a batch -> encoded tables -> validated shards.

:func:`join_batch` (load and check each document, rows, encode; the evidence
files of the batch as one Arrow table) runs wherever a runner puts it, in this
process or a worker; :class:`TableSink` validates
each joined batch here, in batch order (so errors name global rows), appends it
to the shard writers and, at the end, checks the cross-table invariants on the
id and key columns it kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..corpus.annotations import load_annotated
from ..corpus.evidence_columns import read_evidence
from ..corpus.invariants import check_document
from ..errors import CorpusError
from ..release.shard_writer import ShardWriter
from ..release.shards import ROW_GROUP_ROWS, SHARD_ROWS
from ..schema.features import ID_COLUMNS, configs_for
from ..schema.pandera_checks import validate_table
from .batch_rows import BatchRows
from .crosscheck import check_foreign_keys, check_sentence_spans
from .encode import encode_rows
from .evidence_table import evidence_table
from .folds import assign_folds, ranked_folds
from .plan import Batch
from .rows import citations
from .step_clock import StepClock, gc_paused, no_timer

#: Columns kept from each batch for the cross-table checks (id first).
KEY_COLUMNS = {"sentences": ("sentence_id", "doc_id", "main_claim_id", "claim_ids"),
               "claims": ("claim_id", "sentence_id", "evidence_ids"), "evidence": ("evidence_id", "doc_id"),
               "documents": ("doc_id",), "annotator_labels": ("annotation_id", "sentence_id")}
#: How the tables are named in error messages (they are not files yet).
TABLE_NAMES = {config: f"<{config} table>" for config in ID_COLUMNS}


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
    """Load (JSON Schema per line) and check each document of ``batch``; join and encode its rows.

    The evidence files are read and checked as one Arrow table (:func:`join_columnar`); when
    they cannot be, or the batch fails a check, it is read record by record (:func:`join_records`),
    which raises the error of the first bad record."""
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
    rows = BatchRows(fold_assigner(batch), in_parts=batch.doc_rank is not None)
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
    """:func:`join_records` with the evidence read, checked and joined in Arrow; ``None``: not this way."""
    with clock("load + JSON Schema"):
        evidence = read_evidence(list(batch.folders))
    if evidence is None:
        return None
    rows = BatchRows(fold_assigner(batch), in_parts=batch.doc_rank is not None, evidence=False)
    doc_ids, cited, sentence_ids = [], [], []
    try:
        for position, folder in enumerate(batch.folders):
            with clock("load + JSON Schema"):
                doc = load_annotated(folder, with_evidence=False)
                doc.evidence = evidence.pool(position)
            with clock("invariants"):
                check_document(doc, evidence_checked=True)
            with clock("join + encode"):
                doc_ids.append(doc.doc_id)
                cited.append(citations(doc))
                sentence_ids.append([r["sentence_id"] for r in doc.sentences.records()])
                rows.add(doc, folder)
                doc = None
    except CorpusError:
        return None
    with clock("invariants"):
        if not evidence.sentences_resolve(sentence_ids):
            return None
    with clock("join + encode"):
        tables = rows.tables()
        tables["evidence"] = evidence_table(evidence, doc_ids, cited, rows.configs["evidence"])
        del rows
    return tables


class TableSink:
    """Validates joined batches in order and writes them as the release's shards into ``folder``."""

    def __init__(self, folder: Path, definitions: tuple = (), shard_rows: int = SHARD_ROWS, timer=no_timer,
                 row_group_rows: int = ROW_GROUP_ROWS):
        self.folder, self.definitions, self.timer = folder, definitions, timer
        self.configs = configs_for(definitions)
        self.writers = {c: ShardWriter(c, folder, encode_rows([], f), shard_rows, row_group_rows)
                        for c, f in self.configs.items()}
        self.keys: dict[str, list[pa.Table]] = {c: [] for c in self.configs}
        self.rows = dict.fromkeys(self.configs, 0)
        self.arrow_bytes = 0

    def append(self, tables: dict[str, pa.Table]) -> None:
        """Validate one batch (pandera, sentence spans) and append it to the shard writers."""
        with self.timer("pandera"):
            for config, table in tables.items():
                validate_table(config, table, TABLE_NAMES[config], self.configs[config], self.definitions,
                               self.rows[config])
        with self.timer("cross-table checks"):
            check_sentence_spans(tables["sentences"], tables["documents"], TABLE_NAMES["sentences"])
        with self.timer("write + verify release"):
            for config, table in tables.items():
                self.writers[config].append(table)
                self.keys[config].append(table.select(list(KEY_COLUMNS[config])))
                self.rows[config] += table.num_rows
                self.arrow_bytes += table.nbytes

    def finish(self) -> dict[str, int]:
        """Cross-table checks on the kept columns, last shards; return the rows of each written file."""
        with self.timer("cross-table checks"):
            keys = {config: pa.concat_tables(parts) for config, parts in self.keys.items()}
            check_foreign_keys(keys, TABLE_NAMES)
            for config, table in keys.items():
                check_id_order(config, table.column(0))
        with self.timer("write + verify release"):
            files: dict[str, int] = {}
            for writer in self.writers.values():
                files.update(writer.close())
        return files


def check_id_order(config: str, ids: pa.ChunkedArray) -> None:
    """Ids strictly increase across the whole config (so batches are in global order and ids unique)."""
    ids = ids.combine_chunks()
    if len(ids) > 1 and not pc.all(pc.less(ids.slice(0, len(ids) - 1), ids.slice(1))).as_py():
        raise RuntimeError(f"{config}: batch ids out of global order (the plan should have made one batch)")
