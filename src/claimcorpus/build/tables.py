"""Rows to Arrow tables with the explicit schema of each config, sorted by id."""

from __future__ import annotations

import pyarrow as pa

from ..schema.configs import ID_COLUMNS
from ..schema.table_schema import TableSchema
from .encode import encode_rows


def to_table(config: str, rows: list[dict], schema: TableSchema) -> pa.Table:
    """Encode labels to ``ClassLabel`` ids (column-wise) and build the table in id order."""
    return encode_rows(sorted(rows, key=lambda r: r[ID_COLUMNS[config]]), schema)


def to_tables(rows: dict[str, list[dict]], schemas: dict[str, TableSchema]) -> dict[str, pa.Table]:
    return {config: to_table(config, rows[config], schema) for config, schema in schemas.items()}
