"""Baselines: reproducible, cross-validated over grouped folds, and the committed results (and the
card's table) equal a fresh run on the committed release: exactly, or for the embedding baseline,
whose float32 embeddings differ between CPUs, within its stated tolerance."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from claimcorpus.benchmark import embeddings
from claimcorpus.benchmark.baselines import BASELINES, RESULTS, TOLERANCE, differences, dumps, run_baselines
from claimcorpus.benchmark.commands import subset
from claimcorpus.benchmark.crossval import cross_validate, majority
from claimcorpus.benchmark.gold import load_gold, task_data
from claimcorpus.benchmark.paired import compare
from claimcorpus.benchmark.scorer import rounded
from claimcorpus.benchmark.significance import task_comparisons
from claimcorpus.benchmark.tasks import SPAN, TASKS, get_task
from claimcorpus.cli import main
from claimcorpus.publish.benchmark_card import benchmark_blocks

from .conftest import ROOT

GOLD = Path(__file__).parent / "fixtures" / "benchmark" / "gold"
FAST = ["majority", "rules", "tfidf_lr"]


def committed() -> dict:
    return json.loads((ROOT / RESULTS).read_text(encoding="utf-8"))


def test_fast_baselines_reproduce_across_two_runs():
    first = dumps(run_baselines(GOLD, ROOT, FAST))
    assert dumps(run_baselines(GOLD, ROOT, FAST)) == first


@pytest.mark.embeddings
def test_embedding_baseline_reproduces_across_two_runs():
    first = dumps(run_baselines(GOLD, ROOT, ["minilm_lr"]))
    assert dumps(run_baselines(GOLD, ROOT, ["minilm_lr"])) == first


def test_every_labelled_task_gets_every_applicable_baseline():
    results = run_baselines(GOLD, ROOT, FAST)["results"]
    for name, entry in results.items():
        expected = ["rules"] if TASKS[name].kind == SPAN else FAST
        assert sorted(entry) == sorted(expected), name


def test_cross_validation_never_trains_on_the_predicted_fold():
    data = task_data(load_gold(GOLD), get_task("claim_type"))
    seen = []

    def spy(train_ids, train_labels, test_ids):
        folds = {data.fold[i] for i in test_ids}
        assert len(folds) == 1 and not folds & {data.fold[i] for i in train_ids}
        assert all(data.gold[i] is not None for i in train_ids)
        seen.extend(test_ids)
        return [("event", None)] * len(test_ids)

    rows = cross_validate(data, spy)
    assert sorted(seen) == data.ids == [r["id"] for r in rows]


def test_majority_ties_follow_the_inventory():
    assert majority(["b", "a"], ("a", "b")) == "a"
    assert majority(["b", "b", "a"], ("a", "b")) == "b"


def test_committed_results_equal_a_fresh_run():
    assert dumps(run_baselines(ROOT / "dataset", ROOT, FAST)) == dumps(subset(committed(), FAST))


@pytest.fixture(scope="module")
def minilm_run():
    """A fresh ``minilm_lr`` run on the committed release, and the embedding of every text it encoded."""
    vectors, encode = {}, embeddings.encode

    def recording(texts):
        out = encode(texts)
        vectors.update(zip(texts, out))
        return out

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(embeddings, "encode", recording)
        results = run_baselines(ROOT / "dataset", ROOT, ["minilm_lr"])
    return results, vectors


def all_comparisons(minilm_predictions: dict) -> dict:
    """The card's comparisons from a fresh run of the fast baselines and the given minilm predictions."""
    preds = {}
    run_baselines(ROOT / "dataset", ROOT, FAST, predictions=preds)
    gold = load_gold(ROOT / "dataset")
    out = {}
    for task, by_name in preds.items():
        merged = {n: by_name.get(n) or minilm_predictions[task][n] for n in BASELINES
                  if n in by_name or n in minilm_predictions.get(task, {})}
        out[task] = task_comparisons(task_data(gold, get_task(task)), merged, set(TOLERANCE), 1000, 0)
    return rounded(out)


@pytest.mark.embeddings
def test_committed_embedding_results_match_a_fresh_run_within_the_tolerance(minilm_run):
    assert differences(minilm_run[0], subset(committed(), ["minilm_lr"])) == []


@pytest.mark.embeddings
@pytest.mark.parametrize("noise", [1e-6, 1e-5])
@pytest.mark.parametrize("seed", [0, 1])
def test_embedding_figures_stay_within_the_tolerance_under_float32_noise(minilm_run, monkeypatch, noise, seed):
    """Another CPU's embeddings, simulated: every value times 1 + noise * N(0, 1) (measured between torch/MKL
    kernels on one CPU: ~5e-7 relative); no figure may move beyond the tolerance."""
    reference, vectors = minilm_run
    rng = np.random.default_rng(seed)

    def noisy(texts):
        x = np.stack([vectors[t] for t in texts])
        out = (x.astype(np.float64) * (1 + noise * rng.standard_normal(x.shape))).astype(np.float32)
        assert np.mean(out != x) > 0.5  # the noise does change the float32 embeddings
        return out

    monkeypatch.setattr(embeddings, "encode", noisy)
    predictions = {}
    assert differences(run_baselines(ROOT / "dataset", ROOT, ["minilm_lr"], predictions=predictions),
                       reference) == []
    if (noise, seed) == (1e-5, 0):  # the significance marks and detectable differences do not move at all
        assert dumps(all_comparisons(predictions)) == dumps(committed()["comparisons"])


