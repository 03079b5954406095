"""Registering a new source document: verbatim copy, metadata, sentence proposals.

``claimcorpus add-document`` copies the text byte for byte, records its sha256
and header, fills the metadata the document schema requires (provenance that
is not known is ``null`` with a basis saying so) and proposes sentence
boundaries for review. The folder appears only when all of it is valid.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..corpus.document import META_NAME, SOURCE_NAME, load_document, sha256_bytes, split_header
from ..corpus.jsonl import dump_jsonl
from ..errors import CorpusError
from ..guard.limits import MAX_SOURCE_BYTES
from ..guard.safe_json import read_json_file, read_limited
from ..guard.safe_paths import check_name
from ..paths import DOCUMENTS
from ..schema.jsonschemas import check_record
from .sentences_io import PROPOSAL_NAME, proposal_records
from .staging import located, staged_folder

UNKNOWN = "unknown: not recorded when the document was registered (claimcorpus add-document)"
PROVENANCE = ("original_publisher", "original_headline", "original_date", "original_url")


def registered(documents: Path) -> dict[str, tuple[str, Path]]:
    """``sha256 -> (doc_id, folder)`` of every registered document."""
    out = {}
    for meta in sorted(documents.glob(f"*/{META_NAME}")) if documents.is_dir() else []:
        rec = read_json_file(meta)
        if isinstance(rec, dict):
            out[rec.get("source_sha256")] = (rec.get("doc_id"), meta.parent)
    return out


def refuse_duplicate(documents: Path, doc_id: str, sha: str, text_file: Path) -> None:
    """The same text (any doc id) or the same doc id must not be registered twice."""
    known = registered(documents)
    if sha in known:
        raise CorpusError(text_file, "(file)", "source_sha256",
                          "a document not registered yet", f"same sha256 as {known[sha][0]} ({known[sha][1]})")
    taken = {doc for doc, _ in known.values()}
    if (documents / doc_id).exists() or doc_id in taken:
        raise CorpusError(documents / doc_id, doc_id, "doc_id", "a doc id not used yet", doc_id)


def document_meta(doc_id: str, raw_text: str, sha: str, options: dict) -> dict:
    """document.json content: header, date and language, unknown provenance as null + basis."""
    header, body_offset = split_header(raw_text) if options.get("header", True) else ({}, 0)
    date = options.get("date") or header.get("date")
    basis = "given at registration (claimcorpus add-document --date)" if options.get("date") \
        else "header line of the received file"
    meta = {"doc_id": doc_id, "source_file": SOURCE_NAME, "source_sha256": sha, "body_offset": body_offset,
            "header": header, "date": date, "date_basis": basis, "language": options.get("language") or "en",
            "text_nature": UNKNOWN, "terms_note": UNKNOWN}
    for field in PROVENANCE:
        meta[field], meta[f"{field}_basis"] = None, UNKNOWN
    meta.update(options.get("fields") or {})
    return meta


def parse_fields(pairs: list[str]) -> dict[str, str | None]:
    """``FIELD=VALUE`` pairs of ``--set`` (``null`` for JSON null)."""
    out = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep:
            raise CorpusError("--set", pair, "(argument)", "FIELD=VALUE", pair)
        out[field] = None if value == "null" else value
    return out


def add_document(annotations_root: Path, text_file: Path, doc_id: str, options: dict) -> Path:
    """Register ``text_file`` as ``documents/<doc_id>/``; return the new folder."""
    check_name(doc_id, "--doc-id", doc_id, "doc_id", "a doc id")
    raw = read_limited(text_file, MAX_SOURCE_BYTES)
    try:
        raw_text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(text_file, f"byte {exc.start}", "(encoding)", "UTF-8 text", exc.reason) from exc
    sha = sha256_bytes(raw)
    documents = annotations_root / DOCUMENTS
    refuse_duplicate(documents, doc_id, sha, text_file)
    meta = document_meta(doc_id, raw_text, sha, options)
    if meta["date"] is None:
        raise CorpusError(text_file, "header", "date", "--date YYYY-MM-DD or a header line ' date YYYY-MM-DD'",
                          None)
    final = documents / doc_id
    with staged_folder(final, annotations_root) as tmp:
        try:
            check_record("document", meta, tmp / META_NAME, doc_id)
            (tmp / SOURCE_NAME).write_bytes(raw)
            os.chmod(tmp / SOURCE_NAME, 0o444)
            (tmp / META_NAME).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            doc = load_document(tmp)
            dump_jsonl(proposal_records(doc_id, doc.text), tmp / PROPOSAL_NAME)
        except CorpusError as exc:
            raise located(exc, tmp, final) from exc
    return final
