"""Which baselines differ significantly from the best, and how large a difference each task can detect.

For every metric of the card's baseline table, the best baselines are those with
the highest value; every other baseline is compared with the first of them by
:mod:`.paired` (same resamples, same p-value). The detectable difference of a
row is the median half-width of the paired 95% intervals over every pair of
baselines that differ on at least one resample.

Reproducibility on any CPU: the comparisons are computed from labels, and for
ranking metrics from the order of scores. A baseline whose figures are only
reproducible within a tolerance (:data:`.baselines.TOLERANCE`: float32
embeddings) has labels that do not change under that noise (tested), but its
scores move in their last bits; a ranking comparison of it is kept only when
every positive and negative item of a ranked list are at least :data:`SCORE_GAP`
apart, so that no order that matters can flip, and withheld otherwise.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from .bootstrap import interval, resample_indices
from .catalogue import card_metrics
from .checker import Predictions
from .gold import TaskData
from .paired import difference
from .resampled import resampled_metrics

#: Smallest gap between the scores of a positive and a negative item of one list for which a ranking
#: comparison of a tolerance baseline is published (its scores move by far less between CPUs, tested).
SCORE_GAP = 1e-4
RANKING = ("map", "p@", "r_precision", "rr")


def is_ranking(metric: str) -> bool:
    return metric.startswith(RANKING)


def min_score_gap(data: TaskData, preds: Predictions) -> float:
    """Smallest ``|score(positive) - score(negative)|`` within one document over the scored rows."""
    gap = np.inf
    for doc in {data.group[i] for i in data.labelled}:
        rows = [i for i in data.labelled if data.group[i] == doc]
        pos = np.array([preds.scores[i] for i in rows if data.gold[i]])
        neg = np.array([preds.scores[i] for i in rows if not data.gold[i]])
        if pos.size and neg.size:
            gap = min(gap, float(np.min(np.abs(pos[:, None] - neg[None, :]))))
    return gap


def comparable(data: TaskData, preds: Predictions, metric: str, inexact: bool) -> bool:
    """Whether the comparison of a baseline on ``metric`` reproduces exactly (module docstring)."""
    return not (inexact and is_ranking(metric) and min_score_gap(data, preds) < SCORE_GAP)


def half_width(a: np.ndarray, b: np.ndarray) -> float | None:
    diffs = b - a
    if not np.any(diffs[np.isfinite(diffs)] != 0):
        return None
    lo, hi = interval(diffs)
    return None if lo is None else (hi - lo) / 2


def metric_comparison(values: dict[str, float], boots: dict[str, np.ndarray], withheld: list[str]) -> dict:
    best_value = max(values.values())
    best = [n for n, v in values.items() if v == best_value]
    ref = best[0]
    vs_best = {n: difference(boots[ref], boots[n], values[n] - values[ref]) for n in values if n not in best}
    widths = [w for x, y in combinations(values, 2) if (w := half_width(boots[x], boots[y])) is not None]
    return {"best": best, "reference": ref, "vs_best": vs_best, "withheld": withheld,
            "detectable": float(np.median(widths)) if widths else None}


def task_comparisons(data: TaskData, preds: dict[str, Predictions], inexact: set[str],
                     resamples: int, seed: int) -> dict:
    """``{metric: comparison}`` for the card metrics of one task (``preds``: baseline -> predictions)."""
    idx = resample_indices(len(data.labelled), resamples, seed)
    identity = np.arange(len(data.labelled))[None, :]
    out = {}
    for metric in card_metrics(data.task):
        have = {n: p for n, p in preds.items() if not (is_ranking(metric) and p.scores is None)}
        keep = {n: p for n, p in have.items() if comparable(data, p, metric, n in inexact)}
        if not keep:
            continue
        values = {n: float(resampled_metrics(data, p, identity, [metric])[metric][0]) for n, p in keep.items()}
        boots = {n: resampled_metrics(data, p, idx, [metric])[metric] for n, p in keep.items()}
        out[metric] = metric_comparison(values, boots, sorted(set(have) - set(keep)))
    return out
