"""Columnar ``ClassLabel`` encoding: label strings to ids with ``pyarrow.compute``.

Equivalent to ``Features.encode_example`` row by row for the rows the build
produces (plain Python values, labels as strings), but one vectorised
``index_in`` per label column, nested list and struct columns included. It
reads the field model and the Arrow schema of a
:class:`~claimcorpus.schema.table_schema.TableSchema`, so it runs without ``datasets``.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from ..schema.fields import LABEL, LIST, Field
from ..schema.table_schema import TableSchema, has_label


def label_ids(array: pa.Array, names: tuple[str, ...]) -> pa.Array:
    """Ids of label strings; an unknown label raises like ``ClassLabel.str2int``."""
    ids = pc.index_in(array, value_set=pa.array(names, pa.string()))
    if ids.null_count != array.null_count:
        bad = pc.filter(array, pc.and_(pc.is_null(ids), pc.is_valid(array)))[0].as_py()
        raise ValueError(f"Invalid string class label {bad}")
    return ids.cast(pa.int64())


def encode_array(array: pa.Array, field: Field) -> pa.Array:
    """``array`` (of :func:`~claimcorpus.schema.table_schema.raw_type`) with its labels encoded as ids."""
    if not has_label(field):
        return array
    if field.type == LABEL:
        return label_ids(array, field.inventory)
    mask = array.is_null() if array.null_count else None
    if field.type == LIST:
        return pa.ListArray.from_arrays(array.offsets, encode_array(array.values, field.item), mask=mask)
    children = [encode_array(array.field(i), f) for i, f in enumerate(field.fields)]
    return pa.StructArray.from_arrays(children, names=[f.name for f in field.fields], mask=mask)


def encode_rows(rows: list[dict], schema: TableSchema) -> pa.Table:
    """The table of ``rows`` with the Arrow schema (and metadata) of ``schema``."""
    return encode_table(pa.Table.from_pylist(rows, schema=schema.raw), schema)


def encode_table(raw: pa.Table, schema: TableSchema) -> pa.Table:
    """``raw`` (columns of ``schema.raw``, labels as strings) with the Arrow schema of ``schema``."""
    columns = [encode_array(raw.column(c.name).combine_chunks(), c) for c in schema.columns]
    arrow = schema.arrow
    return pa.Table.from_arrays([c.cast(arrow.field(i).type) for i, c in enumerate(columns)], schema=arrow)
