"""Model adapters: a callable, local transformers pipelines (tiny random models made here), a file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from claimcorpus.benchmark.adapters import predict_file, predict_with, text_classification, token_classification
from claimcorpus.benchmark.gold import load_gold, task_data
from claimcorpus.benchmark.predictions import PredictionsError
from claimcorpus.benchmark.scorer import score
from claimcorpus.benchmark.tasks import get_task
from claimcorpus.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "benchmark"
GOLD = FIXTURES / "gold"


def data(task: str):
    return task_data(load_gold(GOLD), get_task(task))


def tiny_model(folder: Path, labels: list[str], head: str) -> Path:
    """A randomly initialised 1-layer BERT with a word-level vocabulary of the fixture texts."""
    torch = pytest.importorskip("torch")
    from transformers import BertConfig, BertForSequenceClassification, BertForTokenClassification, BertTokenizerFast

    texts = [json.loads(line)["text"] for name in ("sentences", "claims")
             for line in (GOLD / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    vocab = sorted({w for t in texts for w in re.findall(r"\w+|[^\w\s]", t.lower())})
    (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *vocab]) + "\n")
    tokenizer = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"))
    config = BertConfig(vocab_size=len(vocab) + 5, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=16, max_position_embeddings=64,
                        id2label=dict(enumerate(labels)), label2id={lab: i for i, lab in enumerate(labels)})
    torch.manual_seed(0)
    model = (BertForTokenClassification if head == "token" else BertForSequenceClassification)(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_callable_labels_scores_and_spans():
    d = data("check_worthiness")
    preds = predict_with(d, lambda texts: [("said" in t, float(len(t))) for t in texts])
    assert preds.values["fx-a-s000"] is True and preds.scores["fx-a-s000"] == 78.0
    assert "map" in score(d, preds)["metrics"]
    spans = predict_with(data("hedge_cue_spans"), lambda texts: [[m.span() for m in re.finditer("may", t)]
                                                                 for t in texts])
    assert spans.values["fx-a-s004"] == [(4, 7), (10, 13)]


def test_callable_outputs_are_checked():
    with pytest.raises(PredictionsError, match=r"<callable>:1: label: unknown label 'rumour'"):
        predict_with(data("claim_type"), lambda texts: ["rumour"] * len(texts))
    with pytest.raises(PredictionsError, match="<callable>: 3 outputs for 11 texts"):
        predict_with(data("claim_type"), lambda texts: ["event"] * 3)


def test_predictions_file_adapter():
    preds = predict_file(data("claim_type"), FIXTURES / "predictions" / "claim_type.main.jsonl")
    assert preds.values["fx-a-s000"] == "causal"


def test_text_classification_pipeline_binary(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    model = tiny_model(tmp_path, ["false", "true"], "sequence")
    d = data("check_worthiness")
    preds = predict_with(d, text_classification(model, d.task), source=f"hf:{model}")
    assert set(preds.values.values()) <= {True, False}
    assert all(0.0 <= s <= 1.0 for s in preds.scores.values())
    assert score(d, preds)["scores_given"] is True


def test_text_classification_pipeline_multiclass_via_cli(tmp_path, capsys):
    from claimcorpus.schema.labels import CLAIM_TYPES

    model = tiny_model(tmp_path, list(CLAIM_TYPES), "sequence")
    assert main(["score", "claim_type", "--hf-model", str(model), "--gold", str(GOLD), "--json", "-"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["task"] == "claim_type" and result["n"] == 10


def test_model_labels_that_are_not_task_labels_are_rejected(tmp_path):
    model = tiny_model(tmp_path, ["negative", "positive"], "sequence")
    d = data("claim_detection")
    with pytest.raises(PredictionsError, match="label: expected a JSON boolean"):
        predict_with(d, text_classification(model, d.task), source="hf")
    preds = predict_with(d, text_classification(model, d.task, {"negative": False, "positive": True}), "hf")
    assert set(preds.values.values()) <= {True, False}


def test_token_classification_pipeline(tmp_path):
    model = tiny_model(tmp_path, ["O", "B-HEDGE", "I-HEDGE"], "token")
    d = data("hedge_cue_spans")
    preds = predict_with(d, token_classification(model), source="hf")
    assert all(0 <= s < e <= len(d.text[i]) for i, spans in preds.values.items() for s, e in spans)
    assert score(d, preds)["kind"] == "span"
