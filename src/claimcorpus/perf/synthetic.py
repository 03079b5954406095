"""Synthetic annotation corpora for benchmarking only (never part of a release).

:func:`write_corpus` clones a real annotated document ``n`` times under a
fresh annotations root: each clone has its own doc id (every id is re-prefixed)
and its own text, obtained by a seeded permutation of a few lowercase letters
applied to the body and to every span text. Lengths and offsets are unchanged,
so the clones keep the article's structure (sentences, paragraphs, claims,
sources, hedges, artifacts, verification, evidence) and pass every check.
Annotator passes are not cloned: the ``annotator_labels`` config stays empty.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from ..corpus.document import load_document, sha256_bytes
from ..corpus.jsonl import dump_jsonl, read_jsonl
from ..paths import DOCUMENTS, EVIDENCE_NAME, GOLD, META_NAME, SENTENCES_NAME, layer_file
from ..schema.layers import LAYERS

#: Files cloned from the template document (relative to its folder).
RECORD_FILES = (SENTENCES_NAME, EVIDENCE_NAME, *(f"{GOLD}/{layer_file(layer.name)}" for layer in LAYERS))
CONSONANTS = "bcdfghklmnprstvwz"


def letter_table(rng: random.Random, pairs: int = 4) -> dict[int, int]:
    """A ``str.translate`` table swapping ``pairs`` pairs of consonants (same length, same case class)."""
    letters = rng.sample(CONSONANTS, 2 * pairs)
    table = {}
    for a, b in zip(letters[::2], letters[1::2]):
        table.update({ord(a): b, ord(b): a, ord(a.upper()): b.upper(), ord(b.upper()): a.upper()})
    return table


def transform(value, old: str, new: str, table: dict[int, int]):
    """Re-prefix ids ``old-...`` as ``new-...`` and permute the text of every span."""
    if isinstance(value, dict):
        out = {k: transform(v, old, new, table) for k, v in value.items()}
        if {"start", "end", "text"} <= value.keys():
            out["text"] = value["text"].translate(table)
        return out
    if isinstance(value, list):
        return [transform(v, old, new, table) for v in value]
    if isinstance(value, str) and (value == old or value.startswith(old + "-")):
        return new + value[len(old):]
    return value


def load_template(doc_folder: Path) -> dict:
    """The template document: its metadata, raw source and the records of every cloned file."""
    doc = load_document(doc_folder)
    records = {rel: [rec for _, rec in read_jsonl(doc_folder / rel)]
               for rel in RECORD_FILES if (doc_folder / rel).is_file()}
    return {"doc": doc, "records": records}


def write_clone(template: dict, out: Path, doc_id: str, table: dict[int, int]) -> None:
    """One clone of the template as the document folder ``out``."""
    doc = template["doc"]
    offset = doc.meta["body_offset"]
    raw_text = doc.raw.decode("utf-8")
    raw = (raw_text[:offset] + raw_text[offset:].translate(table)).encode("utf-8")
    out.mkdir(parents=True, exist_ok=True)
    (out / doc.meta["source_file"]).write_bytes(raw)
    meta = {**doc.meta, "doc_id": doc_id, "source_sha256": sha256_bytes(raw)}
    (out / META_NAME).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for rel, records in template["records"].items():
        dump_jsonl([transform(r, doc.doc_id, doc_id, table) for r in records], out / rel)


def write_corpus(template_folder: Path, root: Path, n_docs: int, seed: int = 0) -> Path:
    """Write ``n_docs`` clones of ``template_folder`` under ``root/documents``; return ``root``."""
    template = load_template(template_folder)
    rng = random.Random(seed)
    width = max(6, len(str(n_docs)))
    for i in range(n_docs):
        doc_id = f"synth-{i:0{width}d}"
        write_clone(template, root / DOCUMENTS / doc_id, doc_id, letter_table(rng))
    return root


def sentences_per_document(template_folder: Path) -> int:
    return len(read_jsonl(template_folder / SENTENCES_NAME))

