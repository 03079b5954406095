"""Invariants across release tables: foreign keys and span/tiling invariants."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from ..errors import CorpusError


def check_foreign_key(child: pa.Table, column: str, parent: pa.Table, key: str, file: str) -> None:
    """Every non-null value of ``child[column]`` (flattened if a list) occurs in ``parent[key]``."""
    values = child.column(column)
    if pa.types.is_list(values.type):
        values = pc.list_flatten(values)
    values = pc.drop_null(values)
    missing = pc.invert(pc.is_in(values, value_set=parent.column(key)))
    if pc.any(missing).as_py():
        bad = pc.filter(values, missing)[0].as_py()
        row = first_row_with(child.column(column).to_pylist(), bad)
        raise CorpusError(file, f"row {row} ({child.column(0)[row].as_py()})", column,
                          f"a {key} present in the referenced table", bad)


def first_row_with(values: list, bad) -> int:
    return next(i for i, v in enumerate(values) if v == bad or (isinstance(v, list) and bad in v))


def check_sentence_spans(sentences: pa.Table, documents: pa.Table, file: str) -> None:
    """``document.text[start:end] == text`` and sentences are ordered and non-overlapping."""
    texts = dict(zip(documents.column("doc_id").to_pylist(), documents.column("text").to_pylist()))
    prev: dict[str, int] = {}
    cols = [sentences.column(c).to_pylist() for c in ("sentence_id", "doc_id", "start", "end", "text")]
    for sid, doc_id, start, end, text in zip(*cols):
        if texts[doc_id][start:end] != text:
            raise CorpusError(file, sid, "text", f"document text[{start}:{end}]", text)
        if start < prev.get(doc_id, 0):
            raise CorpusError(file, sid, "start", f">= end of the previous sentence ({prev[doc_id]})", start)
        prev[doc_id] = end


def check_release_tables(tables: dict[str, pa.Table], files: dict[str, str]) -> None:
    """All foreign keys of the release resolve and sentence spans hold."""
    check_foreign_keys(tables, files)
    check_sentence_spans(tables["sentences"], tables["documents"], files["sentences"])


def check_foreign_keys(tables: dict[str, pa.Table], files: dict[str, str]) -> None:
    """Every foreign key of the release resolves (only the id and key columns are read)."""
    s, c, e, d = (tables[k] for k in ("sentences", "claims", "evidence", "documents"))
    check_foreign_key(s, "doc_id", d, "doc_id", files["sentences"])
    check_foreign_key(s, "main_claim_id", c, "claim_id", files["sentences"])
    check_foreign_key(s, "claim_ids", c, "claim_id", files["sentences"])
    check_foreign_key(c, "sentence_id", s, "sentence_id", files["claims"])
    check_foreign_key(c, "evidence_ids", e, "evidence_id", files["claims"])
    check_foreign_key(e, "doc_id", d, "doc_id", files["evidence"])
    check_foreign_key(tables["annotator_labels"], "sentence_id", s, "sentence_id", files["annotator_labels"])
