"""Golden-file tests of the scorer: fixture gold + predictions -> the committed metrics JSON.

Regenerate after an intended change (then review the diff):
CLAIMCORPUS_UPDATE_GOLDEN=1 python -m pytest tests/test_benchmark_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimcorpus.benchmark.checker import check_file
from claimcorpus.benchmark.gold import load_gold, task_data
from claimcorpus.benchmark.scorer import score, to_json
from claimcorpus.benchmark.tasks import TASKS, get_task
from claimcorpus.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "benchmark"
GOLD = FIXTURES / "gold"
CASES = sorted((FIXTURES / "predictions").iterdir())
UPDATE = os.environ.get("CLAIMCORPUS_UPDATE_GOLDEN") == "1"


def expected_path(predictions: Path) -> Path:
    return FIXTURES / "expected" / f"{predictions.name}.json"


def scored(predictions: Path) -> str:
    data = task_data(load_gold(GOLD), get_task(predictions.name.split(".")[0]))
    return to_json(score(data, check_file(data, predictions)))


@pytest.mark.parametrize("predictions", CASES, ids=lambda p: p.name)
def test_scorer_output_equals_golden_file(predictions):
    text = scored(predictions)
    if UPDATE:
        expected_path(predictions).write_text(text, encoding="utf-8")
    assert expected_path(predictions).read_text(encoding="utf-8") == text


def test_every_golden_file_has_its_predictions():
    assert sorted(p.name for p in (FIXTURES / "expected").iterdir()) == sorted(f"{c.name}.json" for c in CASES)


def test_every_task_has_a_golden_case():
    assert {c.name.split(".")[0] for c in CASES} == set(TASKS)


def test_cli_json_equals_golden_file(capsys):
    case = FIXTURES / "predictions" / "check_worthiness.scored.jsonl"
    assert main(["score", "check_worthiness", str(case), "--gold", str(GOLD), "--json", "-"]) == 0
    assert capsys.readouterr().out == expected_path(case).read_text(encoding="utf-8")


def test_cli_prints_a_readable_table(capsys):
    case = FIXTURES / "predictions" / "claim_type.main.jsonl"
    assert main(["score", "claim_type", str(case), "--gold", str(GOLD)]) == 0
    out = capsys.readouterr().out
    assert "macro_f1" in out and "95% CI" in out and "not_claim" in out and "1000 resamples" in out
