"""The evidence files of a batch of documents read into one Arrow table, and checked column by column.

:func:`read_evidence` reads the ``evidence.jsonl`` of each folder with
:func:`claimcorpus.corpus.layer_columns.read_layer` (every JSON Schema rule) and checks the invariants of
:func:`claimcorpus.corpus.evidence_checks.check_evidence` on the columns. ``None`` is not an error: the caller
reads the evidence record by record, which names the file, line and field of the first error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..paths import EVIDENCE_NAME
from ..schema.arrow_checks import every, some
from ..schema.records import EVIDENCE
from .annotations import Records
from .layer_columns import FOLDER, LayerColumns, folder_keys, read_layer, shared_strings, sorted_within

#: The fields of a pool record that later checks use (verification, evidence audit).
POOL_FIELDS = ("evidence_id", "relation", "independence")


@dataclass
class EvidenceColumns(LayerColumns):
    """Every evidence record of a batch's folders (see :class:`~.layer_columns.LayerColumns`)."""

    def __post_init__(self):
        super().__post_init__()
        self.values = {name: shared_strings(self.table[name]) for name in POOL_FIELDS}

    def pool(self, position: int) -> Records | None:
        """The checked pool of one folder as records of the fields later checks use (``None``: no file)."""
        return self.records(position, self.values)

    def sentences_resolve(self, sentence_ids: list[list[str]]) -> bool:
        """Every sentence id cited by a folder's evidence is one of ``sentence_ids[folder]`` (its checked sentences)."""
        ids = self.table["sentence_ids"].combine_chunks()
        docs = pc.take(self.table[FOLDER], pc.list_parent_indices(ids))
        cited = folder_keys(docs, pc.list_flatten(ids))
        known = pa.array([f"{doc}|{sid}" for doc, sids in enumerate(sentence_ids) for sid in sids], pa.string())
        return every(pc.is_in(cited, value_set=known))


def read_evidence(folders: list[Path]) -> EvidenceColumns | None:
    """The checked evidence of ``folders``, or ``None`` (see the module)."""
    layer = read_layer([folder / EVIDENCE_NAME for folder in folders], EVIDENCE)
    if layer is None or not invariants_hold(layer.table):
        return None
    return EvidenceColumns(layer.table, layer.paths, layer.counts)


def invariants_hold(table: pa.Table) -> bool:
    """:func:`~claimcorpus.corpus.evidence_checks.check_evidence` would pass for every folder, once each
    folder's sentence ids resolve (:meth:`EvidenceColumns.sentences_resolve`)."""
    derivative = pc.equal(table["independence"], "derivative")
    if some(pc.and_(derivative, pc.not_equal(table["relation"], "context"))):
        return False
    if not every(pc.equal(pc.is_null(table["published"]), pc.equal(table["published_basis"], "none"))):
        return False
    sets = pc.binary_join(sorted_within(table["sentence_ids"].combine_chunks()), "\x1f")
    keys = pa.table({"doc": table[FOLDER], "id": table["evidence_id"]})
    url_sets = pa.table({"doc": table[FOLDER], "url": table["url"], "sentences": sets})
    return all_unique(keys) and all_unique(url_sets)


def all_unique(table: pa.Table) -> bool:
    """No two rows of ``table`` are equal."""
    return table.group_by(table.column_names, use_threads=False).aggregate([]).num_rows == table.num_rows
