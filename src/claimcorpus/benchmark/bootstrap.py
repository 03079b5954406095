"""Bootstrap 95% confidence intervals: items resampled with replacement, percentile method.

The resamples depend only on the number of items, the seed and their count, so
every system scored on a task sees the same resamples (paired comparison).
Classification metrics are recomputed from per-resample confusion counts
(vectorised; equal to scikit-learn's on each resample, see the tests).
"""

from __future__ import annotations

import numpy as np

from .ranking import ranking_values
from .tasks import BINARY

RESAMPLES, SEED, LEVEL = 1000, 0, 0.95


def resample_indices(n: int, resamples: int = RESAMPLES, seed: int = SEED) -> np.ndarray:
    """``(resamples, n)`` item indices drawn with replacement (``numpy.random.default_rng(seed)``)."""
    return np.random.default_rng(seed).integers(0, n, size=(resamples, n))


def counts(idx: np.ndarray, n: int) -> np.ndarray:
    """How often each item occurs in each resample: ``(resamples, n)``."""
    return np.stack([np.bincount(row, minlength=n) for row in idx]).astype(float)


def interval(values: np.ndarray, level: float = LEVEL) -> list[float | None]:
    """Percentile interval of the finite values (``[None, None]`` if there are none)."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return [None, None]
    tail = (1 - level) / 2 * 100
    return [float(np.percentile(finite, tail)), float(np.percentile(finite, 100 - tail))]


def f1_from_counts(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    denom = 2 * tp + fp + fn
    return np.where(denom > 0, 2 * tp / np.where(denom > 0, denom, 1), 0.0)


def resampled_classification(kind: str, gold: np.ndarray, pred: np.ndarray, w: np.ndarray) -> dict:
    """Headline classification metrics on every resample; ``gold``/``pred`` are label indices."""
    n = gold.size
    out = {"accuracy": w @ (gold == pred) / n}
    if kind == BINARY:
        g, p = gold.astype(bool), pred.astype(bool)
        out["f1"] = f1_from_counts(w @ (g & p), w @ (~g & p), w @ (g & ~p))
        return out
    labels = np.union1d(gold, pred)
    g = (gold[:, None] == labels[None, :]).astype(float)
    p = (pred[:, None] == labels[None, :]).astype(float)
    tp, fp, fn = w @ (g * p), w @ ((1 - g) * p), w @ (g * (1 - p))
    present = (tp + fp + fn) > 0
    out["macro_f1"] = (f1_from_counts(tp, fp, fn) * present).sum(1) / present.sum(1)
    return out


def resampled_ranking(idx: np.ndarray, relevant: np.ndarray, scores: np.ndarray, tie: np.ndarray,
                      group: np.ndarray) -> dict:
    """MAP and P@k on every resample (duplicated items stay adjacent in the ranking)."""
    rows = [ranking_values(relevant[i], scores[i], tie[i], group[i]) for i in idx]
    return {key: np.array([r[key] for r in rows]) for key in rows[0]}
