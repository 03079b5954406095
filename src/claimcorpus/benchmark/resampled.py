"""Every metric the scorer reports for one system, on every bootstrap resample of the rows.

The metric names are those of :func:`.scorer.score`'s ``metrics``, whatever they
are: known metrics are computed vectorised from the resample counts (the
scorer's own bootstrap code); any other metric the scorer reports is recomputed
by scoring each resample with :func:`.scorer.score` itself (slower, values
rounded as the scorer rounds them), so a metric added to the scorer is compared
without a change here.
"""

from __future__ import annotations

import numpy as np

from .bootstrap import counts, f1_from_counts, resampled_classification, resampled_ranking
from .checker import Predictions
from .gold import TaskData
from .scorer import score
from .spans import span_counts, span_metrics
from .tasks import BINARY, SPAN


def ranking_inputs(data: TaskData, preds: Predictions, ids: list[str]) -> tuple:
    """``relevant, scores, tie, group`` arrays as the scorer ranks them."""
    groups = sorted({data.group[i] for i in ids})
    return (np.array([bool(data.gold[i]) for i in ids]), np.array([preds.scores[i] for i in ids]),
            np.arange(len(ids)), np.array([groups.index(data.group[i]) for i in ids]))


def binary_prf(gold: np.ndarray, pred: np.ndarray, w: np.ndarray) -> dict[str, np.ndarray]:
    g, p = gold.astype(bool), pred.astype(bool)
    tp, fp, fn = w @ (g & p), w @ (~g & p), w @ (g & ~p)
    return {"precision": np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 0.0),
            "recall": np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), 0.0), "f1": f1_from_counts(tp, fp, fn)}


def vectorised(data: TaskData, preds: Predictions, ids: list[str], idx: np.ndarray) -> dict[str, np.ndarray]:
    """The metrics the bootstrap code computes from counts, on each resample ``idx[r]``."""
    task = data.task
    w = counts(idx, len(ids))
    if task.kind == SPAN:
        rows = np.array([span_counts(data.gold[i], preds.values[i]) for i in ids], dtype=float)
        return span_metrics(w @ rows)
    out = {}
    if preds.labelled:
        code = {lab: k for k, lab in enumerate(task.labels)}
        gold = np.array([code[data.gold[i]] for i in ids])
        pred = np.array([code[preds.values[i]] for i in ids])
        out.update(resampled_classification(task.kind, gold, pred, w))
        if task.kind == BINARY:
            out.update(binary_prf(gold, pred, w))
    if task.ranking and preds.scores is not None:
        out.update(resampled_ranking(idx, *ranking_inputs(data, preds, ids)))
    return out


def rescored(data: TaskData, preds: Predictions, ids: list[str], idx: np.ndarray, metric: str) -> np.ndarray:
    """``metric`` on each resample, by scoring the resampled rows with the scorer itself."""
    values = []
    for row in idx:
        copies = [f"{ids[k]}#{j:06d}" for j, k in enumerate(sorted(row))]
        origin = {c: ids[k] for c, k in zip(copies, sorted(row))}
        sub = TaskData(data.task, copies, {c: data.gold[o] for c, o in origin.items()},
                       {c: data.text[o] for c, o in origin.items()}, {c: data.fold[o] for c, o in origin.items()},
                       {c: data.group[o] for c, o in origin.items()}, data.config_of, data.file)
        scores = None if preds.scores is None else {c: preds.scores[o] for c, o in origin.items()}
        sub_preds = Predictions(preds.task, {c: preds.values[o] for c, o in origin.items()}, scores, preds.source)
        value = score(sub, sub_preds, resamples=1)["metrics"].get(metric)
        values.append(np.nan if value is None else value)
    return np.array(values, dtype=float)


def metric_names(data: TaskData, preds: Predictions) -> list[str]:
    """The metrics the scorer reports for these predictions, in its (sorted) order; those it reports as
    not available (``None``: classification metrics of a ranking file without labels) are left out."""
    return sorted(m for m, v in score(data, preds, resamples=1)["metrics"].items() if v is not None)


def resampled_metrics(data: TaskData, preds: Predictions, idx: np.ndarray,
                      names: list[str] | None = None) -> dict[str, np.ndarray]:
    """``{metric: values}`` with one value per row of ``idx`` (indices into ``data.labelled``)."""
    ids = data.labelled
    names = metric_names(data, preds) if names is None else names
    fast = vectorised(data, preds, ids, idx)
    return {m: np.asarray(fast[m], dtype=float) if m in fast else rescored(data, preds, ids, idx, m)
            for m in names}
