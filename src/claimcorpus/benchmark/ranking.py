"""Ranking metrics of check-worthiness (CheckThat! 2018-21): MAP and P@k over scored lists.

Each document is one ranked list, sorted by score (descending), ties broken by
id (ascending). AP = mean of P@rank over the ranks of the positive items; a list
without positives has no AP and is left out of the mean. P@k = positives in the
top k / k (also when the list is shorter than k, as in the CheckThat! scorer).
"""

from __future__ import annotations

import numpy as np

K_VALUES = (5, 10)


def average_precision(relevant: np.ndarray) -> float:
    """AP of a ranked 0/1 vector; NaN when it has no positive."""
    hits = np.flatnonzero(relevant)
    if hits.size == 0:
        return float("nan")
    return float(np.mean(np.arange(1, hits.size + 1) / (hits + 1)))


def ranked_lists(relevant: np.ndarray, scores: np.ndarray, tie: np.ndarray, group: np.ndarray) -> list:
    """0/1 relevance of each group's items in ranked order."""
    order = np.lexsort((tie, -scores, group))
    rel, grp = relevant[order], group[order]
    return [rel[grp == g] for g in np.unique(grp)]


def ranking_values(relevant: np.ndarray, scores: np.ndarray, tie: np.ndarray, group: np.ndarray) -> dict:
    """MAP and P@k averaged over groups (NaN when undefined)."""
    lists = ranked_lists(relevant, scores, tie, group)
    aps = [average_precision(r) for r in lists]
    out = {"map": float(np.nanmean(aps)) if not np.all(np.isnan(aps)) else float("nan")}
    for k in K_VALUES:
        out[f"p@{k}"] = float(np.mean([r[:k].sum() / k for r in lists]))
    return out
