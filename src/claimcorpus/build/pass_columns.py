"""The annotator passes of a batch (the ``annotator_labels`` config) read and checked as columns, like the gold.

A pass with sentence labels is checked like a gold folder before its labels give rows
(:func:`~claimcorpus.build.annotator_labels.passes_of`). Here the folders of the batch that have a pass of
one name are read together (:func:`~claimcorpus.corpus.claim_columns.read_claims` and
:func:`~claimcorpus.corpus.sentence_columns.read_sentence_layers` of that annotator), their sentence-level
invariants checked on the columns and their verification per document; their labels give the config in
Arrow (:mod:`~claimcorpus.build.annotator_table`). A document with a pass the columns cannot clear gets its
rows record by record (:func:`~claimcorpus.build.annotator_labels.document_rows`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..corpus.annotations import AnnotatedDocument
from ..corpus.claim_columns import ClaimColumns, read_claims
from ..corpus.invariants import check_pool_layers
from ..corpus.layer_columns import LayerColumns
from ..corpus.sentence_checks import sentence_layers_hold
from ..corpus.sentence_columns import SentenceColumns, read_sentence_layers
from .annotator_labels import labelled_passes


@dataclass
class PassColumns:
    """One annotator's passes in the folders of a batch at ``positions`` (in batch order)."""

    name: str
    positions: list[int]
    sentences: SentenceColumns
    claims: ClaimColumns


@dataclass
class BatchPasses:
    """The passes of a batch read as columns, and the folders (batch positions) whose passes are not."""

    passes: list[PassColumns]
    by_records: set[int]

    def of(self, position: int) -> list[PassColumns]:
        return [p for p in self.passes if position in p.positions]

    def pools_hold(self, gold: AnnotatedDocument, position: int) -> None:
        """Check each pass's verification of the document at ``position`` (``gold``: its gold document, whose
        evidence pool and audit the passes share); raises :class:`~claimcorpus.errors.CorpusError`."""
        for found in self.of(position):
            layers = found.claims.records(found.positions.index(position))
            check_pool_layers(replace(gold, annotator=found.name,
                                      layers={k: v for k, v in layers.items() if v is not None}))

    def layers_hold(self, doc_ids: list[str], texts: list[str]) -> bool:
        """The sentence-level invariants of every pass (``doc_ids``, ``texts``: of each batch folder); the
        sentences themselves are the gold's, checked with it."""
        return all(sentence_layers_hold(p.sentences, p.claims, [doc_ids[i] for i in p.positions],
                                        [texts[i] for i in p.positions], sentences_checked=True)
                   for p in self.passes)


def read_passes(folders: list[Path], definitions, sentences: LayerColumns) -> BatchPasses:
    """The passes with sentence labels of ``folders``, each annotator's read as columns where it can be
    (``sentences``: the folders' sentences, shared by every pass)."""
    positions: dict[str, list[int]] = {}
    for position, folder in enumerate(folders):
        for name in labelled_passes(folder):
            positions.setdefault(name, []).append(position)
    passes, by_records = [], set()
    for name, found in positions.items():
        chosen = [folders[i] for i in found]
        claims = read_claims(chosen, name)
        layers = None if claims is None else read_sentence_layers(chosen, definitions, name, sentences.subset(found))
        if layers is None:
            by_records.update(found)
        else:
            passes.append(PassColumns(name, found, layers, claims))
    return BatchPasses(passes, by_records)
