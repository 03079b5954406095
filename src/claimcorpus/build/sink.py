"""The sink of a build: joined batches -> validated shards, in the main process.

:class:`TableSink` validates each joined batch (:func:`claimcorpus.build.steps.join_batch`) in
batch order (so errors name global rows), appends it to the shard writers and, at the end, checks
the cross-table invariants on the id and key columns it kept.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..release.shard_writer import ShardWriter
from ..release.shards import ROW_GROUP_ROWS, SHARD_ROWS
from ..schema.configs import ID_COLUMNS
from ..schema.features import configs_for, table_schemas
from ..schema.pandera_checks import validate_table
from .crosscheck import check_foreign_keys, check_sentence_spans
from .encode import encode_rows
from .step_clock import no_timer

#: Columns kept from each batch for the cross-table checks (id first).
KEY_COLUMNS = {"sentences": ("sentence_id", "doc_id", "main_claim_id", "claim_ids"),
               "claims": ("claim_id", "sentence_id", "evidence_ids"), "evidence": ("evidence_id", "doc_id"),
               "documents": ("doc_id",), "annotator_labels": ("annotation_id", "sentence_id")}
#: How the tables are named in error messages (they are not files yet).
TABLE_NAMES = {config: f"<{config} table>" for config in ID_COLUMNS}


class TableSink:
    """Validates joined batches in order and writes them as the release's shards into ``folder``."""

    def __init__(self, folder: Path, definitions: tuple = (), shard_rows: int = SHARD_ROWS, timer=no_timer,
                 row_group_rows: int = ROW_GROUP_ROWS):
        self.folder, self.definitions, self.timer = folder, definitions, timer
        self.configs = configs_for(definitions)
        self.writers = {c: ShardWriter(c, folder, encode_rows([], s), shard_rows, row_group_rows)
                        for c, s in table_schemas(tuple(definitions)).items()}
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
                self.keys[config].append(owned_copy(table.select(list(KEY_COLUMNS[config]))))
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


def owned_copy(table: pa.Table) -> pa.Table:
    """``table`` copied into buffers of its own: kept columns must not hold on to the whole buffer of a
    batch they are slices of (a table read from an IPC file is slices of one buffer per record batch)."""
    return pa.table([pa.concat_arrays(column.chunks) if column.num_chunks else pa.array([], column.type)
                     for column in table.columns], schema=table.schema)


def check_id_order(config: str, ids: pa.ChunkedArray) -> None:
    """Ids strictly increase across the whole config (so batches are in global order and ids unique)."""
    ids = ids.combine_chunks()
    if len(ids) > 1 and not pc.all(pc.less(ids.slice(0, len(ids) - 1), ids.slice(1))).as_py():
        raise RuntimeError(f"{config}: batch ids out of global order (the plan should have made one batch)")
