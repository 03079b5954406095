"""The build: load and check annotations, join, validate tables, write the release."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from ..corpus.annotations import AnnotatedDocument, document_folders, load_annotated
from .annotator_labels import annotator_label_rows
from .crosscheck import check_release_tables
from ..schema.features import configs_for
from ..corpus.invariants import check_document
from ..schema.layers import GOLD
from ..schema.pandera_checks import validate_table
from ..release.release import write_release
from .rows import release_rows
from .step_clock import gc_paused
from .tables import to_tables


@dataclass
class BuildResult:
    tables: dict[str, pa.Table]
    documents: list[AnnotatedDocument]


def load_corpus(annotations_root: Path, annotator: str = GOLD) -> list[AnnotatedDocument]:
    """Load and check every document under ``annotations_root/documents``."""
    with gc_paused():
        docs = [load_annotated(folder, annotator) for folder in document_folders(annotations_root)]
    for doc in docs:
        check_document(doc)
    return docs


def build_tables(docs: list[AnnotatedDocument], annotations_root: Path | None = None) -> dict[str, pa.Table]:
    """Join, encode and validate the tables of every config (nothing is written)."""
    definitions = docs[0].definitions if docs else ()
    configs = configs_for(definitions)
    rows = release_rows(docs)
    rows["annotator_labels"] = annotator_label_rows(annotations_root) if annotations_root else []
    tables = to_tables(rows, configs)
    for config, table in tables.items():
        validate_table(config, table, f"<{config} table>", configs[config], definitions)
    check_release_tables(tables, {c: f"<{c} table>" for c in tables})
    return tables


def build(annotations_root: Path, out: Path, extra_files=None) -> BuildResult:
    """Build the release from the gold layers into ``out`` (atomically)."""
    docs = load_corpus(annotations_root)
    tables = build_tables(docs, annotations_root)
    write_release(tables, out, extra_files and (lambda tmp: extra_files(tmp, tables)),
                  docs[0].definitions if docs else ())
    return BuildResult(tables, docs)
