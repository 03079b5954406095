"""Parquet shards of a release config: deterministic names, contiguous row slices.

A config of at most ``SHARD_ROWS`` rows is one file,
``<config>/test-00000-of-00001.parquet``; a larger one is cut (rows already in
id order) into ``n`` contiguous slices ``<config>/test-{i:05d}-of-{n:05d}.parquet``
of ``SHARD_ROWS`` rows each (the last one shorter). The Hub card's
``<config>/test-*.parquet`` pattern matches both, so ``load_dataset`` streams
the shards in name order and DuckDB or Spark read them in parallel. Inside a
file, rows are stored in row groups of ``ROW_GROUP_ROWS`` rows (the last one
shorter).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ..paths import SHARD_GLOB, shard_name

#: Rows per Parquet file: above it a config is sharded.
SHARD_ROWS = 250_000
#: Rows per Parquet row group: each is written as soon as it fills, so a shard writer holds at most this many
#: rows (plus one batch). Row groups are cut by count alone; a file of fewer rows is one row group.
ROW_GROUP_ROWS = 16_384


def shard_count(rows: int, shard_rows: int = SHARD_ROWS) -> int:
    return max(1, -(-rows // shard_rows))


def shard_slices(config: str, table: pa.Table, shard_rows: int = SHARD_ROWS) -> list[tuple[str, pa.Table]]:
    """``(relative path, rows)`` of each shard of ``table``, in order (zero-copy slices)."""
    count = shard_count(table.num_rows, shard_rows)
    return [(shard_name(config, i, count), table.slice(i * shard_rows, shard_rows)) for i in range(count)]


def shard_files(folder: Path, config: str) -> list[Path]:
    """The Parquet files of ``config`` in ``folder``, sorted by name (= row order)."""
    return sorted((folder / config).glob(SHARD_GLOB))


def read_config(folder: Path, config: str) -> pa.Table:
    """All shards of ``config`` as one table, in row order."""
    from .parquet_io import read_parquet

    files = shard_files(folder, config)
    if len(files) == 1:
        return read_parquet(files[0])
    return pa.concat_tables([read_parquet(f) for f in files])
