"""A batch's rows, gathered document by document and encoded to Arrow part by part.

The rows of a document are added as soon as it is checked, and the document is
dropped. In a batch that is part of a streamed corpus (folds come from the
corpus-wide document rank), the rows are encoded whenever they reach
``part_rows`` sentences, so a worker holds Python rows for one part, not for the
whole batch; the parts concatenate in id order (the plan made sure of it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from ..corpus.annotations import AnnotatedDocument
from ..schema.table_schema import TableSchema
from .annotator_labels import document_rows
from .rows import add_document_rows, add_folds, claim_views, empty_rows, source_types
from .tables import to_tables

#: Sentences of Python rows held before they are encoded (when the batch may be encoded in parts).
PART_ROWS = 2_000


class BatchRows:
    """Rows of the documents added so far; :meth:`tables` gives the table of every config made from rows, in id
    order."""

    def __init__(self, schemas: dict[str, TableSchema], assign: Callable, in_parts: bool, part_rows: int | None = None,
                 columnar: frozenset[str] = frozenset()):
        """``schemas``: the configs' (from the batch); ``columnar``: configs whose rows are not made here
        (built from columns; for ``claims``, :attr:`claim_views` gathers what the rows would take from
        the other layers)."""
        self.schemas, self.assign, self.in_parts, self.columnar = schemas, assign, in_parts, columnar
        self.part_rows = PART_ROWS if part_rows is None else part_rows
        self.rows, self.annotator_rows = empty_rows(), []
        self.parts: list[dict[str, pa.Table]] = []
        self.claim_views: dict[str, list] = {"is_main": [], "source_type": []}

    def add(self, doc: AnnotatedDocument, folder: Path) -> None:
        """Add the rows of one checked document (and its annotators' labels)."""
        add_document_rows(self.rows, doc, self.columnar)
        if "claims" in self.columnar:
            for name, values in claim_views(doc, source_types(doc)).items():
                self.claim_views[name] += values
        self.annotator_rows += document_rows(folder)
        if self.in_parts and len(self.rows["sentences"]) >= self.part_rows:
            self.encode_part()

    def add_document(self, row: dict, annotator_rows: list[dict]) -> None:
        """Add the ``documents`` row and the annotators' labels of one checked document whose other configs
        are built from columns."""
        self.rows["documents"].append(row)
        self.annotator_rows += annotator_rows

    def encode_part(self) -> None:
        add_folds(self.rows, self.assign)
        self.rows["annotator_labels"] = self.annotator_rows
        made_here = {config: schema for config, schema in self.schemas.items() if config not in self.columnar}
        self.parts.append(to_tables(self.rows, made_here))
        self.rows, self.annotator_rows = empty_rows(), []

    def tables(self) -> dict[str, pa.Table]:
        """The table of every config made from rows (contiguous arrays, as if encoded at once)."""
        if self.rows["documents"] or not self.parts:
            self.encode_part()
        parts, self.parts = self.parts, []
        if len(parts) == 1:
            return parts[0]
        return {config: pa.concat_tables([part[config] for part in parts]).combine_chunks() for config in parts[0]}
