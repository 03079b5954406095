"""Derived config ``annotator_labels``: each annotator's sentence labels, with agreement.

One row per (sentence, annotator) for every annotator pass that has
``sentence_labels.jsonl``; ``n_annotators`` and ``agreement_<field>`` (the
share of the sentence's annotators who gave its most frequent value, 1.0 =
unanimous) are repeated on each row, so users can score only on the items
annotators agreed on. It is a config of its own: the core configs' features
do not change.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..corpus.annotations import document_folders, load_annotated
from ..corpus.document import load_document
from ..corpus.invariants import check_document
from ..paths import layer_file
from ..schema.configs import PASS_FIELDS as FIELDS
from ..schema.layers import annotator_folder, annotators_of


def labelled_passes(doc_folder: Path) -> list[str]:
    """The annotator passes of a document that have sentence labels (the others give no row)."""
    return [name for name in annotators_of(doc_folder)
            if (annotator_folder(doc_folder, name) / layer_file("sentence_labels")).is_file()]


def passes_of(doc_folder: Path) -> dict[str, dict[str, dict]]:
    """``annotator -> sentence_id -> sentence_labels record`` of every checked pass with sentence labels."""
    out = {}
    for name in labelled_passes(doc_folder):
        doc = load_annotated(doc_folder, name)
        check_document(doc)
        out[name] = {rec["sentence_id"]: rec for rec in doc.layers["sentence_labels"].records()}
    return out


def document_rows(doc_folder: Path) -> list[dict]:
    """The ``annotator_labels`` rows of one document, its passes read record by record and checked."""
    passes = passes_of(doc_folder)
    return pass_rows(load_document(doc_folder).doc_id, passes) if passes else []


def pass_rows(doc_id: str, passes: dict[str, dict[str, dict]]) -> list[dict]:
    """The rows of one document's checked passes (``annotator -> sentence_id -> labels``)."""
    rows = []
    for sid in sorted({sid for labels in passes.values() for sid in labels}):
        given = {name: labels[sid] for name, labels in passes.items() if sid in labels}
        agreement = {f"agreement_{f}": round(Counter(r[f] for r in given.values()).most_common(1)[0][1]
                                             / len(given), 4) for f in FIELDS}
        rows += [{"annotation_id": f"{sid}/{name}", "sentence_id": sid, "doc_id": doc_id, "annotator": name,
                  **{f: rec[f] for f in FIELDS}, "n_annotators": len(given), **agreement}
                 for name, rec in sorted(given.items())]
    return rows


def annotator_label_rows(annotations_root: Path) -> list[dict]:
    """Rows of the ``annotator_labels`` config over every document."""
    return [row for folder in document_folders(annotations_root) for row in document_rows(folder)]
