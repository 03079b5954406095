"""A flat annotation record in Arrow: the explicit schema its lines are read with, its rules as vectorised checks.

Derived from the same :class:`~.fields.Record` as the JSON Schema, for records whose fields are strings,
labels and lists of them. :func:`record_ok` is true only when every row meets every value rule of the
JSON Schema (types and closed records are the reader's: it is given :func:`read_schema` and refuses other
fields). Presence is not visible in Arrow (an absent key reads as null), so :func:`presence_counts` says
how many times each key that may read as null must occur in the input.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from .fields import LABEL, LIST, STRING, Field, Record

#: ``\\s`` as the JSON Schema validator reads it (ECMA-262: tab to carriage return, the space separators,
#: the line and paragraph separators and U+FEFF), written for RE2.
WHITE_SPACE = r"\t-\r\pZ\x{FEFF}"


def every(mask) -> bool:
    """All true (nulls skipped, so an empty or all-null mask holds)."""
    return pc.all(mask, min_count=0).as_py() is not False


def some(mask) -> bool:
    """Any true (nulls skipped)."""
    return pc.any(mask, min_count=0).as_py() is True


def arrow_type(field: Field) -> pa.DataType:
    """The Arrow type a value of ``field`` is read as (labels as strings)."""
    if field.type in (STRING, LABEL):
        return pa.string()
    if field.type == LIST and field.item.type in (STRING, LABEL) and not field.unique:
        return pa.list_(pa.string())
    raise ValueError(f"{field.name}: no vectorised check for a {field.type} field")


def read_schema(record: Record) -> pa.Schema:
    """The explicit schema the lines of ``record``'s file are read with."""
    return pa.schema([pa.field(f.name, arrow_type(f)) for f in record.fields])


def re2_pattern(pattern: str) -> str:
    """``pattern`` (ASCII classes, see :mod:`.ids`) for ``pyarrow.compute``'s RE2, with ECMA-262's ``\\s``."""
    out = pattern.replace(r"[^\s]", f"[^{WHITE_SPACE}]")
    if "\\" in out.replace(WHITE_SPACE, ""):
        raise ValueError(f"pattern {pattern!r}: only the classes of claimcorpus.schema.ids are translated")
    return out


def values_ok(values: pa.Array, field: Field) -> bool:
    """Every non-null value meets ``field``'s pattern, length and label rules (nulls are the caller's)."""
    if field.type == LIST:
        if field.min_length is not None and some(pc.less(pc.list_value_length(values), field.min_length)):
            return False
        items = pc.list_flatten(values)
        return items.null_count == 0 and values_ok(items, field.item)
    tests = []
    if field.type == LABEL:
        tests.append(pc.is_in(values, value_set=pa.array(field.allowed, pa.string())))
    if field.pattern is not None:
        tests.append(pc.match_substring_regex(values, re2_pattern(field.pattern)))
    if field.min_length is not None:
        tests.append(pc.greater_equal(pc.utf8_length(values), field.min_length))
    return all(every(test) for test in tests)


def record_ok(table: pa.Table, record: Record) -> bool:
    """Every row of ``table`` (read with :func:`read_schema`) meets the value rules of ``record``."""
    for field in record.fields:
        column = table.column(field.name).combine_chunks()
        if column.null_count and not (field.nullable or field.optional):
            return False
        if not values_ok(column, field):
            return False
    return True


def key_token(name: str) -> bytes:
    """The key ``name`` in raw JSON text, written without space before its colon.

    The token occurs only as that key: a string value is never followed by a colon, and a quote inside a
    string is escaped (a key ending in ``\\"name`` is one the reader refuses as unknown). A key written
    ``"name" :`` is not counted (the check is then conservative)."""
    return f'"{name}":'.encode()


def presence_counts(table: pa.Table, record: Record) -> dict[str, int]:
    """``key`` -> how many times it must occur in the input, for each key that may read as null.

    A required nullable key occurs once per row; an optional key once per non-null value (an explicit
    null is not allowed). Count the keys of the raw input with :func:`key_token` (the reader has
    refused repeated and unknown keys)."""
    out = {}
    for field in record.fields:
        if field.optional and field.nullable:
            raise ValueError(f"{field.name}: an optional nullable key cannot be checked for presence")
        if field.nullable:
            out[field.name] = table.num_rows
        elif field.optional:
            out[field.name] = table.num_rows - table.column(field.name).null_count
    return out
