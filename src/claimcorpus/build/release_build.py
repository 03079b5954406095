"""``claimcorpus build``: the release, its card, figures and Croissant file, published all or nothing.

Under the project's build lock: finish or remove what a crashed build left,
write the tables (:func:`claimcorpus.build.chain.write_tables`) into a staging
folder, read them back, add the card, figures and Croissant file, the manifest
and checksums, stage the refreshed ``dataset_card.md`` and README, then publish
all of them together (:mod:`claimcorpus.release.publish`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from ..paths import ANNOTATIONS, DATASET
from ..publish.card import CARD, README, card_texts
from ..publish.release_extras import write_extras
from ..release.lock import build_lock
from ..release.publish import discard, open_stage, publish, recover
from ..release.release import read_manifest, read_tables, verify_files, write_manifest
from ..release.shards import ROW_GROUP_ROWS, SHARD_ROWS
from ..schema.layer_defs import load_definitions
from .chain import TablesWritten, write_tables
from .plan import BATCH_ROWS
from .step_clock import StepClock


@dataclass
class ReleaseBuilt:
    """The published release's tables (as read back from its files) and what the build did."""

    tables: dict[str, pa.Table]
    written: TablesWritten
    recovered: list[str]


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def build_release(root: Path, workers: int | None = None, batch_rows: int = BATCH_ROWS,
                  shard_rows: int = SHARD_ROWS, clock: StepClock | None = None,
                  row_group_rows: int = ROW_GROUP_ROWS, scheduler: str | None = None) -> ReleaseBuilt:
    """Build ``root/dataset`` from ``root/annotations`` and refresh the cards, all or nothing.

    A corpus of more than ``batch_rows`` sentences is built in batches joined by
    ``workers`` processes (default: one per core, at most 8), or on the Dask cluster at ``scheduler``."""
    clock = clock or StepClock()
    with build_lock(root):
        recovered = recover(root)
        stage = open_stage(root)
        try:
            dataset = stage.path(DATASET)
            written = write_tables(root / ANNOTATIONS, dataset, workers=workers or default_workers(),
                                   batch_rows=batch_rows, shard_rows=shard_rows, row_group_rows=row_group_rows,
                                   clock=clock, scheduler=scheduler)
            tables = read_tables(dataset)
            with clock("card, figures, Croissant"):
                stage_files(root, stage, tables)
            seal(dataset, written.files, root / ANNOTATIONS, clock)
        except Exception:
            discard(stage)
            raise
        with clock("publish"):
            publish(stage, [DATASET, CARD, README])
    return ReleaseBuilt(tables, written, recovered)


def seal(dataset: Path, files: dict[str, int], annotations_root: Path, clock: StepClock) -> None:
    """Write the manifest of every file in ``dataset`` and verify the checksums against it."""
    with clock("write + verify release"):
        write_manifest(dataset, files, tuple(load_definitions(annotations_root)))
        verify_files(dataset, read_manifest(dataset))


def stage_files(root: Path, stage, tables: dict[str, pa.Table]) -> None:
    """The release's card, figures and Croissant file, and the project's refreshed card and README."""
    texts = card_texts(root, tables)
    write_extras(root, stage.path(DATASET), tables, texts.pop(f"{DATASET}/{README}"))
    for name, text in texts.items():
        stage.path(name).write_text(text, encoding="utf-8")
