"""Metric values checked against numbers computed by hand on the fixture, and the bootstrap's
vectorised metrics against scikit-learn."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, average_precision_score, f1_score

from claimcorpus.benchmark.bootstrap import counts, resample_indices, resampled_classification
from claimcorpus.benchmark.checker import check_file
from claimcorpus.benchmark.gold import load_gold, task_data
from claimcorpus.benchmark.ranking import ranking_values
from claimcorpus.benchmark.scorer import score
from claimcorpus.benchmark.spans import span_counts
from claimcorpus.benchmark.tasks import BINARY, MULTICLASS, get_task

FIXTURES = Path(__file__).parent / "fixtures" / "benchmark"


def result(task: str, name: str) -> dict:
    data = task_data(load_gold(FIXTURES / "gold"), get_task(task))
    return score(data, check_file(data, FIXTURES / "predictions" / name))


def test_check_worthiness_by_hand():
    # gold positives a0 a1 a2 b0 b1 b2; predicted a0 a2 a4 b0 b1: TP 4, FP 1, FN 2, TN 3; b4 unlabelled
    r = result("check_worthiness", "check_worthiness.scored.jsonl")
    assert (r["n"], r["n_unlabelled"]) == (10, 1)
    m = r["metrics"]
    assert (m["precision"], m["recall"], m["f1"], m["accuracy"]) == (0.8, round(4 / 6, 4), round(8 / 11, 4), 0.7)
    # fx-a ranked: 1 1 0 1 0 0 -> AP (1 + 1 + 3/4) / 3; fx-b: 1 1 1 0 -> AP 1
    assert m["map"] == round(((1 + 1 + 0.75) / 3 + 1) / 2, 4)
    assert (m["p@5"], m["p@10"]) == (0.6, 0.3)
    assert r["per_class"]["false"] == {"precision": 0.6, "recall": 0.75, "f1": round(2 / 3, 4), "support": 4}


def test_tsv_and_jsonl_give_the_same_result():
    assert result("check_worthiness", "check_worthiness.scored.tsv") == \
        result("check_worthiness", "check_worthiness.scored.jsonl")
    labels_only = result("check_worthiness", "check_worthiness.labels.tsv")
    assert labels_only["scores_given"] is False and "map" not in labels_only["metrics"]


def test_claim_type_macro_f1_by_hand():
    r = result("claim_type", "claim_type.main.jsonl")
    # per-class F1: causal 1, event 4/7, quantity 2/3, not_claim 1, prediction 1, other 0, position 0
    assert r["metrics"]["macro_f1"] == round((1 + 4 / 7 + 2 / 3 + 1 + 1) / 7, 4)
    assert r["metrics"]["accuracy"] == 0.7
    assert r["per_class"]["position"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}


def test_hedge_cue_spans_by_hand():
    r = result("hedge_cue_spans", "hedge_cue_spans.main.jsonl")
    assert r["counts"] == {"n_pred": 5, "n_gold": 4, "exact_tp": 2, "overlap_pred": 3, "overlap_gold": 3,
                           "char_tp": 14, "char_pred": 25, "char_gold": 23}
    m = r["metrics"]
    assert (m["exact_precision"], m["exact_recall"], m["exact_f1"]) == (0.4, 0.5, round(0.8 / 1.8, 4))
    assert (m["overlap_precision"], m["overlap_recall"], m["overlap_f1"]) == (0.6, 0.75, round(0.9 / 1.35, 4))
    assert m["char_f1"] == round(28 / 48, 4)


def test_span_counts_of_one_sentence():
    assert span_counts([(0, 4), (10, 12)], [(0, 4), (11, 15), (20, 22)]) == [3, 2, 1, 2, 2, 5, 10, 6]


def test_confidence_intervals_contain_the_estimate_and_are_seeded():
    r = result("claims_check_worthiness", "claims_check_worthiness.scored.jsonl")
    for metric, (lo, hi) in r["ci95"].items():
        assert lo <= r["metrics"][metric] <= hi
    assert r["bootstrap"] == {"level": 0.95, "method": "percentile", "resamples": 1000, "seed": 0, "unit": "claim"}
    assert r == result("claims_check_worthiness", "claims_check_worthiness.scored.jsonl")


@pytest.mark.parametrize("kind,k", [(BINARY, 2), (MULTICLASS, 5)])
def test_vectorised_bootstrap_equals_scikit_learn(kind, k):
    rng = np.random.default_rng(7)
    gold, pred = rng.integers(0, k, 40), rng.integers(0, k, 40)
    idx = resample_indices(40, 50, seed=3)
    fast = resampled_classification(kind, gold, pred, counts(idx, 40))
    for b, rows in enumerate(idx):
        g, p = gold[rows], pred[rows]
        slow = f1_score(g, p, zero_division=0) if kind == BINARY else f1_score(g, p, average="macro", zero_division=0)
        assert fast["f1" if kind == BINARY else "macro_f1"][b] == pytest.approx(slow, abs=1e-12)
        assert fast["accuracy"][b] == pytest.approx(accuracy_score(g, p), abs=1e-12)


def test_average_precision_equals_scikit_learn_without_ties():
    rng = np.random.default_rng(1)
    relevant, scores = rng.integers(0, 2, 30).astype(bool), rng.random(30)
    ours = ranking_values(relevant, scores, np.arange(30), np.zeros(30, int))["map"]
    assert ours == pytest.approx(average_precision_score(relevant, scores))


def test_ties_are_broken_by_id():
    relevant = np.array([False, True])
    assert ranking_values(relevant, np.array([0.5, 0.5]), np.arange(2), np.zeros(2, int))["map"] == 0.5


def test_checkthat_label_layouts_give_the_same_result():
    native = result("check_worthiness", "check_worthiness.labels.tsv")
    for name in ("check_worthiness.checkthat2022.tsv", "check_worthiness.checkthat2024.tsv"):
        assert result("check_worthiness", name) == native
