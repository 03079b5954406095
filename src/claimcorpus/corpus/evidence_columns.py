"""The evidence files of a batch of documents read into one Arrow table, and checked column by column.

:func:`read_evidence` concatenates the ``evidence.jsonl`` of each folder and reads them with the explicit
schema of :mod:`claimcorpus.schema.arrow_checks` (``pyarrow.json``, one call). It returns ``None``
unless it can show, without Python records, everything the record-by-record path would check: the
screens of :func:`claimcorpus.guard.safe_json.screened_lines` (one object per line, the limits, no
repeated key, no ``\\u`` escape), every JSON Schema rule, and the invariants of
:func:`claimcorpus.corpus.evidence_checks.check_evidence`. ``None`` is not an error: the caller reads the
batch the other way, which names the file, line and field of the first error, or accepts what only it
can (blank lines, escapes).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from ..guard.limits import MAX_FIELD_CHARS, MAX_JSON_FILE_BYTES, MAX_LINE_BYTES
from ..paths import EVIDENCE_NAME
from ..schema.arrow_checks import every, key_token, presence_counts, read_schema, record_ok, some
from ..schema.records import EVIDENCE
from .annotations import Records

READ_OPTIONS = pj.ParseOptions(explicit_schema=read_schema(EVIDENCE), unexpected_field_behavior="error")
#: One thread: a batch is one worker's work, and the parser's threads would each keep their own heap.
THREADS = pj.ReadOptions(use_threads=False)
#: The fields of a pool record that later checks use (verification, evidence audit).
POOL_FIELDS = ("evidence_id", "relation", "independence")


def shared_strings(column: pa.ChunkedArray) -> list[str]:
    """The column as Python strings, one object per distinct value."""
    encoded = pc.dictionary_encode(column.combine_chunks())
    names = encoded.dictionary.to_pylist()
    return [names[i] for i in encoded.indices.to_pylist()]


@dataclass
class EvidenceColumns:
    """Every evidence record of a batch's folders, in folder then line order (``doc``: the folder's position)."""

    table: pa.Table
    paths: list[Path | None]
    counts: list[int]

    def __post_init__(self):
        self.starts = np.concatenate([[0], np.cumsum(self.counts)]).tolist()
        self.values = {name: shared_strings(self.table[name]) for name in POOL_FIELDS}

    def pool(self, position: int) -> Records | None:
        """The checked pool of one folder as records of the fields later checks use (``None``: no file)."""
        path = self.paths[position]
        if path is None:
            return None
        rows = slice(self.starts[position], self.starts[position + 1])
        values = zip(*(self.values[name][rows] for name in POOL_FIELDS))
        return Records(path, [(line, dict(zip(POOL_FIELDS, v))) for line, v in enumerate(values, 1)])

    def sentences_resolve(self, sentence_ids: list[list[str]]) -> bool:
        """Every sentence id cited by a folder's evidence is one of ``sentence_ids[folder]`` (its checked sentences)."""
        ids = self.table["sentence_ids"].combine_chunks()
        docs = pc.take(self.table["doc"], pc.list_parent_indices(ids))
        cited = pc.binary_join_element_wise(pc.cast(docs, pa.string()), pc.list_flatten(ids), "|")
        known = pa.array([f"{doc}|{sid}" for doc, sids in enumerate(sentence_ids) for sid in sids], pa.string())
        return every(pc.is_in(cited, value_set=known))


def read_bytes(folders: list[Path]) -> tuple[list[bytes] | None, list[Path | None]]:
    """Each folder's evidence file (``b""`` and ``None`` where there is none), each ending in a newline.

    ``(None, [])`` when one cannot be read whole (too big, unreadable)."""
    chunks, paths = [], []
    for folder in folders:
        path = folder / EVIDENCE_NAME
        if not path.is_file():
            chunks.append(b"")
            paths.append(None)
            continue
        try:
            if path.stat().st_size > MAX_JSON_FILE_BYTES:
                return None, []
            data = path.read_bytes()
        except OSError:  # the record-by-record reader reports it
            return None, []
        chunks.append(data if not data or data.endswith(b"\n") else data + b"\n")
        paths.append(path)
    return chunks, paths


