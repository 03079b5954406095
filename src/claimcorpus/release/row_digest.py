"""A digest of a table's rows, the same for equal tables however their arrays are laid out.

A written row group is compared with what reads back from the file without
keeping its rows. :func:`table_digest` hashes what a row group holds, not how
Arrow laid it out: per column the length, the validity bits (when there are
nulls), the values (zero under nulls), string bytes and list offsets rebased to
zero, struct fields with the struct's nulls applied. Slices, chunks, empty or
absent buffers and list item names drop out. Types it does not walk are hashed
through their Python values. The schema is compared by the shard writer.

The hash is XXH3-128 (``xxhash``): it guards against a write or read that went
wrong, not against tampering (the manifest's sha256 values do that), and it
runs near memory speed, where sha256 doubled the cost of checking a shard.
String bytes are hashed in place, from the Arrow buffer.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.types as pt
import xxhash


def table_digest(table: pa.Table) -> str:
    """XXH3-128 of ``table``'s rows, independent of slicing, chunking and buffer layout."""
    digest = xxhash.xxh3_128(f"{table.num_rows} {table.num_columns}".encode())
    for column in table.columns:
        add_array(digest, column.chunk(0) if column.num_chunks == 1 else column.combine_chunks())
    return digest.hexdigest()


def string_bytes(arr: pa.Array) -> pa.Buffer | bytes:
    """The bytes of a string or binary array's values, in order (nulls hold none here), not copied."""
    if len(arr) == 0:
        return b""
    wide = pt.is_large_string(arr.type) or pt.is_large_binary(arr.type)
    offsets = np.frombuffer(arr.buffers()[1], np.int64 if wide else np.int32)[arr.offset:arr.offset + len(arr) + 1]
    data = arr.buffers()[2]
    start, end = int(offsets[0]), int(offsets[-1])
    return data.slice(start, end - start) if data is not None else b""


def add_array(digest, arr: pa.Array) -> None:
    """Feed one array's content (of any offset) into ``digest``."""
    kind = arr.type
    digest.update(f"|{kind.id} {len(arr)} {arr.null_count}|".encode())
    if arr.null_count:
        digest.update(np.asarray(arr.is_valid()).tobytes())
    if pt.is_boolean(kind) or pt.is_integer(kind) or pt.is_floating(kind):
        digest.update(np.asarray(arr.fill_null(False if pt.is_boolean(kind) else 0)).tobytes())
    elif pt.is_string(kind) or pt.is_large_string(kind) or pt.is_binary(kind) or pt.is_large_binary(kind):
        digest.update(np.asarray(pc.binary_length(arr).fill_null(0)).tobytes())
        digest.update(string_bytes(arr))
    elif pt.is_list(kind) or pt.is_large_list(kind):
        digest.update(np.asarray(pc.list_value_length(arr).fill_null(0)).tobytes())
        add_array(digest, arr.flatten())
    elif pt.is_struct(kind):
        for child in arr.flatten():
            add_array(digest, child)
    else:
        digest.update(repr(arr.to_pylist()).encode())
