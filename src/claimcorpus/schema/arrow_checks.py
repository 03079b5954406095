"""An annotation record in Arrow: the explicit schema its lines are read with, its rules as vectorised checks.

Derived from the same :class:`~.fields.Record` as the JSON Schema, for records whose fields are strings,
labels, booleans, integers, ``{start, end, text}`` spans, closed objects of these and lists of any of them.
:func:`record_ok` is true only when every row meets every value rule of the JSON Schema (types and closed
records are the reader's: it is given :func:`read_schema` and refuses other fields, nested ones included).
Presence is not visible in Arrow (an absent key reads as null), so :func:`presence_counts` says how many
times each key that may read as null must occur in the input.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from .fields import BOOL, INT32, LABEL, LIST, SPAN, SPAN_PARTS, STRING, STRUCT, Field, Record

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
    if field.type == BOOL:
        return pa.bool_()
    if field.type == INT32:
        return pa.int32()  # the reader refuses a number that is not an int32 (1.0, 2**31)
    if field.type in (SPAN, STRUCT):
        return pa.struct([pa.field(part.name, arrow_type(part)) for part in parts(field)])
    if field.type == LIST:
        return pa.list_(arrow_type(field.item))
    raise ValueError(f"{field.name}: no vectorised check for a {field.type} field")


def parts(field: Field) -> tuple[Field, ...]:
    """The fields of a span or a closed object."""
    return SPAN_PARTS if field.type == SPAN else field.fields


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
    """Every non-null value meets ``field``'s rules (pattern, length, labels, bounds, unique items, the
    parts of a span); whether nulls are allowed is the caller's."""
    if field.type == LIST:
        if field.min_length is not None and some(pc.less(pc.list_value_length(values), field.min_length)):
            return False
        items = pc.list_flatten(values)
        if field.unique and not items_unique(values):
            return False
        return items.null_count == 0 and values_ok(items, field.item)
    if field.type in (SPAN, STRUCT):
        return all(column_ok(child, part) for child, part in zip(children(values), parts(field)))
    if field.type == INT32:
        return bounds_ok(values, field)
    tests = []
    if field.type == LABEL:
        tests.append(pc.is_in(values, value_set=pa.array(field.allowed, pa.string())))
    if field.pattern is not None:
        tests.append(pc.match_substring_regex(values, re2_pattern(field.pattern)))
    if field.min_length is not None:
        tests.append(pc.greater_equal(pc.utf8_length(values), field.min_length))
    return all(every(test) for test in tests)


def children(values: pa.StructArray) -> list[pa.Array]:
    """The fields of the non-null objects of ``values``, in field order."""
    objects = values.filter(values.is_valid()) if values.null_count else values
    return [pc.struct_field(objects, i) for i in range(objects.type.num_fields)]


def bounds_ok(values: pa.Array, field: Field) -> bool:
    """Every integer within ``minimum``, ``maximum`` and above ``above``."""
    tests = [(pc.greater_equal, field.minimum), (pc.less_equal, field.maximum), (pc.greater, field.above)]
    return all(every(compare(values, pa.scalar(bound, values.type))) for compare, bound in tests if bound is not None)


def items_unique(lists: pa.ListArray) -> bool:
    """No list holds the same item twice."""
    items = pa.table({"list": pc.list_parent_indices(lists), "item": pc.list_flatten(lists)})
    return items.group_by(["list", "item"], use_threads=False).aggregate([]).num_rows == items.num_rows


def column_ok(column: pa.Array, field: Field) -> bool:
    """Nulls only where ``field`` allows them, and every value meets its rules."""
    if column.null_count and not (field.nullable or field.optional):
        return False
    return values_ok(column, field)


def record_ok(table: pa.Table, record: Record) -> bool:
    """Every row of ``table`` (read with :func:`read_schema`) meets the value rules of ``record``."""
    return all(column_ok(table.column(field.name).combine_chunks(), field) for field in record.fields)


def key_token(name: str) -> bytes:
    """The key ``name`` in raw JSON text, written without space before its colon.

    The token occurs only as that key: a string value is never followed by a colon, and a quote inside a
    string is escaped (a key ending in ``\\"name`` is one the reader refuses as unknown). A key written
    ``"name" :`` would not be counted: the caller refuses such input before counting."""
    return f'"{name}":'.encode()


def presence_counts(table: pa.Table, record: Record) -> dict[str, int]:
    """``key`` -> how many times it must occur in the input, for each key that may read as null.

    A required nullable key occurs once per object that has it (row, list item, non-null span); an optional
    key once per non-null value (an explicit null is not allowed). A key of nested objects too counts at
    every level (the raw text does not tell levels apart), so a key may not be optional at one level and
    required and nullable at another (a missing key there could hide an explicit null here). Count the keys
    of the raw input with :func:`key_token` (the reader has refused repeated and unknown keys)."""
    counts: dict[str, int] = {}
    modes: dict[str, set[str]] = {}
    add_counts([table.column(f.name).combine_chunks() for f in record.fields], record.fields, table.num_rows,
               counts, modes)
    return {key: n for key, n in counts.items() if modes[key] != {"required"}}


def key_mode(field: Field) -> str:
    if field.optional and field.nullable:
        raise ValueError(f"{field.name}: an optional nullable key cannot be checked for presence")
    return "optional" if field.optional else "nullable" if field.nullable else "required"


def add_counts(columns: list[pa.Array], fields: tuple[Field, ...], objects: int, counts: dict, modes: dict) -> None:
    """Add the keys of ``fields`` (``columns``: their values in ``objects`` objects) and of nested objects."""
    for column, field in zip(columns, fields):
        modes.setdefault(field.name, set()).add(key_mode(field))
        if {"optional", "nullable"} <= modes[field.name]:
            raise ValueError(f"{field.name}: optional at one level, required and nullable at another")
        present = len(column) - column.null_count if field.optional else objects
        counts[field.name] = counts.get(field.name, 0) + present
        items = pc.list_flatten(column) if field.type == LIST else column
        item = field.item if field.type == LIST else field
        if item.type in (SPAN, STRUCT):
            nested = children(items)
            add_counts(nested, parts(item), len(nested[0]) if nested else 0, counts, modes)
