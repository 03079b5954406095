"""``manifest.json`` checked as data before any file it names is opened.

Its shape (an object with ``format``, ``split``, ``configs``, ``files`` and
``extra_layers``), each entry's fields and types, and every path: a relative
POSIX path without ``..`` that resolves (symbolic links followed) inside the
release folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CorpusError
from ..guard.safe_paths import check_relative_path, path_inside
from ..paths import SPLIT
from ..schema.features import CONFIGS

FORMAT = "claimcorpus-release/1"
SHA256 = re.compile(r"^[0-9a-f]{64}$")
KEYS = ("configs", "extra_layers", "files", "format", "split")


def is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_manifest(path: Path, manifest) -> dict:
    """``manifest`` (the parsed ``path``) if well-formed and all its paths stay inside ``path.parent``."""
    folder = path.parent
    if not isinstance(manifest, dict):
        raise CorpusError(path, "(file)", "(manifest)", "a JSON object", type(manifest).__name__)
    for key in KEYS:
        if key not in manifest:
            raise CorpusError(path, "(manifest)", key, "a field of every manifest", "missing")
    if manifest["format"] != FORMAT:
        raise CorpusError(path, "(manifest)", "format", repr(FORMAT), manifest["format"])
    if manifest["split"] != SPLIT:
        raise CorpusError(path, "(manifest)", "split", repr(SPLIT), manifest["split"])
    files = manifest["files"]
    if not isinstance(files, list) or not files:
        raise CorpusError(path, "(manifest)", "files", "a non-empty list of file entries", files)
    seen = set()
    for i, entry in enumerate(files):
        rel = check_entry(path, f"files[{i}]", entry)
        if rel in seen:
            raise CorpusError(path, f"files[{i}]", "path", "each path listed once", rel)
        seen.add(rel)
        path_inside(folder, rel, path, f"files[{i}]", "path")
    check_configs(path, manifest["configs"], seen)
    if not isinstance(manifest["extra_layers"], list):
        raise CorpusError(path, "(manifest)", "extra_layers", "a list of layer definitions", manifest["extra_layers"])
    return manifest


def check_entry(path: Path, record: str, entry) -> str:
    if not isinstance(entry, dict):
        raise CorpusError(path, record, "(entry)", "an object with path, sha256, bytes, rows", type(entry).__name__)
    for key in ("path", "sha256", "bytes", "rows"):
        if key not in entry:
            raise CorpusError(path, record, key, "a field of every file entry", "missing")
    rel = check_relative_path(entry["path"], path, record, "path")
    if not isinstance(entry["sha256"], str) or not SHA256.match(entry["sha256"]):
        raise CorpusError(path, record, "sha256", "64 lower-case hex digits", entry["sha256"])
    if not is_int(entry["bytes"]) or entry["bytes"] < 0:
        raise CorpusError(path, record, "bytes", "a size in bytes (integer >= 0)", entry["bytes"])
    if entry["rows"] is not None and (not is_int(entry["rows"]) or entry["rows"] < 0):
        raise CorpusError(path, record, "rows", "null or a row count (integer >= 0)", entry["rows"])
    if rel.endswith(".parquet") and entry["rows"] is None:
        raise CorpusError(path, record, "rows", "the row count of the Parquet file", None)
    return rel


def check_configs(path: Path, configs, listed: set[str]) -> None:
    """Every config of the release, each naming its file (or shards) among the listed files."""
    if not isinstance(configs, dict) or sorted(configs) != sorted(CONFIGS):
        found = sorted(configs) if isinstance(configs, dict) else configs
        raise CorpusError(path, "(manifest)", "configs", f"the configs {sorted(CONFIGS)}", found)
    for config, entry in configs.items():
        files = [entry] if isinstance(entry, str) else entry
        if not isinstance(files, list) or not files or not all(isinstance(f, str) for f in files):
            raise CorpusError(path, f"configs.{config}", "configs", "a file path or a list of shard paths", entry)
        for rel in files:
            if rel not in listed or not rel.startswith(f"{config}/"):
                raise CorpusError(path, f"configs.{config}", "configs",
                                  f"a file of {config}/ listed in files", rel)
