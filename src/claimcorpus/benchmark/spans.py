"""Span metrics (CoNLL-2010 Task 2, PARC 3.0): exact, overlap and character-level P/R/F1.

Per sentence, gold and predicted spans are sets of ``(start, end)``.
Exact: a span counts when the other side has the same offsets. Overlap: a
predicted span is correct when it shares a character with some gold span, a
gold span is found when some predicted span shares a character with it.
Character level: P/R/F1 over the sets of covered characters.
"""

from __future__ import annotations

import numpy as np

COUNT_FIELDS = ("n_pred", "n_gold", "exact_tp", "overlap_pred", "overlap_gold",
                "char_tp", "char_pred", "char_gold")


def overlapping(a: list, b: list) -> int:
    """Spans of ``a`` sharing a character with some span of ``b``."""
    return sum(any(s1 < e2 and s2 < e1 for s2, e2 in b) for s1, e1 in a)


def covered(spans: list) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def span_counts(gold: list, pred: list) -> list[int]:
    """The counts of :data:`COUNT_FIELDS` for one sentence."""
    g, p = covered(gold), covered(pred)
    return [len(pred), len(gold), len(set(gold) & set(pred)), overlapping(pred, gold),
            overlapping(gold, pred), len(g & p), len(p), len(g)]


def prf(tp: np.ndarray, n_pred: np.ndarray, n_gold: np.ndarray, tp_gold: np.ndarray | None = None) -> tuple:
    """Vectorised P/R/F1 (0 where undefined); ``tp_gold`` is the recall numerator if it differs."""
    tp_gold = tp if tp_gold is None else tp_gold
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n_pred > 0, tp / np.maximum(n_pred, 1), 0.0)
        r = np.where(n_gold > 0, tp_gold / np.maximum(n_gold, 1), 0.0)
        f = np.where(p + r > 0, 2 * p * r / np.where(p + r > 0, p + r, 1), 0.0)
    return p, r, f


def span_metrics(sums: np.ndarray) -> dict[str, np.ndarray]:
    """Metrics from summed counts (last axis in :data:`COUNT_FIELDS` order; any leading shape)."""
    c = {name: sums[..., i].astype(float) for i, name in enumerate(COUNT_FIELDS)}
    out = {}
    for prefix, args in (("exact", (c["exact_tp"], c["n_pred"], c["n_gold"])),
                         ("overlap", (c["overlap_pred"], c["n_pred"], c["n_gold"], c["overlap_gold"])),
                         ("char", (c["char_tp"], c["char_pred"], c["char_gold"]))):
        p, r, f = prf(*args)
        out.update({f"{prefix}_precision": p, f"{prefix}_recall": r, f"{prefix}_f1": f})
    return out
