"""Source documents: the verbatim file, its header metadata and its body text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError
from ..guard.limits import MAX_SOURCE_BYTES
from ..guard.safe_json import read_json_file, read_limited
from ..guard.safe_paths import check_file_name, path_inside
from ..paths import META_NAME, SOURCE_NAME
from ..schema.jsonschemas import check_record

HEADER_RE = re.compile(r"^\s*([a-z_]+)\s+(\S.*?)\s*$")
#: A newline followed by a blank line (spaces or tabs only): where a paragraph ends.
BLOCK_END_RE = re.compile(r"\n(?=[ \t]*\n)")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Document:
    """A registered document: metadata plus the body text all offsets point into."""

    doc_id: str
    meta: dict
    raw: bytes
    text: str
    folder: Path


def split_header(raw_text: str) -> tuple[dict, int]:
    """Parse the first line (`` key value``) as metadata; return it and the body offset."""
    first, sep, _ = raw_text.partition("\n")
    match = HEADER_RE.match(first)
    if not match or not sep:
        return {}, 0
    return {match.group(1): match.group(2)}, len(first) + 1


def load_document(folder: Path) -> Document:
    """Load ``document.json`` and ``source.txt`` and check the recorded sha256 values."""
    meta_path = folder / META_NAME
    meta = read_json_file(meta_path)
    check_record("document", meta, meta_path, "document")
    src_path = source_path(folder, meta, meta_path)
    raw = read_limited(src_path, MAX_SOURCE_BYTES)
    found = sha256_bytes(raw)
    if found != meta.get("source_sha256"):
        raise CorpusError(src_path, meta.get("doc_id"), "source_sha256",
                          f"sha256 {meta.get('source_sha256')} recorded in {META_NAME}", found)
    try:
        raw_text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(src_path, meta.get("doc_id"), "(encoding)", "UTF-8 text",
                          f"invalid byte 0x{raw[exc.start]:02x} at byte {exc.start}") from None
    text = raw_text[meta["body_offset"]:]
    return Document(meta["doc_id"], meta, raw, text, folder)


def source_path(folder: Path, meta: dict, meta_path: Path) -> Path:
    """The source file ``document.json`` names: a plain file name, an existing file in ``folder``."""
    name = check_file_name(meta.get("source_file", SOURCE_NAME), meta_path, meta.get("doc_id"), "source_file")
    path = path_inside(folder, name, meta_path, meta.get("doc_id"), "source_file")
    if not path.is_file():
        raise CorpusError(meta_path, meta.get("doc_id"), "source_file", f"a file in {folder}", name)
    return path


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of paragraphs (blocks separated by blank lines), whitespace-trimmed.

    A block ends at each newline that a blank line follows (that newline is no block's part)."""
    spans, block_start = [], 0
    for block_end in [m.start() for m in BLOCK_END_RE.finditer(text)] + [len(text)]:
        chunk = text[block_start:block_end]
        start = block_start + len(chunk) - len(chunk.lstrip())
        end = block_start + len(chunk.rstrip())
        if end > start:
            spans.append((start, end))
        block_start = block_end + 1
    return spans
