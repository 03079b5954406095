"""Checks of the release metadata: document hashes (against the annotations when beside the release),
the Croissant file and the card header, each recomputed and compared."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import orjson
import pyarrow as pa

from ..corpus.document import paragraph_spans
from ..errors import CorpusError
from ..guard.safe_json import read_json_file
from ..guard.safe_paths import NAME_RE
from .table_checks import first_difference, sha256_text, short

CROISSANT = "croissant.json"


CARD = "README.md"


def check_documents(rows: dict[str, list[dict]], file: str, annotations: Path) -> None:
    """Hashes and counts of every document (and its ``document.json`` when the annotations are beside)."""
    sentences = Counter(s["doc_id"] for s in rows["sentences"])
    artifacts = Counter()
    for s in rows["sentences"]:
        artifacts[s["doc_id"]] += len(s["artifacts"] or [])
    claims = Counter(c["doc_id"] for c in rows["claims"])
    evidence = Counter(e["doc_id"] for e in rows["evidence"])
    for i, doc in enumerate(rows["documents"]):
        record, doc_id = f"row {i} ({doc['doc_id']})", doc["doc_id"]
        digest = sha256_text(doc["text"])
        if doc["text_sha256"] != digest:
            raise CorpusError(file, record, "text_sha256", f"{digest} (sha256 of text)", doc["text_sha256"])
        if doc["body_offset"] == 0 and doc["source_sha256"] != digest:
            raise CorpusError(file, record, "source_sha256", f"{digest} (sha256 of text: body offset 0)",
                              doc["source_sha256"])
        counts = {"n_sentences": sentences[doc_id], "n_claims": claims[doc_id], "n_artifacts": artifacts[doc_id],
                  "n_evidence": evidence[doc_id], "n_paragraphs": len(paragraph_spans(doc["text"]))}
        for field, value in counts.items():
            if doc[field] != value:
                raise CorpusError(file, record, field, f"{value} (counted in the release)", doc[field])
        check_against_annotations(doc, record, file, annotations)


def check_against_annotations(doc: dict, record: str, file: str, annotations: Path) -> None:
    """``source_sha256`` and ``body_offset`` as recorded in the document's ``document.json``, if it is there."""
    if not NAME_RE.match(doc["doc_id"]):
        return
    meta_path = annotations / doc["doc_id"] / "document.json"
    if not meta_path.is_file():
        return
    try:
        meta = read_json_file(meta_path)
    except CorpusError:
        return  # a broken annotation is the build's to report
    if not isinstance(meta, dict):
        return
    for field in ("source_sha256", "body_offset"):
        if field in meta and doc[field] != meta[field]:
            raise CorpusError(file, record, field, f"{meta[field]!r} (recorded in {meta_path})", doc[field])


def check_croissant(folder: Path, tables: dict[str, pa.Table]) -> None:
    """``croissant.json`` is the Croissant document of these files (sha256 values included)."""
    from ..publish.croissant import croissant_jsonld, dumps

    path = folder / CROISSANT
    if not path.is_file():
        raise CorpusError(path, "(file)", "path", "the Croissant metadata written by build", "missing")
    found = read_json_file(path, "Croissant JSON-LD")
    expected = orjson.loads(dumps(croissant_jsonld(folder, tables)))  # as JSON gives it: lists, not tuples
    diff = first_difference(expected, found) if expected != found else None
    if diff is not None:
        field, want, got = diff
        raise CorpusError(path, "(file)", field, f"{short(want)!r} (recomputed from the release)", short(got))


def check_card(folder: Path, tables: dict[str, pa.Table]) -> None:
    """The card's YAML header (configs, features, row counts) is the one these tables give (a header with
    the configs only, without ``dataset_info``, is accepted too)."""
    from ..publish.card import front_matter

    path = folder / CARD
    if not path.is_file():
        raise CorpusError(path, "(file)", "path", "the dataset card written by build", "missing")
    expected = front_matter(tables, "")
    text = path.read_bytes().decode("utf-8", errors="replace")
    if not text.startswith(expected) and not text.startswith(front_matter(tables, "", with_info=False)):
        head = text[:len(expected)]
        line = next((n for n, (a, b) in enumerate(zip(expected.splitlines(), head.splitlines()), 1) if a != b),
                    min(len(expected.splitlines()), len(head.splitlines())) + 1)
        raise CorpusError(path, f"line {line}", "(front matter)", "the YAML header recomputed from the tables",
                          short(head.splitlines()[line - 1] if line <= len(head.splitlines()) else "(end)"))
