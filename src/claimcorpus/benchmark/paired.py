"""Paired comparison of two systems on the same rows: difference B - A of every metric, CI, p-value.

Both systems are scored on the same bootstrap resamples of the scored rows (those
of :func:`.bootstrap.resample_indices`, the ones :func:`.scorer.score` uses), so
the difference is recomputed on each resample. The 95% interval is the
percentile interval of those differences. The two-sided p-value is the one that
inverts that interval (Koehn 2004's paired bootstrap, two-sided):
``p = min(1, 2 (k + 1) / (R + 1))``, where ``k`` is the smaller of the number of
resamples with a difference ``<= 0`` and ``>= 0`` and ``R`` the number of
resamples on which the metric is defined for both systems. Resamples where the
systems tie count on both sides, so identical systems get ``p = 1``.
"""

from __future__ import annotations

import numpy as np

from .bootstrap import LEVEL, RESAMPLES, SEED, interval, resample_indices
from .checker import Predictions
from .gold import TaskData
from .resampled import metric_names, resampled_metrics
from .scorer import rounded

ALPHA = 0.05


def p_value(diffs: np.ndarray) -> float | None:
    """Two-sided p-value of "no difference" from resampled differences (module docstring)."""
    d = diffs[np.isfinite(diffs)]
    if d.size == 0:
        return None
    k = min(int(np.sum(d <= 0)), int(np.sum(d >= 0)))
    return min(1.0, 2 * (k + 1) / (d.size + 1))


def difference(a: np.ndarray, b: np.ndarray, observed: float) -> dict:
    """Observed difference, percentile CI, p-value and resamples used, from two resampled metrics."""
    diffs = b - a
    p = p_value(diffs)
    return {"difference": observed, "ci95": interval(diffs, LEVEL), "p_value": p,
            "significant": p is not None and p < ALPHA, "resamples_used": int(np.isfinite(diffs).sum())}


def point(values: dict[str, np.ndarray]) -> dict[str, float]:
    return {m: float(v[0]) for m, v in values.items()}


def ranking_lists(data: TaskData) -> int:
    """How many ranked lists (documents) the ranking metrics average over."""
    return len({data.group[i] for i in data.labelled})


def shared_metrics(data: TaskData, a: Predictions, b: Predictions) -> list[str]:
    """Metrics the scorer reports for both systems (ranking metrics need scores in both)."""
    names_b = set(metric_names(data, b))
    return [m for m in metric_names(data, a) if m in names_b]


def notes(data: TaskData, a: Predictions, b: Predictions) -> list[str]:
    task, out = data.task, []
    if task.ranking and (a.scores is None) != (b.scores is None):
        out.append("ranking metrics not compared: only one of the two files gives scores")
    if task.ranking and a.scores is not None and b.scores is not None:
        lists = ranking_lists(data)
        unit = data.task.config[:-1]
        out.append(f"ranking metrics average over {lists} ranked list(s) (documents); the resampled units are "
                   f"{unit}s, so their intervals reflect which {unit}s fill "
                   + ("this one list, not variation between documents" if lists == 1 else
                      "the lists, with the documents held fixed"))
    return out


def compare(data: TaskData, a: Predictions, b: Predictions, resamples: int = RESAMPLES, seed: int = SEED) -> dict:
    """The paired comparison of ``b`` against ``a`` on every shared metric (see the module docstring)."""
    names = shared_metrics(data, a, b)
    idx = resample_indices(len(data.labelled), resamples, seed)
    identity = np.arange(len(data.labelled))[None, :]
    pa_, pb_ = point(resampled_metrics(data, a, identity, names)), point(resampled_metrics(data, b, identity, names))
    ra, rb = resampled_metrics(data, a, idx, names), resampled_metrics(data, b, idx, names)
    metrics = {m: {"a": pa_[m], "b": pb_[m], **difference(ra[m], rb[m], pb_[m] - pa_[m])} for m in names}
    task = data.task
    return rounded({
        "task": task.name, "config": task.config, "kind": task.kind, "headline": task.headline[0],
        "n": len(data.labelled), "n_unlabelled": len(data.ids) - len(data.labelled),
        "a": a.source, "b": b.source,
        "bootstrap": {"resamples": resamples, "seed": seed, "level": LEVEL, "method": "paired percentile",
                      "p_value": "two-sided, inverts the percentile interval", "alpha": ALPHA,
                      "unit": "sentence" if task.config == "sentences" else "claim"},
        "metrics": metrics, "notes": notes(data, a, b),
    })
