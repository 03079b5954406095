"""Loading a document with its sentences, layers and evidence, schema-checked per line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jsonschema import Draft202012Validator

from ..paths import DOCUMENTS, EVIDENCE_AUDIT_NAME, EVIDENCE_NAME, SENTENCES_NAME, layer_file
from ..schema.jsonschemas import check_compiled, check_records, compile_schema
from ..schema.layer_defs import load_definitions
from ..schema.layers import GOLD, LAYERS, annotator_folder
from .document import META_NAME, Document, load_document
from .jsonl import read_jsonl


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
    definitions: tuple = ()
    evidence_audit: Records | None = None

    @property
    def doc_id(self) -> str:
        return self.document.doc_id


def load_records(path: Path, schema_name: str) -> Records:
    records = Records(path, read_jsonl(path))
    check_records(schema_name, records.rows, path, records.where)
    return records


def load_layers(folder: Path, definitions=(), given: dict[str, Records | None] | None = None) -> dict[str, Records]:
    """Every layer file present in ``folder``; absent layers are simply not annotated.

    ``given``: layers already read and checked by the caller (``None``: that file is absent)."""
    given = given or {}
    layers = {}
    for layer in LAYERS:
        if layer.name in given:
            if given[layer.name] is not None:
                layers[layer.name] = given[layer.name]
        elif layer.path(folder).is_file():
            layers[layer.name] = load_records(layer.path(folder), layer.name)
    for defn in definitions:
        path = folder / layer_file(defn.name)
        if path.is_file():
            layers[defn.name] = load_extra_records(path, defn)
    return layers


def load_extra_records(path: Path, defn) -> Records:
    schema = defn.record_schema()
    fast, checker = compile_schema(schema), Draft202012Validator(schema)
    records = Records(path, read_jsonl(path))
    for line, rec in records.rows:
        check_compiled(fast, checker, rec, path, records.where(line))
    return records


def load_annotated(doc_folder: Path, annotator: str = GOLD, definitions=None,
                   with_evidence: bool = True, given: dict[str, Records | None] | None = None) -> AnnotatedDocument:
    """Load one document folder for one annotator (``gold`` by default).

    ``definitions`` are the declared extra layers (default: those of the
    annotations root the folder belongs to). ``with_evidence=False`` leaves
    the evidence pool to the caller (``evidence`` is ``None``); ``given``:
    layers the caller has read and checked (see :func:`load_layers`)."""
    if definitions is None:
        definitions = load_definitions(doc_folder.parent.parent)
    document = load_document(doc_folder)
    evidence_path = doc_folder / EVIDENCE_NAME
    evidence = load_records(evidence_path, "evidence") if with_evidence and evidence_path.is_file() else None
    audit_path = doc_folder / EVIDENCE_AUDIT_NAME
    return AnnotatedDocument(
        document=document,
        sentences=load_records(doc_folder / SENTENCES_NAME, "sentences"),
        layers=load_layers(annotator_folder(doc_folder, annotator), definitions, given),
        evidence=evidence,
        annotator=annotator,
        definitions=tuple(definitions),
        evidence_audit=load_records(audit_path, "evidence_audit") if audit_path.is_file() else None,
    )


def document_folders(root: Path) -> list[Path]:
    """Document folders under ``root/documents``, sorted by name."""
    return sorted(p for p in (root / DOCUMENTS).iterdir() if (p / META_NAME).is_file())