def lines_within_limit(chunks: list[bytes]) -> bool:
    """No line is longer than the line limit (a file no longer than the limit has no longer line)."""
    return all(len(chunk) <= MAX_LINE_BYTES or max(map(len, chunk.split(b"\n"))) < MAX_LINE_BYTES
               for chunk in chunks)


def screened(buffer: bytes, rows: int) -> bool:
    """Every line is one object (starts with ``{``); no ``\\u`` escape (so no lone surrogate)."""
    return b"\\u" not in buffer and (not rows or (buffer[:1] == b"{" and buffer.count(b"\n{") == rows - 1))


def parse(buffer: bytes, rows: int) -> pa.Table | None:
    """The records of ``buffer`` (``rows`` lines), or ``None`` if they are not exactly valid records."""
    if not rows:
        return READ_OPTIONS.explicit_schema.empty_table()
    try:
        table = pj.read_json(io.BytesIO(buffer), read_options=THREADS, parse_options=READ_OPTIONS)
        table.validate(full=True)  # UTF-8 of every string
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if table.num_rows != rows or not record_ok(table, EVIDENCE) or not strings_within_limit(table):
        return None
    if any(buffer.count(key_token(key)) != n for key, n in presence_counts(table, EVIDENCE).items()):
        return None
    return table


def strings_within_limit(table: pa.Table) -> bool:
    """No string (list items included) is longer than :data:`MAX_FIELD_CHARS`."""
    columns = [pc.list_flatten(c) if pa.types.is_list(c.type) else c for c in table.columns]
    return all((pc.max(pc.utf8_length(c)).as_py() or 0) <= MAX_FIELD_CHARS for c in columns)


def read_evidence(folders: list[Path]) -> EvidenceColumns | None:
    """The checked evidence of ``folders``, or ``None`` (see the module)."""
    chunks, paths = read_bytes(folders)
    if chunks is None:
        return None
    counts = [chunk.count(b"\n") for chunk in chunks]
    if not lines_within_limit(chunks):
        return None
    buffer = b"".join(chunks)
    del chunks
    table = parse(buffer, sum(counts)) if screened(buffer, sum(counts)) else None
    del buffer
    if table is not None:
        table = table.append_column("doc", pa.array(np.repeat(np.arange(len(folders), dtype=np.int32), counts)))
        table = table if invariants_hold(table) else None
    pa.default_memory_pool().release_unused()  # what parsing and checking took and gave back
    return None if table is None else EvidenceColumns(table, paths, counts)


def invariants_hold(table: pa.Table) -> bool:
    """:func:`~claimcorpus.corpus.evidence_checks.check_evidence` would pass for every folder, once each
    folder's sentence ids resolve (:meth:`EvidenceColumns.sentences_resolve`)."""
    derivative = pc.equal(table["independence"], "derivative")
    if some(pc.and_(derivative, pc.not_equal(table["relation"], "context"))):
        return False
    if not every(pc.equal(pc.is_null(table["published"]), pc.equal(table["published_basis"], "none"))):
        return False
    sets = pc.binary_join(sorted_lists(table["sentence_ids"].combine_chunks()), "\x1f")
    keys = pa.table({"doc": table["doc"], "id": table["evidence_id"]})
    url_sets = pa.table({"doc": table["doc"], "url": table["url"], "sentences": sets})
    return all_unique(keys) and all_unique(url_sets)


def sorted_lists(lists: pa.ListArray) -> pa.ListArray:
    """Each list's items sorted (the lists keep their lengths and order)."""
    flat = pc.list_flatten(lists)
    items = pa.table({"parent": pc.list_parent_indices(lists), "item": flat})
    order = pc.sort_indices(items, sort_keys=[("parent", "ascending"), ("item", "ascending")])
    offsets = pc.subtract(lists.offsets, lists.offsets[0])
    return pa.ListArray.from_arrays(offsets, pc.take(flat, order))


def all_unique(table: pa.Table) -> bool:
    """No two rows of ``table`` are equal."""
    return table.group_by(table.column_names, use_threads=False).aggregate([]).num_rows == table.num_rows
