"""Planning a build: the corpus's documents cut into batches of about ``batch_rows`` sentences.

Batches are consecutive document folders. Several batches concatenate to the
release's global id order only when every id of a document sorts after every id
of the previous one (:func:`streamable`); otherwise the whole corpus is one batch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..corpus.annotations import SENTENCES_NAME, document_folders
from ..corpus.document import META_NAME
from ..schema.table_schema import TableSchema

#: Sentences per batch (a worker holds the batch's Arrow tables, and Python rows for part of it). At 100k and 1M
#: sentences on 2 workers, 5,000 built as fast as 10,000 with less memory (README, Scale benchmark).
BATCH_ROWS = 5_000


@dataclass(frozen=True)
class Batch:
    """Document folders built together; ``doc_rank`` places them in the corpus (``None``: the batch is all of it).

    ``schemas``: each config's :class:`~claimcorpus.schema.table_schema.TableSchema`, made in the main
    process, so the worker that joins the batch does not import ``datasets``."""

    folders: tuple[Path, ...]
    sentences: int
    schemas: dict[str, TableSchema]
    doc_rank: dict[str, int] | None = None
    n_docs: int = 0


def sentence_lines(folder: Path) -> int:
    """Non-blank lines of the folder's sentence file (0 if absent: loading reports it)."""
    path = folder / SENTENCES_NAME
    if not path.is_file():
        return 0
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


def planned_doc_ids(folders: list[Path]) -> list | None:
    """The ``doc_id`` of each ``document.json`` (``None`` if one cannot be read: loading reports it)."""
    try:
        return [json.loads((f / META_NAME).read_text(encoding="utf-8"))["doc_id"] for f in folders]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def streamable(doc_ids: list | None) -> bool:
    """Every id ``<doc_id>-...`` of a document sorts after all ids of the previous document."""
    if not doc_ids or not all(isinstance(d, str) for d in doc_ids):
        return False
    prefixes = [f"{d}-" for d in doc_ids]
    return all(a < b and p < q and not q.startswith(p)
               for a, b, p, q in zip(doc_ids, doc_ids[1:], prefixes, prefixes[1:]))


def cut(folders: list[Path], counts: list[int], batch_rows: int) -> list[tuple[tuple[Path, ...], int]]:
    """Consecutive folders, cut after at least ``batch_rows`` sentences (the last batch: fewer)."""
    batches, current, rows = [], [], 0
    for folder, count in zip(folders, counts):
        current.append(folder)
        rows += count
        if rows >= batch_rows:
            batches.append((tuple(current), rows))
            current, rows = [], 0
    if current or not batches:
        batches.append((tuple(current), rows))
    return batches


def plan_batches(annotations_root: Path, schemas: dict[str, TableSchema], batch_rows: int = BATCH_ROWS) -> list[Batch]:
    """The batches of a build of ``annotations_root``: one when the corpus is small or not streamable."""
    folders = document_folders(annotations_root)
    counts = [sentence_lines(folder) for folder in folders]
    doc_ids = planned_doc_ids(folders) if sum(counts) > batch_rows else None
    if not streamable(doc_ids):
        return [Batch(tuple(folders), sum(counts), schemas)]
    ranks = {doc_id: i for i, doc_id in enumerate(doc_ids)}
    rank_of = dict(zip(folders, doc_ids))
    return [Batch(group, rows, schemas, {rank_of[f]: ranks[rank_of[f]] for f in group}, len(doc_ids))
            for group, rows in cut(folders, counts, batch_rows)]
