"""Ranking metrics against an independent reference written from CheckThat!'s definitions.

The reference below is plain Python with exact fractions. Per ranked list (one
document, sorted by score descending, ties by id), with R the number of positives:
AP = sum of P@rank at each positive / R; R-precision = positives in the top R / R;
RR = 1 / rank of the first positive; P@k = positives in the top k / k (the
CheckThat! 2018-21 scorers' definitions; their thresholds are 1, 3, 5, 10, 20, 30
in 2021). Two rules are this corpus's, not CheckThat!'s (docs/benchmark.md): a
list shorter than k keeps the denominator k (the official scorers raise IndexError
there), and a list without positives is left out of the AP, R-precision and RR
means (the official scorers count it as 0).
"""

from __future__ import annotations

import json
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from claimcorpus.benchmark.checker import check_file
from claimcorpus.benchmark.gold import load_gold, task_data
from claimcorpus.benchmark.ranking import RANKING_METRICS, ranking_values
from claimcorpus.benchmark.scorer import score
from claimcorpus.benchmark.tasks import get_task

FIXTURES = Path(__file__).parent / "fixtures" / "benchmark"
RANKED_CASES = ["check_worthiness.scored.jsonl", "check_worthiness.scored.tsv", "check_worthiness.checkthat2021.tsv",
                "claims_check_worthiness.scored.jsonl", "claims_check_worthiness.scores.jsonl"]


def mean(values: list[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def reference(lists: list[list[bool]]) -> dict[str, Fraction | None]:
    """MAP, R-precision, MRR and P@k of ranked 0/1 lists, exactly."""
    aps, rps, rrs = [], [], []
    for rel in lists:
        positives = sum(rel)
        if positives == 0:
            continue
        found, precision_sum, first = 0, Fraction(0), None
        for rank, is_positive in enumerate(rel, start=1):
            if is_positive:
                found += 1
                precision_sum += Fraction(found, rank)
                first = first or rank
        aps.append(precision_sum / positives)
        rps.append(Fraction(sum(rel[:positives]), positives))
        rrs.append(Fraction(1, first))
    out = {"map": mean(aps), "r_precision": mean(rps), "mrr": mean(rrs)}
    for k in (1, 3, 5, 10, 20, 30):
        out[f"p@{k}"] = mean([Fraction(sum(rel[:k]), k) for rel in lists])
    return out


def ranked(items: list[tuple[str, str, float, bool]]) -> list[list[bool]]:
    """``(doc, id, score, relevant)`` items -> one ranked list per document, in document order."""
    by_doc = defaultdict(list)
    for doc, rid, value, relevant in items:
        by_doc[doc].append((-Fraction(value), rid, relevant))
    return [[relevant for _, _, relevant in sorted(by_doc[doc])] for doc in sorted(by_doc)]


def fixture_items(task: str, name: str) -> list[tuple[str, str, float, bool]]:
    data = task_data(load_gold(FIXTURES / "gold"), get_task(task))
    preds = check_file(data, FIXTURES / "predictions" / name)
    return [(data.group[i], i, preds.scores[i], data.gold[i]) for i in data.labelled]


@pytest.mark.parametrize("name", RANKED_CASES)
def test_golden_files_carry_the_reference_values(name):
    task = name.split(".")[0]
    expected = reference(ranked(fixture_items(task, name)))
    golden = json.loads((FIXTURES / "expected" / f"{name}.json").read_text(encoding="utf-8"))["metrics"]
    assert set(RANKING_METRICS) <= set(golden)
    for metric in RANKING_METRICS:
        assert golden[metric] == round(float(expected[metric]), 4), metric


def test_checkthat_2021_fixture_by_hand():
    # fx-a ranked 0 1 0 1 0 1 (0.7 tie: s000 before s004), fx-b 1 1 0 1 (0.6 tie: s000 before s003)
    lists = ranked(fixture_items("check_worthiness", "check_worthiness.checkthat2021.tsv"))
    assert lists == [[False, True, False, True, False, True], [True, True, False, True]]
    values = reference(lists)
    assert values["map"] == (Fraction(1, 2) + Fraction(11, 12)) / 2
    assert (values["r_precision"], values["mrr"]) == (Fraction(1, 2), Fraction(3, 4))
    assert [values[f"p@{k}"] for k in (1, 3, 5, 10, 20, 30)] == \
        [Fraction(1, 2), Fraction(1, 2), Fraction(1, 2), Fraction(3, 10), Fraction(3, 20), Fraction(1, 10)]


@pytest.mark.parametrize("seed", range(20))
def test_random_rankings_equal_the_reference(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 60))
    group = rng.integers(0, int(rng.integers(1, 5)), n)
    relevant = rng.random(n) < rng.random()
    scores = rng.integers(0, 6, n) / 5  # many ties, broken by position (the id order)
    ours = ranking_values(relevant, scores, np.arange(n), group)
    items = [(f"d{group[i]}", f"{i:03d}", float(scores[i]), bool(relevant[i])) for i in range(n)]
    expected = reference(ranked(items))
    for metric in RANKING_METRICS:
        if expected[metric] is None:
            assert np.isnan(ours[metric]), metric
        else:
            assert ours[metric] == pytest.approx(float(expected[metric]), abs=1e-12), metric


def test_a_list_shorter_than_k_keeps_the_denominator_k():
    values = ranking_values(np.array([True, False]), np.array([0.9, 0.1]), np.arange(2), np.zeros(2, int))
    assert (values["p@1"], values["p@3"], values["p@5"], values["p@30"]) == (1.0, 1 / 3, 1 / 5, 1 / 30)


def test_a_list_without_positives_counts_for_p_at_k_only():
    relevant = np.array([True, False, False, False])
    values = ranking_values(relevant, np.array([0.1, 0.9, 0.8, 0.7]), np.arange(4), np.array([0, 0, 1, 1]))
    assert (values["map"], values["r_precision"], values["mrr"]) == (0.5, 0.0, 0.5)
    assert values["p@1"] == 0.0 and values["p@3"] == pytest.approx((1 / 3 + 0) / 2)
    none = ranking_values(np.zeros(3, bool), np.arange(3.0), np.arange(3), np.zeros(3, int))
    assert np.isnan(none["map"]) and np.isnan(none["mrr"]) and none["p@1"] == 0.0


def test_scores_only_file_reports_no_classification_metrics():
    data = task_data(load_gold(FIXTURES / "gold"), get_task("check_worthiness"))
    result = score(data, check_file(data, FIXTURES / "predictions" / "check_worthiness.checkthat2021.tsv"))
    assert result["labels_given"] is False and "per_class" not in result
    assert all(result["metrics"][m] is None for m in ("precision", "recall", "f1", "accuracy"))
    assert result["ci95"]["f1"] == [None, None]
    assert all(result["metrics"][m] is not None for m in RANKING_METRICS)
