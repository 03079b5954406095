"""One annotation file of each folder of a batch read into one Arrow table, every JSON Schema rule checked.

:func:`read_layer` concatenates the files (one per folder, or none) and reads them with the explicit schema
of :mod:`claimcorpus.schema.arrow_checks` (``pyarrow.json``, one call). It returns ``None`` unless it can
show, without Python records, everything the record-by-record reader checks: the screens of
:func:`claimcorpus.guard.safe_json.screened_lines` (one object per line, the limits, no repeated key, no
``\\u`` escape) and every rule of the record's JSON Schema. ``None`` is not an error: the caller reads
those files the other way, which names the file, line and field of the first error, or accepts what
only it can (blank lines, escapes).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from ..guard.limits import MAX_FIELD_CHARS, MAX_JSON_FILE_BYTES, MAX_LINE_BYTES
from ..schema.arrow_checks import key_token, presence_counts, read_schema, record_ok
from ..schema.fields import Record
from .annotations import Records

#: The column added to every layer table: the position of the row's folder in the batch (no record field
#: or declared layer can have this name: they start with a letter).
FOLDER = "_folder"
#: A quote, white space, a colon: a key written with space before its colon (inside a string a quote is
#: escaped, so there it can only match after a backslash, and the columns merely give way).
SPACED_KEY = re.compile(rb'"[ \t\r\n]+:')
#: One thread: a batch is one worker's work, and the parser's threads would each keep their own heap.
THREADS = pj.ReadOptions(use_threads=False)


@dataclass
class LayerColumns:
    """Every record of one file per folder, in folder then line order; column :data:`FOLDER`: the folder's position.

    ``paths[i]`` is ``None`` where folder ``i`` has no such file; ``counts[i]`` its records."""

    table: pa.Table
    paths: list[Path | None]
    counts: list[int]

    def __post_init__(self):
        self.starts = np.concatenate([[0], np.cumsum(self.counts)]).astype(int).tolist()

    def rows(self, position: int) -> slice:
        """The rows of folder ``position``."""
        return slice(self.starts[position], self.starts[position + 1])

    def present(self, folders: pa.Array | pa.ChunkedArray) -> np.ndarray:
        """Per folder position in ``folders``: whether that folder has the file."""
        has_file = np.array([path is not None for path in self.paths], dtype=bool)
        return has_file[np.asarray(folders, dtype=np.int64)]

    def subset(self, positions: list[int]) -> LayerColumns:
        """The records of the folders at ``positions`` (in that order), as if those folders were the batch."""
        picked = [np.arange(self.starts[p], self.starts[p + 1]) for p in positions]
        table = self.table.take(pa.array(np.concatenate(picked) if picked else [], pa.int64()))
        counts = [self.counts[p] for p in positions]
        folder = pa.array(np.repeat(np.arange(len(positions), dtype=np.int32), counts))
        return LayerColumns(table.set_column(table.schema.get_field_index(FOLDER), FOLDER, folder),
                            [self.paths[p] for p in positions], counts)

    def records(self, position: int, values: dict[str, list]) -> Records | None:
        """Folder ``position``'s file as records of the fields in ``values`` (Python lists of every row's value,
        in this table's order); ``None`` where it has no such file."""
        path = self.paths[position]
        if path is None:
            return None
        rows, fields = self.rows(position), list(values)
        columns = zip(*(values[field][rows] for field in fields))
        return Records(path, [(line, dict(zip(fields, v))) for line, v in enumerate(columns, 1)])


def folder_keys(folders: pa.Array | pa.ChunkedArray, ids: pa.Array | pa.ChunkedArray) -> pa.Array:
    """``<folder position>|<id>`` per row: ids that are unique only within their folder, made unique in the batch."""
    keys = pc.binary_join_element_wise(pc.cast(folders, pa.string()), ids, "|")
    return keys.combine_chunks() if isinstance(keys, pa.ChunkedArray) else keys


def row_keys(table: pa.Table, column: str) -> pa.Array:
    """:func:`folder_keys` of a layer table's ``column``: the value made unique in the batch."""
    return folder_keys(table[FOLDER], table[column])


def list_offsets(lengths: np.ndarray) -> pa.Array:
    """The offsets of lists of ``lengths`` items."""
    return pa.array(np.concatenate([[0], np.cumsum(lengths)]), pa.int32())


def relisted(lists: pa.ListArray, items: pa.Array) -> pa.ListArray:
    """``items`` (as many as ``lists`` has, in its order) grouped like ``lists``; null lists stay null."""
    offsets = list_offsets(pc.fill_null(pc.list_value_length(lists), 0).to_numpy())
    return pa.ListArray.from_arrays(offsets, items, mask=lists.is_null() if lists.null_count else None)


