"""The whole release behind ``claimcorpus build``: data, card, figures, Croissant.

Small corpora are built in memory (:func:`claimcorpus.build.pipeline.build`); above
:data:`STREAM_ABOVE` sentences the streaming build runs instead
(:func:`claimcorpus.build.stream_build.build_streaming`, batches joined in worker
processes), and the card, figures and Croissant are computed from the tables
read back from the written shards. Both write the same files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa

from ..corpus.annotations import document_folders
from ..paths import ANNOTATIONS, DATASET
from .batch_join import sentence_lines
from .pipeline import build
from ..release.release import read_tables
from ..publish.release_extras import write_extras
from .stream_build import build_streaming

#: Sentences above which ``claimcorpus build`` streams: from there on it is faster and smaller
#: than the in-memory build (measured at 20k and 100k sentences; README, Scale benchmark).
STREAM_ABOVE = 20_000


def corpus_sentences(annotations_root: Path) -> int:
    """Sentences of the corpus, counted from the lines of each sentence file."""
    return sum(sentence_lines(folder) for folder in document_folders(annotations_root))


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def build_release(root: Path, streaming: bool | None = None, workers: int | None = None) -> dict[str, pa.Table]:
    """Build ``root/dataset`` from ``root/annotations`` (atomically); return the release tables.

    ``streaming=None`` streams above :data:`STREAM_ABOVE` sentences. Either way
    the card, figures and Croissant are computed from the tables as read back
    from the written Parquet files, so both builds write the same bytes
    (in-memory Arrow buffers, hence ``num_bytes``, can differ)."""
    annotations, dataset = root / ANNOTATIONS, root / DATASET
    if streaming is None:
        streaming = corpus_sentences(annotations) > STREAM_ABOVE
    tables: dict[str, pa.Table] = {}

    def extras(tmp: Path) -> None:
        tables.update(read_tables(tmp))
        write_extras(root, tmp, tables)

    if streaming:
        build_streaming(annotations, dataset, workers=workers or default_workers(), extra_files=extras)
    else:
        build(annotations, dataset, lambda tmp, _built: extras(tmp))
    return tables
