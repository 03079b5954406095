"""Agreement figures equal scikit-learn's and the krippendorff package's on fixtures."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from claimcorpus.extend.agreement import alpha, cohen_kappa, label_agreement, span_agreement

A = ["event", "causal", "event", "position", "other", "event", "causal", "quantity"]
B = ["event", "causal", "position", "position", "other", "event", "event", "quantity"]
C = ["event", "event", "position", "position", "other", "causal", "event", None]


def test_kappa_matches_scikit_learn():
    assert cohen_kappa(A, B) == pytest.approx(cohen_kappa_score(A, B), abs=1e-4)
    assert cohen_kappa(["x"] * 4, ["x"] * 4) is None  # undefined, not 1.0 or 0.0


def test_nominal_alpha_matches_krippendorff_with_missing_values():
    names = sorted({v for v in A + B + C if v is not None})
    data = np.array([[np.nan if v is None else names.index(v) for v in row] for row in (A, B, C)])
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert alpha([A, B, C]) == pytest.approx(expected, abs=1e-4)


def test_ordinal_alpha_uses_the_hedge_scale():
    a = ["certain", "attributed", "probable", "possible", "certain"]
    b = ["certain", "probable", "probable", "possible", "attributed"]
    ranks = {"certain": 0, "attributed": 1, "probable": 2, "possible": 3}
    data = np.array([[ranks[v] for v in a], [ranks[v] for v in b]], dtype=float)
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal")
    assert alpha([a, b], "ordinal") == pytest.approx(expected, abs=1e-4)


def test_label_agreement_counts_shared_items_only():
    result = label_agreement({"x": {"1": "a", "2": "b", "3": "a"}, "y": {"1": "a", "2": "a"}})
    assert result["n_items"] == 2
    assert result["pairs"]["x~y"]["observed"] == 0.5


def test_span_agreement_exact_and_overlap():
    gold = {(0, 5), (10, 15), (20, 25)}
    pred = {(0, 5), (11, 15), (30, 35)}
    result = span_agreement(gold, pred)
    assert result["exact"] == {"precision": round(1 / 3, 4), "recall": round(1 / 3, 4), "f1": round(1 / 3, 4)}
    assert result["overlap_f1"] == round(2 / 3, 4)