def sorted_within(lists: pa.ListArray, by: list[str] | None = None) -> pa.ListArray:
    """Each list's items sorted stably, like Python's ``sorted``: by the struct fields ``by``, or by value."""
    items = pc.list_flatten(lists)
    keys = {"list": pc.list_parent_indices(lists)}
    keys.update({name: pc.struct_field(items, name) for name in by} if by else {"value": items})
    order = pc.sort_indices(pa.table(keys), sort_keys=[(name, "ascending") for name in keys])
    return relisted(lists, items.take(order))


def shared_strings(column: pa.ChunkedArray) -> list[str]:
    """The column as Python strings, one object per distinct value."""
    encoded = pc.dictionary_encode(column.combine_chunks())
    names = encoded.dictionary.to_pylist()
    return [names[i] for i in encoded.indices.to_pylist()]


def read_bytes(paths: list[Path]) -> tuple[list[bytes] | None, list[Path | None]]:
    """Each file (``b""`` and ``None`` where there is none), each ending in a newline.

    ``(None, [])`` when one cannot be read whole (too big, unreadable)."""
    chunks, found = [], []
    for path in paths:
        if not path.is_file():
            chunks.append(b"")
            found.append(None)
            continue
        try:
            if path.stat().st_size > MAX_JSON_FILE_BYTES:
                return None, []
            data = path.read_bytes()
        except OSError:  # the record-by-record reader reports it
            return None, []
        chunks.append(data if not data or data.endswith(b"\n") else data + b"\n")
        found.append(path)
    return chunks, found


def lines_within_limit(chunks: list[bytes]) -> bool:
    """No line is longer than the line limit (a file no longer than the limit has no longer line)."""
    return all(len(chunk) <= MAX_LINE_BYTES or max(map(len, chunk.split(b"\n"))) < MAX_LINE_BYTES
               for chunk in chunks)


def screened(buffer: bytes, rows: int) -> bool:
    """Every line is one object: it starts with ``{`` and ends with ``}`` (``buffer``: ``rows`` lines, each
    ending in a newline), so a line is never part of an object that another line continues (a nested
    object may close a line, but a line starting with ``{`` cannot continue its record); no ``\\u``
    escape (so no lone surrogate); no key written with white space before its colon (its occurrences would
    not be counted by :func:`~claimcorpus.schema.arrow_checks.key_token`, and an explicit null of an
    optional key would pass). The reader then gives one row per line exactly when it gives ``rows``."""
    if b"\\u" in buffer or SPACED_KEY.search(buffer):
        return False
    return not rows or (buffer[:1] == b"{" and buffer[-2:] == b"}\n" and buffer.count(b"}\n{") == rows - 1)


def parse(buffer: bytes, rows: int, record: Record) -> pa.Table | None:
    """The records of ``buffer`` (``rows`` lines), or ``None`` if they are not exactly valid records."""
    options = pj.ParseOptions(explicit_schema=read_schema(record), unexpected_field_behavior="error")
    if not rows:
        return options.explicit_schema.empty_table()
    try:
        table = pj.read_json(io.BytesIO(buffer), read_options=THREADS, parse_options=options)
        table.validate(full=True)  # UTF-8 of every string
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if table.num_rows != rows or not record_ok(table, record) or not strings_within_limit(table):
        return None
    if any(buffer.count(key_token(key)) != n for key, n in presence_counts(table, record).items()):
        return None
    return table


def strings(array: pa.Array) -> list[pa.Array]:
    """The string arrays in ``array``: itself, its list items, its struct fields."""
    if pa.types.is_list(array.type):
        return strings(pc.list_flatten(array))
    if pa.types.is_struct(array.type):
        return [s for i in range(array.type.num_fields) for s in strings(array.field(i))]
    return [array] if pa.types.is_string(array.type) else []


def strings_within_limit(table: pa.Table) -> bool:
    """No string (list items and struct fields included) is longer than :data:`MAX_FIELD_CHARS`."""
    columns = [s for column in table.columns for s in strings(column.combine_chunks())]
    return all((pc.max(pc.utf8_length(c)).as_py() or 0) <= MAX_FIELD_CHARS for c in columns)


def read_layer(paths: list[Path], record: Record) -> LayerColumns | None:
    """The checked records of the files ``paths`` (one per folder, absent ones allowed), or ``None``."""
    chunks, found = read_bytes(paths)
    if chunks is None:
        return None
    counts = [chunk.count(b"\n") for chunk in chunks]
    if not lines_within_limit(chunks):
        return None
    buffer = b"".join(chunks)
    del chunks
    table = parse(buffer, sum(counts), record) if screened(buffer, sum(counts)) else None
    del buffer
    pa.default_memory_pool().release_unused()  # what parsing and checking took and gave back
    if table is None:
        return None
    folder = np.repeat(np.arange(len(paths), dtype=np.int32), counts)
    return LayerColumns(table.append_column(FOLDER, pa.array(folder)), found, counts)
