"""Input floors of the scale benchmark: the annotation files read into Arrow and written as Parquet, nothing else.

The build reads every JSON Lines file of the corpus, checks and joins the
records and writes Parquet. Its floor is what a columnar reader takes to read
the same files and write them as Parquet with no checks: :func:`pyarrow_json`
reads them file by file with ``pyarrow.json``, :func:`duckdb_json` with one
DuckDB ``read_json_auto`` per file name over the document folders' glob and
``COPY ... TO`` Parquet, :func:`polars_json` with one polars ``scan_ndjson``
per file name over the same files and ``sink_parquet``. Each writes one Parquet
file per annotation file name (``sentences.jsonl``, ``gold/claims.jsonl``, ...)
with the release's compression (zstd, level 9) and returns the records it read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.json as pj
import pyarrow.parquet as pq

from ..corpus.annotations import document_folders
from ..release.release import PARQUET_OPTIONS


def annotation_files(root: Path) -> dict[str, list[Path]]:
    """Every non-empty ``*.jsonl`` file of the corpus's documents, by its path inside a document folder."""
    groups: dict[str, list[Path]] = {}
    for folder in document_folders(root):
        for path in sorted(folder.rglob("*.jsonl")):
            if path.stat().st_size:
                groups.setdefault(path.relative_to(folder).as_posix(), []).append(path)
    return dict(sorted(groups.items()))


def output_name(rel: str) -> str:
    return rel.removesuffix(".jsonl").replace("/", "__") + ".parquet"


def pyarrow_json(root: Path, out: Path) -> int:
    """``pyarrow.json.read_json`` of each file, one table per file name, written with ``pyarrow.parquet``."""
    out.mkdir(parents=True, exist_ok=True)
    records = 0
    for rel, files in annotation_files(root).items():
        table = pa.concat_tables([pj.read_json(path) for path in files], promote_options="permissive")
        pq.write_table(table, out / output_name(rel), **PARQUET_OPTIONS)
        records += table.num_rows
    return records


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def duckdb_json(root: Path, out: Path) -> int:
    """DuckDB ``read_json_auto`` over ``<root>/documents/*/<file name>``, ``COPY ... TO`` Parquet per file name."""
    import duckdb

    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    records = 0
    try:
        for rel, files in annotation_files(root).items():
            glob = str(root_glob(files[0], rel))
            target = out / output_name(rel)
            con.execute(f"COPY (SELECT * FROM read_json_auto({sql_string(glob)}, union_by_name = true)) "
                        f"TO {sql_string(str(target))} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 9)")
            records += pq.ParquetFile(target).metadata.num_rows
    finally:
        con.close()
    return records


def root_glob(path: Path, rel: str) -> Path:
    """``<documents>/*/<rel>`` for a file ``<documents>/<doc>/<rel>``."""
    folder = path
    for _ in rel.split("/"):
        folder = folder.parent
    return folder.parent / "*" / rel


def polars_json(root: Path, out: Path) -> int:
    """polars ``scan_ndjson`` of each file name's files (schema inferred from all rows), ``sink_parquet``."""
    import polars as pl

    out.mkdir(parents=True, exist_ok=True)
    records = 0
    for rel, files in annotation_files(root).items():
        target = out / output_name(rel)
        pl.scan_ndjson(files, infer_schema_length=None).sink_parquet(target, compression="zstd",
                                                                      compression_level=9)
        records += pq.ParquetFile(target).metadata.num_rows
    return records


@dataclass(frozen=True)
class InputFloor:
    """One input floor: its reader (corpus root, output folder -> records read) and how the table names it."""

    read: Callable[[Path, Path], int]
    label: str
    short: str

    @property
    def step(self) -> str:
        return f"input floor: {self.short}"


FLOORS = {
    "pyarrow.json": InputFloor(pyarrow_json, "pyarrow.json read (file by file) + Parquet write", "pyarrow.json"),
    "duckdb": InputFloor(duckdb_json, "DuckDB read_json_auto (globs) + COPY to Parquet", "DuckDB"),
    "polars": InputFloor(polars_json, "polars scan_ndjson (per file name) + sink_parquet", "polars"),
}
#: The step that times each input floor, by reader.
INPUT_FLOORS = {name: floor.step for name, floor in FLOORS.items()}
