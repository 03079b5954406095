"""Paired comparison: every scorer metric is compared, the resampled metrics equal the scorer's, the
p-value behaves as stated, and the command gives one-line errors on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimcorpus.benchmark import resampled
from claimcorpus.benchmark.bootstrap import resample_indices
from claimcorpus.benchmark.checker import Predictions, check_file
from claimcorpus.benchmark.gold import load_gold, task_data
from claimcorpus.benchmark.paired import compare, p_value
from claimcorpus.benchmark.resampled import resampled_metrics
from claimcorpus.benchmark.scorer import score
from claimcorpus.benchmark.tasks import get_task
from claimcorpus.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "benchmark"
GOLD = FIXTURES / "gold"
CASES = [("check_worthiness", "check_worthiness.scored.jsonl"), ("claim_type", "claim_type.main.jsonl"),
         ("hedge_cue_spans", "hedge_cue_spans.main.jsonl"),
         ("claims_check_worthiness", "claims_check_worthiness.scored.jsonl")]


def loaded(task: str, name: str):
    data = task_data(load_gold(GOLD), get_task(task))
    return data, check_file(data, FIXTURES / "predictions" / name)


def flipped(data, preds: Predictions, count: int) -> Predictions:
    """``preds`` with the first ``count`` labelled rows set to their gold value and scores reversed."""
    values = dict(preds.values)
    for rid in data.labelled[:count]:
        values[rid] = data.gold[rid]
    scores = None if preds.scores is None else {k: -v for k, v in preds.scores.items()}
    return Predictions(preds.task, values, scores, "flipped")


@pytest.mark.parametrize(("task", "name"), CASES)
def test_every_metric_of_the_scorer_is_compared_with_its_point_values(task, name):
    data, a = loaded(task, name)
    b = flipped(data, a, 4)
    result = compare(data, a, b, resamples=200)
    assert sorted(result["metrics"]) == sorted(score(data, a)["metrics"])
    for metric, m in result["metrics"].items():
        assert m["a"] == pytest.approx(score(data, a)["metrics"][metric], abs=1e-4)
        assert m["b"] == pytest.approx(score(data, b)["metrics"][metric], abs=1e-4)
        assert m["difference"] == pytest.approx(m["b"] - m["a"], abs=2e-4)


@pytest.mark.parametrize(("task", "name"), CASES)
def test_the_vectorised_resamples_equal_scoring_each_resample(task, name):
    data, preds = loaded(task, name)
    idx = resample_indices(len(data.labelled), 30, 3)
    fast = resampled_metrics(data, preds, idx)
    for metric, values in fast.items():
        slow = resampled.rescored(data, preds, data.labelled, idx, metric)
        assert np.allclose(values, slow, atol=6e-5, equal_nan=True), metric


def test_a_metric_the_fast_path_lacks_is_still_compared(monkeypatch):
    data, a = loaded("check_worthiness", "check_worthiness.scored.jsonl")
    b = flipped(data, a, 3)
    full = compare(data, a, b, resamples=50)
    real = resampled.vectorised
    monkeypatch.setattr(resampled, "vectorised", lambda *args: {k: v for k, v in real(*args).items() if k != "map"})
    lacking = compare(data, a, b, resamples=50)
    x, y = lacking["metrics"]["map"], full["metrics"]["map"]
    assert x["difference"] == pytest.approx(y["difference"], abs=2e-4)
    assert x["ci95"] == pytest.approx(y["ci95"], abs=2e-4) and x["p_value"] == y["p_value"]


def test_identical_systems_differ_by_nothing():
    data, a = loaded("claim_type", "claim_type.main.jsonl")
    result = compare(data, a, a, resamples=100)
    for m in result["metrics"].values():
        assert (m["difference"], m["ci95"], m["p_value"], m["significant"]) == (0.0, [0.0, 0.0], 1.0, False)


def test_the_comparison_is_antisymmetric_and_deterministic():
    data, a = loaded("check_worthiness", "check_worthiness.scored.jsonl")
    b = flipped(data, a, 3)
    ab, ba = compare(data, a, b, resamples=300, seed=5), compare(data, b, a, resamples=300, seed=5)
    assert compare(data, a, b, resamples=300, seed=5) == ab
    for metric in ab["metrics"]:
        x, y = ab["metrics"][metric], ba["metrics"][metric]
        assert x["difference"] == pytest.approx(-y["difference"], abs=1e-4)
        assert x["ci95"] == pytest.approx([-y["ci95"][1], -y["ci95"][0]], abs=1e-4)
        assert x["p_value"] == y["p_value"]


def test_p_value_counts_both_sides_and_agrees_with_the_interval():
    assert p_value(np.zeros(99)) == 1.0
    assert p_value(np.ones(99)) == pytest.approx(2 / 100)
    assert p_value(np.array([np.nan] * 5)) is None
    rng = np.random.default_rng(1)
    for shift in (0.0, 0.5, 1.0, 2.0, 3.0):
        d = rng.standard_normal(999) + shift
        lo, hi = np.percentile(d, [2.5, 97.5])
        assert (p_value(d) < 0.05) == (lo > 0 or hi < 0) or abs(p_value(d) - 0.05) < 0.01


def test_a_large_difference_is_significant_and_a_small_one_is_not():
    data, a = loaded("claims_check_worthiness", "claims_check_worthiness.scored.jsonl")
    truth = Predictions(a.task, {i: data.gold[i] if data.gold[i] is not None else False for i in data.ids},
                        None, "gold")
    wrong = Predictions(a.task, {i: not v for i, v in truth.values.items()}, None, "inverted")
    assert compare(data, wrong, truth, resamples=200)["metrics"]["accuracy"]["significant"]
    one_off = flipped(data, wrong, 1)
    assert not compare(data, wrong, one_off, resamples=200)["metrics"]["accuracy"]["significant"]


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["compare", *map(str, args), "--gold", str(GOLD)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_command_prints_the_table_and_json(capsys, tmp_path):
    p = FIXTURES / "predictions"
    code, out, _ = run(capsys, "check_worthiness", p / "check_worthiness.scored.jsonl",
                       p / "check_worthiness.labels.tsv", "--json", tmp_path / "c.json", "--resamples", "100")
    assert code == 0 and "B - A" in out and "only one of the two files gives scores" in out
    saved = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert saved["bootstrap"]["resamples"] == 100 and "map" not in saved["metrics"]
    code, out, _ = run(capsys, "check_worthiness", p / "check_worthiness.scored.jsonl",
                       p / "check_worthiness.scored.tsv", "--json", "-", "--resamples", "100")
    assert code == 0 and json.loads(out)["metrics"]["map"]["p_value"] == 1.0
    assert "2 ranked list(s)" in json.loads(out)["notes"][0]


@pytest.mark.parametrize(("task", "b", "needle"), [
    ("no_such_task", "claim_type.main.jsonl", "field 'task'"),
    ("claim_type", "check_worthiness.scored.jsonl", "label: expected a string"),
    ("claim_type", "claims_claim_type.main.jsonl", "is an id of the claims config"),
])
def test_bad_input_is_one_error_line_and_status_2(capsys, task, b, needle):
    p = FIXTURES / "predictions"
    code, out, err = run(capsys, task, p / "claim_type.main.jsonl", p / b)
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith("error: ") and needle in err


def test_mismatched_rows_are_one_error_line(capsys, tmp_path):
    lines = (FIXTURES / "predictions" / "claim_type.main.jsonl").read_text(encoding="utf-8").splitlines()
    short = tmp_path / "short.jsonl"
    short.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "claim_type", FIXTURES / "predictions" / "claim_type.main.jsonl", short)
    assert code == 2 and err.count("\n") == 1 and "missing prediction" in err and "short.jsonl" in err


def test_a_ranking_file_without_labels_is_compared_on_the_ranking_metrics_only():
    data, labelled = loaded("claims_check_worthiness", "claims_check_worthiness.scored.jsonl")
    _, scores_only = loaded("claims_check_worthiness", "claims_check_worthiness.scores.jsonl")
    result = compare(data, scores_only, labelled, resamples=100)
    ranking = {m for m, v in score(data, scores_only)["metrics"].items() if v is not None}
    assert set(result["metrics"]) == ranking and {"map", "r_precision", "mrr"} <= ranking
    assert not {"f1", "accuracy", "precision", "recall"} & set(result["metrics"])
