"""Baselines: reproducible to the last digit, cross-validated over grouped folds, and the
committed results (and the card's table) equal a fresh run on the committed release."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimcorpus.benchmark.baselines import RESULTS, dumps, run_baselines
from claimcorpus.benchmark.commands import subset
from claimcorpus.benchmark.crossval import cross_validate, majority
from claimcorpus.benchmark.gold import load_gold, task_data
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


@pytest.mark.embeddings
def test_committed_embedding_results_equal_a_fresh_run():
    assert dumps(run_baselines(ROOT / "dataset", ROOT, ["minilm_lr"])) == dumps(subset(committed(), ["minilm_lr"]))


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
