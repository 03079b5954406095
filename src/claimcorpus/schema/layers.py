"""The stand-off annotation layers of a document and where their files live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..guard.safe_paths import check_name
from ..paths import ANNOTATORS, GOLD, layer_file


@dataclass(frozen=True)
class Layer:
    """A layer file: ``level`` says what one record is keyed by."""

    name: str
    level: str  # "sentence" (one record per sentence) or "claim" (one per claim)
    key: str

    def path(self, folder: Path) -> Path:
        return folder / layer_file(self.name)


LAYERS = (
    Layer("sentence_labels", "sentence", "sentence_id"),
    Layer("sources", "sentence", "sentence_id"),
    Layer("hedge_cues", "sentence", "sentence_id"),
    Layer("artifacts", "sentence", "sentence_id"),
    Layer("claims", "claim", "claim_id"),
    Layer("verification", "claim", "claim_id"),
)
LAYER_BY_NAME = {layer.name: layer for layer in LAYERS}


def annotator_folder(doc_folder: Path, annotator: str) -> Path:
    """``gold/`` for the adjudicated layers, ``annotators/<name>/`` for a pass (``annotator``: a name, not a path)."""
    check_name(annotator, doc_folder / ANNOTATORS, "(annotator)", "annotator", "an annotator name")
    return doc_folder / GOLD if annotator == GOLD else doc_folder / ANNOTATORS / annotator


def annotators_of(doc_folder: Path) -> list[str]:
    """Names of the annotator passes of a document (folders under ``annotators/``)."""
    folder = doc_folder / ANNOTATORS
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
