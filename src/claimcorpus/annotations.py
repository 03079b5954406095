"""Loading a document with its sentences, layers and evidence, schema-checked per line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .document import META_NAME, Document, load_document
from .jsonl import read_jsonl
from .jsonschemas import check_record
from .layers import GOLD, LAYERS, annotator_folder

SENTENCES_NAME = "sentences.jsonl"
EVIDENCE_NAME = "evidence.jsonl"


@dataclass
class Records:
    """Records of one file, with the file path and line number of each."""

    path: Path
    rows: list[tuple[int, dict]] = field(default_factory=list)

    def where(self, line: int, record_id: str | None = None) -> str:
        return f"line {line}" + (f" ({record_id})" if record_id else "")

    def records(self) -> list[dict]:
        return [rec for _, rec in self.rows]


@dataclass
class AnnotatedDocument:
    document: Document
    sentences: Records
    layers: dict[str, Records]
    evidence: Records | None
    annotator: str

    @property
    def doc_id(self) -> str:
        return self.document.doc_id


def load_records(path: Path, schema_name: str) -> Records:
    records = Records(path, read_jsonl(path))
    for line, rec in records.rows:
        check_record(schema_name, rec, path, records.where(line))
    return records


def load_layers(folder: Path) -> dict[str, Records]:
    """Every layer file present in ``folder``; absent layers are simply not annotated."""
    return {layer.name: load_records(layer.path(folder), layer.name)
            for layer in LAYERS if layer.path(folder).is_file()}


def load_annotated(doc_folder: Path, annotator: str = GOLD) -> AnnotatedDocument:
    """Load one document folder for one annotator (``gold`` by default)."""
    document = load_document(doc_folder)
    evidence_path = doc_folder / EVIDENCE_NAME
    evidence = load_records(evidence_path, "evidence") if evidence_path.is_file() else None
    return AnnotatedDocument(
        document=document,
        sentences=load_records(doc_folder / SENTENCES_NAME, "sentences"),
        layers=load_layers(annotator_folder(doc_folder, annotator)),
        evidence=evidence,
        annotator=annotator,
    )


def document_folders(root: Path) -> list[Path]:
    """Document folders under ``root/documents``, sorted by name."""
    return sorted(p for p in (root / "documents").iterdir() if (p / META_NAME).is_file())
