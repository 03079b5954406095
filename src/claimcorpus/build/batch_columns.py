"""The files of a batch that are read, checked and turned into tables in Arrow (the others record by record).

Each of :func:`~claimcorpus.corpus.evidence_columns.read_evidence` and
:func:`~claimcorpus.corpus.claim_columns.read_claims` may give way (``None``) independently: those files
are then read record by record and their config made from Python rows, like every other layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from ..corpus.annotations import AnnotatedDocument, load_annotated
from ..corpus.claim_columns import ClaimColumns, read_claims
from ..corpus.evidence_columns import EvidenceColumns, read_evidence
from ..schema.table_schema import TableSchema
from .claims_table import claims_table
from .evidence_table import evidence_table


@dataclass
class BatchColumns:
    """The batch's evidence and gold claims + verification as checked columns (``None``: not this way)."""

    evidence: EvidenceColumns | None
    claims: ClaimColumns | None

    @property
    def configs(self) -> frozenset[str]:
        """The configs built from these columns instead of rows."""
        return frozenset(name for name in ("evidence", "claims") if getattr(self, name) is not None)

    def load(self, folder: Path, position: int) -> AnnotatedDocument:
        """The document at ``position``: its other files read record by record, these from the columns."""
        doc = load_annotated(folder, with_evidence=self.evidence is None,
                             given=self.claims.records(position) if self.claims is not None else None)
        if self.evidence is not None:
            doc.evidence = self.evidence.pool(position)
        return doc

    def add_tables(self, tables: dict[str, pa.Table], doc_ids: list[str], cited: list[dict[str, list[str]]],
                   claim_views: dict[str, list], schemas: dict[str, TableSchema]) -> None:
        """Put the configs built from columns into ``tables`` (the batch's, from rows)."""
        if self.evidence is not None:
            tables["evidence"] = evidence_table(self.evidence, doc_ids, cited, schemas["evidence"])
        if self.claims is not None:
            tables["claims"] = claims_table(self.claims, doc_ids, claim_views, tables["sentences"], schemas["claims"])


def read_columns(folders: list[Path]) -> BatchColumns | None:
    """What of ``folders`` can be read as columns; ``None``: nothing."""
    columns = BatchColumns(read_evidence(folders), read_claims(folders))
    return columns if columns.configs else None
