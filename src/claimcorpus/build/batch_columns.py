"""The files of a batch that are read, checked and turned into tables in Arrow (the others record by record).

Each of :func:`~claimcorpus.corpus.evidence_columns.read_evidence` and
:func:`~claimcorpus.corpus.claim_columns.read_claims` may give way (``None``) independently: those files
are then read record by record and their config made from Python rows, like every other layer. The
sentences and gold sentence-level layers, declared extra layers included
(:func:`~claimcorpus.corpus.sentence_columns.read_sentence_layers`), are read as columns only when both of
those were; the batch's ``sentences`` config is then built from columns too, and its documents are loaded
without those files (:meth:`BatchColumns.load`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from ..corpus.annotations import AnnotatedDocument, Records, load_annotated, load_records
from ..corpus.claim_columns import ClaimColumns, read_claims
from ..corpus.document import load_document
from ..corpus.evidence_columns import EvidenceColumns, read_evidence
from ..corpus.sentence_columns import SentenceColumns, read_sentence_layers
from ..errors import CorpusError
from ..paths import EVIDENCE_AUDIT_NAME, SENTENCES_NAME
from ..schema.layer_defs import load_definitions
from ..schema.layers import GOLD
from ..schema.table_schema import TableSchema
from .annotator_labels import document_rows
from .annotator_table import annotator_table
from .claims_table import claims_table, column_views
from .evidence_table import evidence_table
from .pass_columns import BatchPasses, read_passes
from .rows import annotated_layers
from .sentences_table import sentences_table


@dataclass
class BatchColumns:
    """The batch's evidence, gold claims + verification and sentences + sentence-level layers as checked
    columns (``None``: not this way)."""

    evidence: EvidenceColumns | None
    claims: ClaimColumns | None
    sentences: SentenceColumns | None = None
    #: with sentence columns, the annotator passes (those the columns cannot clear: by records)
    passes: BatchPasses | None = None

    @property
    def configs(self) -> frozenset[str]:
        """The configs built from these columns instead of rows."""
        return frozenset(name for name in ("evidence", "claims", "sentences") if getattr(self, name) is not None)

    def load(self, folder: Path, position: int) -> AnnotatedDocument:
        """The document at ``position``: its other files read record by record, these from the columns.

        With sentence columns, the document has no sentences (``sentences`` holds no record) and no
        sentence-level layer: they are checked as columns (:mod:`claimcorpus.corpus.sentence_checks`)."""
        given = self.claims.records(position) if self.claims is not None else None
        if self.sentences is None:
            doc = load_annotated(folder, with_evidence=self.evidence is None, given=given)
        else:
            audit = folder / EVIDENCE_AUDIT_NAME
            layers = {name: records for name, records in given.items() if records is not None}
            doc = AnnotatedDocument(load_document(folder), Records(folder / SENTENCES_NAME), layers, None, GOLD,
                                    evidence_audit=load_records(audit, "evidence_audit") if audit.is_file() else None)
        if self.evidence is not None:
            doc.evidence = self.evidence.pool(position)
        return doc

    def annotated(self, position: int) -> list[str]:
        """The layers folder ``position`` has a file of (sorted), ``evidence`` last when it has a pool."""
        layers = {**self.sentences.layers, "claims": self.claims.claims, "verification": self.claims.verification}
        return annotated_layers([name for name, layer in layers.items() if layer.paths[position] is not None],
                                self.evidence.paths[position] is not None)

    def annotator_rows(self, folder: Path, position: int) -> list[dict]:
        """The ``annotator_labels`` rows of the document at ``position`` whose passes are read record by
        record (checked); the others' are built from the columns (:meth:`add_tables`)."""
        return document_rows(folder) if position in self.passes.by_records else []

    def counts(self, position: int) -> dict[str, int]:
        """The ``n_`` columns of folder ``position``'s ``documents`` row."""
        return {"n_sentences": self.sentences.sentences.counts[position],
                "n_claims": self.claims.claims.counts[position],
                "n_artifacts": self.sentences.artifact_counts[position],
                "n_evidence": self.evidence.counts[position]}

    def add_tables(self, tables: dict[str, pa.Table], doc_ids: list[str], cited: list[dict[str, list[str]]],
                   claim_views: dict[str, list], schemas: dict[str, TableSchema], folds: list[int] | None) -> None:
        """Put the configs built from columns into ``tables`` (the batch's, from rows; ``annotator_labels``
        is merged with the rows of documents whose passes were read record by record).

        ``claim_views``: gathered from the documents' records (with sentence columns, made from those
        instead); ``folds``: with sentence columns, the fold of each sentence row (batch order)."""
        if self.sentences is not None:
            tables["sentences"] = sentences_table(self.sentences, self.claims, doc_ids, folds, schemas["sentences"])
            tables["annotator_labels"] = annotator_table(self.passes, doc_ids, tables["annotator_labels"],
                                                         schemas["annotator_labels"])
            claim_views = column_views(self.claims, self.sentences)
        if self.evidence is not None:
            tables["evidence"] = evidence_table(self.evidence, doc_ids, cited, schemas["evidence"])
        if self.claims is not None:
            tables["claims"] = claims_table(self.claims, doc_ids, claim_views, tables["sentences"], schemas["claims"])


def read_columns(folders: list[Path]) -> BatchColumns | None:
    """What of ``folders`` can be read as columns; ``None``: nothing."""
    columns = BatchColumns(read_evidence(folders), read_claims(folders))
    definitions = declared_layers(folders)
    if columns.configs == {"evidence", "claims"} and definitions is not None:
        columns.sentences = read_sentence_layers(folders, definitions)
        columns.passes = read_passes(folders, definitions, columns.sentences.sentences) \
            if columns.sentences is not None else None
    return columns if columns.configs else None


def declared_layers(folders: list[Path]) -> list | None:
    """The extra layers the corpus of ``folders`` declares; ``None`` when there is no folder or the
    declarations fail (the record path reports how)."""
    if not folders:
        return None  # nothing to read as sentence columns
    try:
        return load_definitions(folders[0].parent.parent)
    except CorpusError:
        return None
