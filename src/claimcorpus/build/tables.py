"""Rows to Arrow tables with the explicit schema of each config, sorted by id."""

from __future__ import annotations

import pyarrow as pa

from ..schema.features import CONFIGS, ID_COLUMNS
from .encode import encode_rows


def to_table(config: str, rows: list[dict], features=None) -> pa.Table:
    """Encode labels to ``ClassLabel`` ids (column-wise) and build the table in id order."""
    features = features or CONFIGS[config]
    return encode_rows(sorted(rows, key=lambda r: r[ID_COLUMNS[config]]), features)


def to_tables(rows: dict[str, list[dict]], configs=CONFIGS) -> dict[str, pa.Table]:
    return {config: to_table(config, rows[config], features) for config, features in configs.items()}
