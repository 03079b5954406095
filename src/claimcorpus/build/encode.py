"""Columnar ``ClassLabel`` encoding: label strings to ids with ``pyarrow.compute``.

Equivalent to ``Features.encode_example`` row by row for the rows the build
produces (plain Python values, labels as strings), but one vectorised
``index_in`` per label column, nested list and struct columns included.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
from datasets import ClassLabel, Features, List


def has_label(feature) -> bool:
    if isinstance(feature, ClassLabel):
        return True
    if isinstance(feature, List):
        return has_label(feature.feature)
    return isinstance(feature, dict) and any(has_label(f) for f in feature.values())


def raw_type(feature) -> pa.DataType:
    """The Arrow type of ``feature`` with every ``ClassLabel`` as a string."""
    if isinstance(feature, ClassLabel):
        return pa.string()
    if isinstance(feature, List):
        return pa.list_(raw_type(feature.feature))
    if isinstance(feature, dict):
        return pa.struct([pa.field(k, raw_type(v)) for k, v in feature.items()])
    return feature.pa_type


def raw_schema(features: Features) -> pa.Schema:
    return pa.schema([pa.field(name, raw_type(f)) for name, f in features.items()])


def label_ids(array: pa.Array, feature: ClassLabel) -> pa.Array:
    """Ids of label strings; an unknown label raises like ``ClassLabel.str2int``."""
    ids = pc.index_in(array, value_set=pa.array(feature.names, pa.string()))
    if ids.null_count != array.null_count:
        bad = pc.filter(array, pc.and_(pc.is_null(ids), pc.is_valid(array)))[0].as_py()
        raise ValueError(f"Invalid string class label {bad}")
    return ids.cast(pa.int64())


def encode_array(array: pa.Array, feature) -> pa.Array:
    """``array`` (built with :func:`raw_type`) with its labels encoded as ids."""
    if not has_label(feature):
        return array
    if isinstance(feature, ClassLabel):
        return label_ids(array, feature)
    mask = array.is_null() if array.null_count else None
    if isinstance(feature, List):
        return pa.ListArray.from_arrays(array.offsets, encode_array(array.values, feature.feature), mask=mask)
    children = [encode_array(array.field(i), f) for i, f in enumerate(feature.values())]
    return pa.StructArray.from_arrays(children, names=list(feature), mask=mask)


def encode_rows(rows: list[dict], features: Features) -> pa.Table:
    """The table of ``rows`` with the Arrow schema (and metadata) of ``features``."""
    return encode_table(pa.Table.from_pylist(rows, schema=raw_schema(features)), features)


def encode_table(raw: pa.Table, features: Features) -> pa.Table:
    """``raw`` (columns of :func:`raw_schema`, labels as strings) with the Arrow schema of ``features``."""
    columns = [encode_array(raw.column(name).combine_chunks(), f) for name, f in features.items()]
    schema = features.arrow_schema
    return pa.Table.from_arrays([c.cast(schema.field(i).type) for i, c in enumerate(columns)], schema=schema)