@pytest.mark.embeddings
def test_committed_comparisons_equal_a_fresh_run(minilm_run, monkeypatch):
    vectors = minilm_run[1]
    monkeypatch.setattr(embeddings, "encode", lambda texts: np.stack([vectors[t] for t in texts]))
    predictions = {}
    run_baselines(ROOT / "dataset", ROOT, ["minilm_lr"], predictions=predictions)
    assert dumps(all_comparisons(predictions)) == dumps(committed()["comparisons"])


def test_comparisons_are_made_among_every_baseline_only():
    assert "comparisons" not in run_baselines(GOLD, ROOT, FAST)
    assert "comparisons" in committed() and "comparisons" not in subset(committed(), FAST)
    for task, by_metric in committed()["comparisons"].items():
        for metric, c in by_metric.items():
            names = set(c["best"]) | set(c["vs_best"]) | set(c["withheld"])
            assert c["reference"] == c["best"][0] and names <= set(BASELINES), (task, metric)
            assert all(committed()["results"][task][n]["metrics"][metric] <= committed()["results"][task][
                c["reference"]]["metrics"][metric] for n in c["vs_best"])


def test_fast_comparisons_match_the_paired_command(tmp_path, capsys):
    """The card's significance for two exactly reproducible baselines is what `compare` prints."""
    preds = {}
    run_baselines(ROOT / "dataset", ROOT, FAST, predictions=preds)
    data = task_data(load_gold(ROOT / "dataset"), get_task("hedge_level"))
    c = task_comparisons(data, {n: preds["hedge_level"][n] for n in ["rules", "tfidf_lr"]}, set(), 1000, 0)
    paired = compare(data, preds["hedge_level"]["rules"], preds["hedge_level"]["tfidf_lr"])
    assert c["macro_f1"]["vs_best"]["tfidf_lr"]["p_value"] == pytest.approx(
        paired["metrics"]["macro_f1"]["p_value"], abs=1e-4)
    assert committed()["comparisons"]["hedge_level"]["macro_f1"]["vs_best"]["tfidf_lr"]["significant"]


def test_differences_allow_the_tolerance_to_the_embedding_baseline_only():
    base = subset(committed(), ["tfidf_lr", "minilm_lr"])
    assert differences(base, copy.deepcopy(base)) == []
    key = "/results/claim_type/{}/metrics/macro_f1"
    for name, shift, found in [("minilm_lr", TOLERANCE["minilm_lr"], False), ("minilm_lr", 2e-4, True),
                               ("tfidf_lr", 1e-4, True)]:
        changed = copy.deepcopy(base)
        changed["results"]["claim_type"][name]["metrics"]["macro_f1"] += shift
        assert [d.split(":")[0] for d in differences(changed, base)] == ([key.format(name)] if found else [])
    changed = copy.deepcopy(base)
    del changed["results"]["claim_type"]["minilm_lr"]["ci95"]["accuracy"]
    assert differences(changed, base) == ["/results/claim_type/minilm_lr/ci95: keys ['accuracy'] in one only"]
    changed = copy.deepcopy(base)
    changed["results"]["claim_type"]["minilm_lr"]["n"] = 43
    assert differences(changed, base) == ["/results/claim_type/minilm_lr/n: 43 != 42"]


def test_committed_results_are_for_the_committed_release():
    gold = load_gold(ROOT / "dataset")
    assert {c: e["sha256"] for c, e in committed()["gold"].items()} == gold.sha256


def test_card_blocks_match_the_committed_results():
    card = (ROOT / "dataset_card.md").read_text(encoding="utf-8")
    for name, body in benchmark_blocks(ROOT).items():
        assert f"<!-- BEGIN GENERATED: {name} -->\n{body}\n<!-- END GENERATED: {name} -->" in card, name


def test_baselines_cli_writes_checks_and_refreshes_the_card(tmp_path, capsys):
    shutil.copy2(ROOT / "dataset_card.md", tmp_path / "dataset_card.md")
    args = ["--root", str(tmp_path), "baselines", "--gold", str(GOLD)]
    assert main([*args, "--only", "majority", "--out", str(tmp_path / "x.json")]) == 0
    assert "claim_detection" in capsys.readouterr().out
    assert main([*args, "--check", "--only", "majority"]) == 1  # nothing committed in tmp_path yet
    (tmp_path / RESULTS).parent.mkdir()
    shutil.copy2(tmp_path / "x.json", tmp_path / RESULTS)
    assert main([*args, "--check", "--only", "majority"]) == 0
    results = json.loads((tmp_path / RESULTS).read_text(encoding="utf-8"))
    results["results"]["claim_type"]["majority"]["metrics"]["macro_f1"] += 0.1
    (tmp_path / RESULTS).write_text(dumps(results), encoding="utf-8")
    assert main([*args, "--check", "--only", "majority"]) == 1
