"""Incremental shard writing: a config's rows arrive batch by batch, in id order.

:class:`ShardWriter` cuts them into shards of ``shard_rows`` rows, each written with
:func:`claimcorpus.release.release.write_parquet` as one single-chunk table (one row
group, so the bytes do not depend on the batches), read back and compared at once. Shards get
their final ``-of-{n:05d}`` names in :meth:`ShardWriter.close`, when ``n`` is known.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import CorpusError
from ..paths import config_files
from .release import write_parquet
from .shards import SHARD_ROWS, shard_name


class ShardWriter:
    """Appends id-ordered tables of one config; holds at most one shard of rows (plus one batch)."""

    def __init__(self, config: str, folder: Path, empty: pa.Table, shard_rows: int = SHARD_ROWS) -> None:
        self.config, self.folder, self.empty, self.shard_rows = config, folder, empty, shard_rows
        self.pending: list[pa.Table] = []
        self.pending_rows = 0
        self.written: list[tuple[Path, int]] = []

    @classmethod
    def write_table(cls, config: str, folder: Path, table: pa.Table, shard_rows: int = SHARD_ROWS) -> dict[str, int]:
        """Write a whole table as the config's shards; return the rows of each file."""
        writer = cls(config, folder, table.slice(0, 0), shard_rows)
        writer.append(table)
        return writer.close()

    def append(self, table: pa.Table) -> None:
        self.pending.append(table)
        self.pending_rows += table.num_rows
        while self.pending_rows >= self.shard_rows:
            self.flush(self.shard_rows)

    def flush(self, rows: int) -> None:
        """Write the first ``rows`` pending rows as the next shard (under a temporary name)."""
        buffered = pa.concat_tables(self.pending) if self.pending else self.empty
        part, rest = buffered.slice(0, rows).combine_chunks(), buffered.slice(rows)
        self.pending, self.pending_rows = ([rest] if rest.num_rows else []), rest.num_rows
        path = self.folder / self.config / f".part-{len(self.written):05d}.parquet"
        write_parquet(part, path)
        self.check_read_back(path, part)
        self.written.append((path, rows))

    def check_read_back(self, path: Path, part: pa.Table) -> None:
        """The shard reads back equal to the rows written (content and schema metadata)."""
        table = pq.read_table(path)
        if not table.equals(part) or table.schema.metadata != part.schema.metadata:
            raise CorpusError(str(self.folder / config_files(self.config)), "(file)", "(content)",
                              "the table that was written", "different content on reading back")

    def close(self) -> dict[str, int]:
        """Write the last (or only, possibly empty) shard, name every shard; return rows per file."""
        if self.pending_rows or not self.written:
            self.flush(self.pending_rows)
        count, rows = len(self.written), {}
        for index, (path, n) in enumerate(self.written):
            rel = shard_name(self.config, index, count)
            path.rename(self.folder / rel)
            rows[rel] = n
        return rows
