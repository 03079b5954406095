"""Ranking metrics of check-worthiness (CheckThat! 2018-21): MAP, R-precision, MRR and P@k.

Each document is one ranked list, sorted by score (descending), ties broken by
id (ascending). Per list, with R the number of positive items:

- AP: the mean of P@rank over the ranks of the R positives;
- R-precision: positives in the top R / R;
- RR: 1 / rank of the first positive;
- P@k: positives in the top k / k, also when the list has fewer than k items
  (the missing ranks count as not check-worthy, as in trec_eval's P_k).

AP, R-precision and RR are undefined for a list without positives; such a list
is left out of their means (CheckThat!'s scorers count it as 0). P@k is defined
on every list and averaged over all of them. See docs/benchmark.md.
"""

from __future__ import annotations

import numpy as np

K_VALUES = (1, 3, 5, 10, 20, 30)
RANKING_METRICS = ("map", "r_precision", "mrr") + tuple(f"p@{k}" for k in K_VALUES)


def average_precision(relevant: np.ndarray) -> float:
    """AP of a ranked 0/1 vector; NaN when it has no positive."""
    hits = np.flatnonzero(relevant)
    if hits.size == 0:
        return float("nan")
    return float(np.mean(np.arange(1, hits.size + 1) / (hits + 1)))


def r_precision(relevant: np.ndarray) -> float:
    """Positives in the top R / R (R = positives in the list); NaN when R is 0."""
    r = int(np.count_nonzero(relevant))
    return float(np.count_nonzero(relevant[:r]) / r) if r else float("nan")


def reciprocal_rank(relevant: np.ndarray) -> float:
    """1 / rank of the first positive; NaN when there is none."""
    hits = np.flatnonzero(relevant)
    return float(1 / (hits[0] + 1)) if hits.size else float("nan")


def precision_at(relevant: np.ndarray, k: int) -> float:
    """Positives in the top k / k (ranks past the end of the list count as negatives)."""
    return float(np.count_nonzero(relevant[:k]) / k)


def ranked_lists(relevant: np.ndarray, scores: np.ndarray, tie: np.ndarray, group: np.ndarray) -> list:
    """0/1 relevance of each group's items in ranked order."""
    order = np.lexsort((tie, -scores, group))
    rel, grp = relevant[order], group[order]
    return [rel[grp == g] for g in np.unique(grp)]


def mean_defined(values: list[float]) -> float:
    """Mean of the non-NaN values (NaN when there are none)."""
    defined = [v for v in values if v == v]
    return float(np.mean(defined)) if defined else float("nan")


def ranking_values(relevant: np.ndarray, scores: np.ndarray, tie: np.ndarray, group: np.ndarray) -> dict:
    """Every metric of :data:`RANKING_METRICS`, averaged over groups (NaN when undefined)."""
    lists = ranked_lists(relevant, scores, tie, group)
    out = {"map": mean_defined([average_precision(r) for r in lists]),
           "r_precision": mean_defined([r_precision(r) for r in lists]),
           "mrr": mean_defined([reciprocal_rank(r) for r in lists])}
    for k in K_VALUES:
        out[f"p@{k}"] = float(np.mean([precision_at(r, k) for r in lists]))
    return out
