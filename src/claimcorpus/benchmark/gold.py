"""Gold rows of the scored configs, from a release folder (Parquet) or a fixture folder (JSONL).

A release folder has ``<config>/test-00000-of-00001.parquet``; a fixture folder
has ``<config>.jsonl`` with labels as strings (the release's decoded form).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from datasets import ClassLabel

from ..corpus.jsonl import read_jsonl
from ..errors import CorpusError
from ..release.release import data_path
from ..schema.features import CONFIGS, ID_COLUMNS, table_features
from .tasks import Task

SCORED_CONFIGS = ("sentences", "claims")


@dataclass
class Gold:
    """Decoded rows of each scored config, with the file each came from and its sha256."""

    rows: dict[str, list[dict]]
    files: dict[str, Path]
    sha256: dict[str, str]


@dataclass
class TaskData:
    """Everything a scorer or a baseline needs for one task, keyed by row id."""

    task: Task
    ids: list[str]
    gold: dict[str, object]
    text: dict[str, str]
    fold: dict[str, int]
    group: dict[str, str]
    config_of: dict[str, str]
    file: Path

    @property
    def labelled(self) -> list[str]:
        """Ids whose gold value is not null, in id order."""
        return [i for i in self.ids if self.gold[i] is not None]


def decode_row(features: dict, row: dict) -> dict:
    """``ClassLabel`` ids of top-level columns to their names (nested items stay as stored)."""
    out = dict(row)
    for name, feature in features.items():
        if isinstance(feature, ClassLabel) and out.get(name) is not None:
            out[name] = feature.int2str(out[name])
    return out


def config_file(folder: Path, config: str) -> Path:
    parquet, jsonl = folder / data_path(config), folder / f"{config}.jsonl"
    if parquet.is_file():
        return parquet
    if jsonl.is_file():
        return jsonl
    raise CorpusError(folder, "(folder)", config, f"{data_path(config)} or {config}.jsonl", "no file")


def read_rows(path: Path, config: str) -> list[dict]:
    """Rows with labels as strings; Parquet labels decoded with the features stored in the file."""
    if path.suffix == ".jsonl":
        return [rec for _, rec in read_jsonl(path)]
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    features = table_features(table.schema) if table.schema.metadata else CONFIGS[config]
    return [decode_row(features, row) for row in table.to_pylist()]


def load_gold(folder: Path) -> Gold:
    """Rows of the ``sentences`` and ``claims`` configs, sorted by id."""
    files = {c: config_file(Path(folder), c) for c in SCORED_CONFIGS}
    rows = {c: sorted(read_rows(f, c), key=lambda r: r[ID_COLUMNS[c]]) for c, f in files.items()}
    sha = {c: hashlib.sha256(f.read_bytes()).hexdigest() for c, f in files.items()}
    return Gold(rows, files, sha)


def task_data(gold: Gold, task: Task) -> TaskData:
    rows = gold.rows[task.config]
    key = task.id_column
    config_of = {r[ID_COLUMNS[c]]: c for c in SCORED_CONFIGS for r in gold.rows[c]}
    return TaskData(
        task=task, ids=[r[key] for r in rows], gold={r[key]: task.gold(r) for r in rows},
        text={r[key]: r["text"] for r in rows}, fold={r[key]: r["fold"] for r in rows},
        group={r[key]: r["doc_id"] for r in rows}, config_of=config_of, file=gold.files[task.config],
    )
