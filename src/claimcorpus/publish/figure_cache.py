"""Reuse the previous release's figures when nothing they are drawn from has changed.

The key hashes the Parquet files the figures read, the source of the modules
that draw them and the matplotlib version (the PNG bytes depend on it); it is
stored in the release as ``figures/inputs.sha256``. Drawing is deterministic,
so a reused PNG is byte-identical to a redrawn one; reuse only saves time.
"""

from __future__ import annotations

import hashlib
import shutil
from importlib.metadata import version
from pathlib import Path

from ..paths import FIGURES_KEY as KEY_FILE
from ..release.shards import shard_files

DRAWING_MODULES = ("figures.py", "figure_data.py", "palette.py")
DATA_CONFIGS = ("sentences", "claims")


def figures_key(release_dir: Path) -> str:
    digest = hashlib.sha256(f"matplotlib {version('matplotlib')}\n".encode())
    package = Path(__file__).parent
    data = [path for c in DATA_CONFIGS for path in shard_files(release_dir, c)]
    for path in data + [package / m for m in DRAWING_MODULES]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def reuse_figures(previous: Path, out: Path, key: str, names: list[str]) -> bool:
    """Copy the previous figures into ``out`` if they were drawn under ``key``."""
    stored = previous / KEY_FILE
    pngs = [previous / f"{name}.png" for name in names]
    if not stored.is_file() or stored.read_bytes().strip() != key.encode() or not all(p.is_file() for p in pngs):
        return False
    out.mkdir(parents=True, exist_ok=True)
    for png in pngs:
        shutil.copyfile(png, out / png.name)
    return True


def write_key(out: Path, key: str) -> None:
    (out / KEY_FILE).write_text(key + "\n", encoding="utf-8")
