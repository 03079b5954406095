"""Run every baseline on every task with gold labels; results as sorted-key JSON.

majority, TF-IDF + LR and MiniLM + LR are cross-validated over the release's
grouped folds (:mod:`.crossval`); the rules need no training. Each run is
deterministic: fixed seeds, one BLAS/torch thread, rows in id order.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from .bootstrap import RESAMPLES, SEED
from .catalogue import BASELINES, FORMAT, PROTOCOL, RESULTS  # noqa: F401  (re-exported)
from .checker import check_rows
from .crossval import cross_validate, majority_fit_predict, model_fit_predict
from .gold import Gold, TaskData, load_gold, task_data
from .models import embedding_logreg, tfidf_logreg
from .rules import rule_prediction
from .scorer import score
from .tasks import SPAN, TASKS


class Embeddings:
    """Embeddings of every text of a config, computed once per run."""

    def __init__(self, gold: Gold):
        self.gold, self.cache = gold, {}

    def of(self, data: TaskData) -> dict[str, np.ndarray]:
        if data.task.config not in self.cache:
            from .embeddings import encode

            vectors = encode([data.text[i] for i in data.ids])
            self.cache[data.task.config] = dict(zip(data.ids, vectors))
        return self.cache[data.task.config]


def baseline_rows(name: str, data: TaskData, embeddings: Embeddings) -> list[dict] | None:
    """Prediction rows of one baseline for one task (``None``: not applicable)."""
    task = data.task
    if name == "rules":
        return [{"id": i, **rule_prediction(task, data.text[i])} for i in data.ids]
    if task.kind == SPAN:
        return None
    if name == "majority":
        return cross_validate(data, majority_fit_predict(task.labels))
    if name == "tfidf_lr":
        return cross_validate(data, model_fit_predict(tfidf_logreg, lambda ids: [data.text[i] for i in ids], task))
    vectors = embeddings.of(data)
    return cross_validate(data, model_fit_predict(embedding_logreg, lambda ids: np.stack([vectors[i] for i in ids]),
                                                  task))


def task_results(data: TaskData, names: list[str], embeddings: Embeddings, times: dict, **kw) -> dict:
    out = {}
    for name in names:
        start = time.perf_counter()
        rows = baseline_rows(name, data, embeddings)
        if rows is not None:
            out[name] = score(data, check_rows(data, rows, name), **kw)
        times[name] = times.get(name, 0.0) + time.perf_counter() - start
    return out


def gold_record(gold: Gold, root: Path) -> dict:
    def rel(path: Path) -> str:
        path = path.resolve()
        return path.relative_to(root.resolve()).as_posix() if path.is_relative_to(root.resolve()) else path.name

    return {c: {"file": rel(f), "sha256": gold.sha256[c]} for c, f in gold.files.items()}


def run_baselines(gold_dir: Path, root: Path, names: list[str] | None = None, resamples: int = RESAMPLES,
                  seed: int = SEED, times: dict | None = None) -> dict:
    """Results of ``names`` (default: all) on every task; ``times`` collects seconds per baseline."""
    from threadpoolctl import threadpool_limits

    names, times = list(names or BASELINES), {} if times is None else times
    gold = load_gold(gold_dir)
    embeddings, results = Embeddings(gold), {}
    with threadpool_limits(limits=1):
        for task in TASKS.values():
            data = task_data(gold, task)
            results[task.name] = (task_results(data, names, embeddings, times, resamples=resamples, seed=seed)
                                  if data.labelled else
                                  {"unavailable": f"no gold labels: `{task.field}` is null in every row"})
    return {"format": FORMAT, "gold": gold_record(gold, root), "protocol": PROTOCOL,
            "baselines": {n: BASELINES[n] for n in names}, "results": results}


def dumps(results: dict) -> str:
    return json.dumps(results, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write_results(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(results), encoding="utf-8")
