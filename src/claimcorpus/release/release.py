"""The release on disk: Parquet shards per config, the manifest, reading and verifying them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import CorpusError
from ..guard.safe_json import read_json_file
from ..paths import MANIFEST, SPLIT, config_files
from ..schema.features import CONFIGS
from .manifest_check import check_manifest
from .shards import read_config, shard_files, shard_name

PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 9, "use_dictionary": True,
                   "write_statistics": True, "data_page_size": 1 << 20}


def data_path(config: str) -> str:
    """The file of an unsharded config (every config of a release below ``SHARD_ROWS`` rows)."""
    return shard_name(config, 0, 1)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_parquet(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, **PARQUET_OPTIONS)


def manifest_entries(folder: Path, rows: dict[str, int]) -> list[dict]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)
    return [{"path": p.relative_to(folder).as_posix(), "sha256": file_sha256(p), "bytes": p.stat().st_size,
             "rows": rows.get(p.relative_to(folder).as_posix())} for p in files]


def config_entry(folder: Path, config: str) -> str | list[str]:
    """The config's file, or the list of its shards when it is sharded."""
    paths = [p.relative_to(folder).as_posix() for p in shard_files(folder, config)]
    return paths[0] if paths == [data_path(config)] else paths


def write_manifest(folder: Path, rows: dict[str, int], definitions=()) -> None:
    manifest = {"format": "claimcorpus-release/1", "split": SPLIT,
                "configs": {c: config_entry(folder, c) for c in CONFIGS}, "files": manifest_entries(folder, rows),
                "extra_layers": [d.to_json() for d in definitions]}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        raise CorpusError(path, "(file)", "manifest", "a manifest.json written by build", "no file")
    return check_manifest(path, read_json_file(path, "a manifest.json written by build"))


def verify_files(folder: Path, manifest: dict) -> None:
    """Each listed file exists with the recorded size and sha256; no file is unlisted."""
    listed = {entry["path"] for entry in manifest["files"]}
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {MANIFEST}
    for extra in sorted(present - listed):
        raise CorpusError(folder / extra, "(file)", "path", "a file listed in manifest.json", extra)
    for entry in manifest["files"]:
        path = folder / entry["path"]
        if not path.is_file():
            raise CorpusError(path, "(file)", "path", "the file listed in manifest.json", "missing")
        for field, found in (("bytes", path.stat().st_size), ("sha256", file_sha256(path))):
            if found != entry[field]:
                raise CorpusError(path, "(file)", field, f"{entry[field]} (manifest.json)", found)


def read_tables(folder: Path) -> dict[str, pa.Table]:
    """Every config's table (all its shards, in order)."""
    for config in CONFIGS:
        if not shard_files(folder, config):
            raise CorpusError(folder / data_path(config), "(file)", "path", "a Parquet file of the config",
                              "missing")
    return {config: read_config(folder, config) for config in CONFIGS}


def read_release(folder: Path = Path("dataset")) -> dict[str, pa.Table]:
    """The tables of the release in ``folder`` by config (no checks: see :func:`verify_release`)."""
    return read_tables(Path(folder))


def config_location(folder: Path, config: str) -> str:
    """The config's file in error messages: its one file, or the pattern of its shards."""
    entry = config_entry(folder, config)
    return str(folder / (entry if isinstance(entry, str) else config_files(config)))


