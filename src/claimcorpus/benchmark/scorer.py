"""Score checked predictions against the gold of one task: metrics, per-class table, CIs.

Rows whose gold value is null are not scored; their number is reported as
``n_unlabelled``. ``metrics`` maps every metric name of the task to its value
(``None``: not available, e.g. F1 of a ranking file without labels) and ``ci95``
the headline ones to their interval. Machine output is sorted-key JSON with
floats rounded to 4 places.
"""

from __future__ import annotations

import json

import numpy as np

from ..errors import CorpusError
from .bootstrap import RESAMPLES, SEED, counts, interval, resample_indices, resampled_classification, resampled_ranking
from .checker import Predictions
from .classification import classification_metrics, per_class
from .gold import TaskData
from .ranking import ranking_values
from .spans import COUNT_FIELDS, span_counts, span_metrics
from .tasks import SPAN

DIGITS = 4


def rounded(obj: object) -> object:
    """Floats rounded to :data:`DIGITS` places (NaN -> ``None``), recursively."""
    if isinstance(obj, float):
        return None if obj != obj else round(obj, DIGITS)
    if isinstance(obj, dict):
        return {k: rounded(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [rounded(v) for v in obj]
    return obj


def ranking_part(data: TaskData, preds: Predictions, ids: list[str], idx: np.ndarray) -> tuple[dict, dict]:
    relevant = np.array([bool(data.gold[i]) for i in ids])
    scores = np.array([preds.scores[i] for i in ids])
    tie = np.arange(len(ids))
    groups = sorted({data.group[i] for i in ids})
    group = np.array([groups.index(data.group[i]) for i in ids])
    point = ranking_values(relevant, scores, tie, group)
    boot = resampled_ranking(idx, relevant, scores, tie, group)
    return point, {k: interval(v) for k, v in boot.items()}


def scores_only_part(data: TaskData, preds: Predictions, ids: list[str], idx: np.ndarray) -> dict:
    """A ranking file without labels: the ranking metrics; classification metrics not available."""
    metrics = {name: None for name in ("precision", "recall", "f1", "accuracy")}
    ci = {name: [None, None] for name in ("f1", "accuracy")}
    point, ranking_ci = ranking_part(data, preds, ids, idx)
    metrics.update(point)
    ci.update(ranking_ci)
    return {"metrics": metrics, "ci95": ci, "labels_given": False, "scores_given": True}


def classification_part(data: TaskData, preds: Predictions, ids: list[str], idx: np.ndarray) -> dict:
    task = data.task
    if not preds.labelled:
        return scores_only_part(data, preds, ids, idx)
    gold, pred = [data.gold[i] for i in ids], [preds.values[i] for i in ids]
    metrics = classification_metrics(task, gold, pred)
    code = {lab: k for k, lab in enumerate(task.labels)}
    boot = resampled_classification(task.kind, np.array([code[g] for g in gold]),
                                    np.array([code[p] for p in pred]), counts(idx, len(ids)))
    ci = {k: interval(v) for k, v in boot.items()}
    out = {"metrics": metrics, "per_class": per_class(gold, pred, task.labels), "ci95": ci}
    if task.ranking:
        out["labels_given"], out["scores_given"] = True, preds.scores is not None
        if preds.scores is not None:
            point, ranking_ci = ranking_part(data, preds, ids, idx)
            metrics.update(point)
            ci.update(ranking_ci)
    return out


def span_part(data: TaskData, preds: Predictions, ids: list[str], idx: np.ndarray) -> dict:
    rows = np.array([span_counts(data.gold[i], preds.values[i]) for i in ids], dtype=float)
    sums = rows.sum(0)
    metrics = {k: float(v) for k, v in span_metrics(sums).items()}
    boot = span_metrics(counts(idx, len(ids)) @ rows)
    ci = {k: interval(boot[k]) for k in data.task.headline}
    return {"metrics": metrics, "counts": {k: int(v) for k, v in zip(COUNT_FIELDS, sums)}, "ci95": ci}


def score(data: TaskData, preds: Predictions, resamples: int = RESAMPLES, seed: int = SEED) -> dict:
    """The result of one task for one set of predictions (see the module docstring)."""
    task, ids = data.task, data.labelled
    if not ids:
        raise CorpusError(data.file, "(all rows)", task.field, f"gold labels for task {task.name}",
                          "null in every row (the release has no gold labels for it yet)")
    idx = resample_indices(len(ids), resamples, seed)
    part = (span_part if task.kind == SPAN else classification_part)(data, preds, ids, idx)
    return rounded({
        "task": task.name, "config": task.config, "kind": task.kind, "headline": task.headline[0],
        "n": len(ids), "n_unlabelled": len(data.ids) - len(ids), "evidence_dependent": task.evidence_dependent,
        "bootstrap": {"resamples": resamples, "seed": seed, "level": 0.95, "method": "percentile",
                      "unit": "sentence" if task.config == "sentences" else "claim"},
        **part,
    })


def to_json(result: dict) -> str:
    return json.dumps(result, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
