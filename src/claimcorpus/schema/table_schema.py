"""A release config as the build encodes it, without ``datasets``: its columns and its Arrow schema.

:func:`claimcorpus.schema.features.table_schemas` makes them from the features once, in the main
process; a :class:`~claimcorpus.build.plan.Batch` carries them, so a worker process encodes its
tables without importing ``datasets`` (and pandas).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from .fields import LABEL, LIST, STRUCT, Field


@dataclass(frozen=True)
class TableSchema:
    """``columns``: the config's release fields in order; ``arrow``: the schema written to Parquet."""

    columns: tuple[Field, ...]
    arrow: pa.Schema

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def raw(self) -> pa.Schema:
        """The schema of the rows before encoding: every label a string."""
        return pa.schema([pa.field(c.name, raw_type(c)) for c in self.columns])


def raw_type(field: Field) -> pa.DataType:
    """The Arrow type of ``field`` with every label as a string."""
    if field.type == LABEL:
        return pa.string()
    if field.type == LIST:
        return pa.list_(raw_type(field.item))
    if field.type == STRUCT:
        return pa.struct([pa.field(f.name, raw_type(f)) for f in field.fields])
    return pa.type_for_alias(field.type)


def has_label(field: Field) -> bool:
    if field.type == LIST:
        return has_label(field.item)
    return field.type == LABEL or any(has_label(f) for f in field.fields)
