"""A whole corpus: every document folder loaded and checked."""

from __future__ import annotations

from pathlib import Path

from ..schema.layers import GOLD
from .annotations import AnnotatedDocument, document_folders, load_annotated
from .invariants import check_document


def load_corpus(annotations_root: Path, annotator: str = GOLD) -> list[AnnotatedDocument]:
    """Load and check every document under ``annotations_root/documents`` (``annotator``'s layers)."""
    docs = [load_annotated(folder, annotator) for folder in document_folders(annotations_root)]
    for doc in docs:
        check_document(doc)
    return docs
