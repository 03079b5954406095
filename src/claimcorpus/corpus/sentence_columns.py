"""The sentences of a batch of documents and their gold sentence-level layers read into Arrow.

:func:`read_sentence_layers` reads every folder's ``sentences.jsonl`` and gold ``sentence_labels``,
``sources``, ``hedge_cues`` and ``artifacts`` (and the declared extra layers) with
:func:`claimcorpus.corpus.layer_columns.read_layer` (every JSON Schema rule, checked column by column).
Each sentence row finds its record in every layer (:meth:`SentenceColumns.column`); the
cross-file invariants run on these columns (:mod:`claimcorpus.corpus.sentence_checks`). ``None`` is not
an error: the caller reads the files record by record, which names the file, line and field of the
first error.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..paths import SENTENCES_NAME, layer_file
from ..schema.layers import GOLD, annotator_folder
from ..schema.records import ARTIFACTS, HEDGE_CUES, SENTENCE_LABELS, SENTENCES, SOURCES
from .layer_columns import FOLDER, LayerColumns, read_layer, row_keys

#: The gold layers with one record per sentence, read here.
SENTENCE_LAYERS = {r.name: r for r in (SENTENCE_LABELS, SOURCES, HEDGE_CUES, ARTIFACTS)}


@dataclass
class SentenceColumns:
    """A batch's sentences (folder then line order) and its sentence-level layers, one table each.

    ``keys``: each sentence row's ``<folder>|<sentence id>``."""

    sentences: LayerColumns
    layers: dict[str, LayerColumns]
    #: the declared extra layers (their files are among ``layers``)
    definitions: tuple = ()

    def __post_init__(self):
        self.keys = row_keys(self.sentences.table, "sentence_id")
        self.at: dict[str, pa.Array] = {}  # per layer, the row of each sentence's record, once asked for

    @cached_property
    def artifact_counts(self) -> list[int]:
        """Per folder, its artifacts (over its records)."""
        artifacts = self.layers["artifacts"].table
        lengths = pc.list_value_length(artifacts["artifacts"]).to_numpy()
        return np.bincount(artifacts[FOLDER].to_numpy(), weights=lengths,
                           minlength=len(self.sentences.counts)).astype(int).tolist()

    def layer_keys(self, name: str) -> pa.Array:
        table = self.layers[name].table
        return row_keys(table, "sentence_id")

    def ids_by_folder(self) -> list[list[str]]:
        """Each folder's sentence ids, in file order."""
        ids = self.sentences.table["sentence_id"].to_pylist()
        return [ids[self.sentences.rows(i)] for i in range(len(self.sentences.counts))]

    def fold_keys(self, doc_ids: list[str]) -> list[tuple[str, int]]:
        """``(doc_id, paragraph)`` of each sentence row: what its fold is assigned by."""
        table = self.sentences.table
        return [(doc_ids[d], p) for d, p in zip(table[FOLDER].to_pylist(), table["paragraph"].to_pylist())]

    def column(self, name: str, column: str) -> pa.Array:
        """The layer's ``column`` for each sentence row (null where the sentence has no record, e.g. the
        folder has no such file)."""
        if name not in self.at:
            self.at[name] = pc.index_in(self.keys, value_set=self.layer_keys(name))
        return pc.take(self.layers[name].table[column].combine_chunks(), self.at[name])


def read_sentence_layers(folders: list[Path], definitions=(), annotator: str = GOLD,
                         sentences: LayerColumns | None = None) -> SentenceColumns | None:
    """The checked sentences and sentence-level layers of ``folders`` (``annotator``'s, the gold by default),
    the declared extra layers (``definitions``) included, or ``None`` (see the module). ``sentences``: those
    folders' sentences, already read."""
    if sentences is None:
        sentences = read_layer([folder / SENTENCES_NAME for folder in folders], SENTENCES)
    if sentences is None:
        return None
    gold = [annotator_folder(folder, annotator) for folder in folders]
    records = {**SENTENCE_LAYERS, **{defn.name: defn.record() for defn in definitions}}
    layers = {}
    for name, record in records.items():
        layers[name] = read_layer([g / layer_file(name) for g in gold], record)
        if layers[name] is None:
            return None
    return SentenceColumns(sentences, layers, tuple(definitions))
