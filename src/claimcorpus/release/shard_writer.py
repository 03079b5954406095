"""Incremental shard writing: a config's rows arrive batch by batch, in id order.

:class:`ShardWriter` cuts them into shards of ``shard_rows`` rows and each shard
into row groups of ``row_group_rows`` rows, written to the open shard file as
soon as they fill. Row groups are cut by row count alone, each written as one
single-chunk table, so the bytes do not depend on the batches; the writer holds
at most two row groups of rows plus one batch, whatever the corpus size. A closed
shard is read back one row group at a time and compared with what was written:
a shard of one row group with the kept group itself (``Table.equals``), a shard of
several through a digest of each group (:mod:`claimcorpus.release.row_digest`),
so that only its first group is ever kept. Shards get their final
``-of-{n:05d}`` names in :meth:`ShardWriter.close`, when ``n`` is known.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import CorpusError
from ..paths import config_files
from .release import PARQUET_OPTIONS
from .row_digest import table_digest
from .shards import ROW_GROUP_ROWS, SHARD_ROWS, shard_name


class ShardWriter:
    """Appends id-ordered tables of one config; holds at most two row groups of rows (plus one batch)."""

    def __init__(self, config: str, folder: Path, empty: pa.Table, shard_rows: int = SHARD_ROWS,
                 row_group_rows: int = ROW_GROUP_ROWS) -> None:
        if shard_rows < 1 or row_group_rows < 1:
            raise ValueError(f"shard_rows and row_group_rows must be positive, not {shard_rows}, {row_group_rows}")
        self.config, self.folder, self.empty = config, folder, empty
        self.shard_rows, self.row_group_rows = shard_rows, row_group_rows
        self.pending: list[pa.Table] = []
        self.pending_rows = 0
        self.file: pq.ParquetWriter | None = None
        self.file_schema: pa.Schema | None = None
        self.file_groups: list[tuple[int, str | None]] = []  # (rows, digest) of each row group of the open shard
        self.first_group: pa.Table | None = None  # the open shard's only row group, while it has one
        self.written: list[tuple[Path, int]] = []

    @classmethod
    def write_table(cls, config: str, folder: Path, table: pa.Table, shard_rows: int = SHARD_ROWS,
                    row_group_rows: int = ROW_GROUP_ROWS) -> dict[str, int]:
        """Write a whole table as the config's shards; return the rows of each file."""
        writer = cls(config, folder, table.slice(0, 0), shard_rows, row_group_rows)
        writer.append(table)
        return writer.close()

    @property
    def file_rows(self) -> int:
        return sum(rows for rows, _ in self.file_groups)

    def next_group_rows(self) -> int:
        """Rows of the next row group: a full one, or what is left of the open shard."""
        return min(self.row_group_rows, self.shard_rows - self.file_rows)

    def append(self, table: pa.Table) -> None:
        """Buffer ``table``; write every row group that is full."""
        self.pending.append(table)
        self.pending_rows += table.num_rows
        while self.pending_rows >= self.next_group_rows():
            self.write_group(self.next_group_rows())

    def write_group(self, rows: int) -> None:
        """Write the first ``rows`` pending rows as the open shard's next row group (opening it if needed)."""
        buffered = pa.concat_tables(self.pending) if self.pending else self.empty
        part, rest = buffered.slice(0, rows).combine_chunks(), buffered.slice(rows)
        self.pending, self.pending_rows = ([rest] if rest.num_rows else []), rest.num_rows
        if self.file is None:
            path = self.part_path(len(self.written))
            path.parent.mkdir(parents=True, exist_ok=True)
            self.file, self.file_schema = pq.ParquetWriter(path, part.schema, **PARQUET_OPTIONS), part.schema
        self.file.write_table(part, row_group_size=max(rows, 1))
        if not self.file_groups:
            self.first_group = part  # compared as it is if the shard stays one row group
            self.file_groups.append((rows, None))
        else:
            if self.first_group is not None:
                self.file_groups[0] = (self.file_groups[0][0], table_digest(self.first_group))
                self.first_group = None
            self.file_groups.append((rows, table_digest(part)))
        if self.file_rows >= self.shard_rows:
            self.close_shard()

    def part_path(self, index: int) -> Path:
        return self.folder / self.config / f".part-{index:05d}.parquet"

    def close_shard(self) -> None:
        """Finish the open shard's file, check it reads back as written, record it."""
        self.file.close()
        path = self.part_path(len(self.written))
        self.check_read_back(path)
        self.written.append((path, self.file_rows))
        self.file, self.file_groups, self.first_group = None, [], None

    def check_read_back(self, path: Path) -> None:
        """Each row group reads back equal to the rows written (content, sizes, schema and its metadata)."""
        shard = pq.ParquetFile(path)
        groups = [shard.metadata.row_group(i).num_rows for i in range(shard.num_row_groups)]
        schema = shard.schema_arrow
        same = (schema.equals(self.file_schema) and schema.metadata == self.file_schema.metadata
                and groups == [rows for rows, _ in self.file_groups] and self.groups_read_back(shard))
        if not same:
            raise CorpusError(str(self.folder / config_files(self.config)), "(file)", "(content)",
                              "the table that was written", "different content on reading back")

    def groups_read_back(self, shard: pq.ParquetFile) -> bool:
        if self.first_group is not None:
            return shard.read_row_group(0).equals(self.first_group)
        return all(table_digest(shard.read_row_group(i)) == digest for i, (_, digest) in enumerate(self.file_groups))

    def close(self) -> dict[str, int]:
        """Write the last row group and shard (or the only, possibly empty, one), name every shard."""
        if self.pending_rows or (not self.written and self.file is None):
            self.write_group(self.pending_rows)
        if self.file is not None:
            self.close_shard()
        count, rows = len(self.written), {}
        for index, (path, n) in enumerate(self.written):
            rel = shard_name(self.config, index, count)
            path.rename(self.folder / rel)
            rows[rel] = n
        return rows
