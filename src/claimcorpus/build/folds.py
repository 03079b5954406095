"""Deterministic grouped folds: by document when there are several, else by paragraph.

Groups are cut into five contiguous blocks in document order, so a test
sentence's paragraph (and, except at block edges, its neighbouring paragraphs)
is never in the training folds.
"""

from __future__ import annotations

N_FOLDS = 5


def block_fold(rank: int, n_groups: int) -> int:
    return rank * N_FOLDS // n_groups if n_groups else 0


def assign_folds(keys: list[tuple[str, int]]) -> list[int]:
    """Fold of each ``(doc_id, paragraph)`` key."""
    docs = sorted({doc for doc, _ in keys})
    if len(docs) > 1:
        rank = {doc: i for i, doc in enumerate(docs)}
        return [block_fold(rank[doc], len(docs)) for doc, _ in keys]
    paragraphs = sorted({para for _, para in keys})
    rank = {para: i for i, para in enumerate(paragraphs)}
    return [block_fold(rank[para], len(paragraphs)) for _, para in keys]


def ranked_folds(keys: list[tuple[str, int]], rank: dict[str, int], n_docs: int) -> list[int]:
    """:func:`assign_folds` of the whole corpus for the keys of some of its documents.

    ``rank`` is each document's position among the ``n_docs`` sorted doc ids of the corpus."""
    if n_docs > 1:
        return [block_fold(rank[doc], n_docs) for doc, _ in keys]
    return assign_folds(keys)
