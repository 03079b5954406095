"""Inter-annotator agreement per field: Cohen's kappa, Krippendorff's alpha, span F1.

Labels are compared item by item over the items both annotators labelled;
spans are compared as sets of ``(start, end)`` (exact) and by overlap.
"""

from __future__ import annotations

import math
from itertools import combinations

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

from ..schema.labels import HEDGE_RANK


def finite(value: float) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), 4)


def cohen_kappa(a: list, b: list) -> float | None:
    """Cohen's kappa (scikit-learn); ``None`` when undefined (a single label overall)."""
    if len(set(a) | set(b)) < 2:
        return None
    return finite(cohen_kappa_score([str(x) for x in a], [str(x) for x in b]))


def alpha(ratings: list[list], level: str = "nominal") -> float | None:
    """Krippendorff's alpha over annotators x items (``None`` = missing rating)."""
    values = sorted({v for row in ratings for v in row if v is not None}, key=str)
    if len(values) < 2:
        return None
    index = {v: i for i, v in enumerate(values)} if level == "nominal" else HEDGE_RANK
    data = np.array([[np.nan if v is None else index[v] for v in row] for row in ratings], dtype=float)
    return finite(krippendorff.alpha(reliability_data=data, level_of_measurement=level))


def label_agreement(by_annotator: dict[str, dict[str, object]], level: str = "nominal") -> dict:
    """Agreement on one categorical field; ``by_annotator[name][item] = label``."""
    names = sorted(by_annotator)
    items = sorted(set.intersection(*(set(by_annotator[n]) for n in names)))
    pairs = {}
    for x, y in combinations(names, 2):
        a = [by_annotator[x][i] for i in items]
        b = [by_annotator[y][i] for i in items]
        pairs[f"{x}~{y}"] = {"n": len(items), "kappa": cohen_kappa(a, b),
                             "observed": finite(sum(p == q for p, q in zip(a, b)) / len(items))
                             if items else None}
    ratings = [[by_annotator[n].get(i) for i in items] for n in names]
    return {"n_items": len(items), "pairs": pairs, "alpha": alpha(ratings, level),
            "alpha_level": level}


def prf(tp: float, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def overlap_matches(a: set, b: set) -> int:
    """Spans of ``a`` that overlap some span of ``b``."""
    return sum(any(s1 < e2 and s2 < e1 for s2, e2 in b) for s1, e1 in a)


def span_agreement(a: set[tuple[int, int]], b: set[tuple[int, int]]) -> dict:
    """Exact and overlap P/R/F1 of ``b`` against ``a`` (F1 is symmetric)."""
    exact = prf(len(a & b), len(b), len(a))
    overlap_p = overlap_matches(b, a) / len(b) if b else 0.0
    overlap_r = overlap_matches(a, b) / len(a) if a else 0.0
    overlap_f = 2 * overlap_p * overlap_r / (overlap_p + overlap_r) if overlap_p + overlap_r else 0.0
    return {"n_a": len(a), "n_b": len(b), "exact": exact, "overlap_f1": round(overlap_f, 4)}
