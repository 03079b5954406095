"""Run every baseline on every task with gold labels; results as sorted-key JSON.

majority, TF-IDF + LR and MiniLM + LR are cross-validated over the release's
grouped folds (:mod:`.crossval`); the rules need no training. Each run is
deterministic: fixed seeds, one BLAS/torch thread, rows in id order. The embedding baseline
reproduces on other CPUs within :data:`TOLERANCE`, the others exactly.
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
from .scorer import rounded, score
from .significance import task_comparisons
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


def task_results(data: TaskData, names: list[str], embeddings: Embeddings, times: dict,
                 predictions: dict, **kw) -> dict:
    """Score results of ``names`` on one task; their checked predictions go into ``predictions``."""
    out = {}
    for name in names:
        start = time.perf_counter()
        rows = baseline_rows(name, data, embeddings)
        if rows is not None:
            predictions[name] = check_rows(data, rows, name)
            out[name] = score(data, predictions[name], **kw)
        times[name] = times.get(name, 0.0) + time.perf_counter() - start
    return out


def gold_record(gold: Gold, root: Path) -> dict:
    def rel(path: Path) -> str:
        path = path.resolve()
        return path.relative_to(root.resolve()).as_posix() if path.is_relative_to(root.resolve()) else path.name

    return {c: {"file": rel(f), "sha256": gold.sha256[c]} for c, f in gold.files.items()}


def run_baselines(gold_dir: Path, root: Path, names: list[str] | None = None, resamples: int = RESAMPLES,
                  seed: int = SEED, times: dict | None = None, predictions: dict | None = None) -> dict:
    """Results of ``names`` (default: all) on every task; ``times`` collects seconds per baseline and
    ``predictions`` (if given) the checked predictions, ``{task: {baseline: Predictions}}``.

    With every baseline run, the results also hold the paired comparisons of the card's table
    (:mod:`.significance`); a subset has no comparisons, since the best of a subset is another row.
    """
    from threadpoolctl import threadpool_limits

    names, times = list(names or BASELINES), {} if times is None else times
    predictions = {} if predictions is None else predictions
    gold = load_gold(gold_dir)
    embeddings, results, comparisons = Embeddings(gold), {}, {}
    with threadpool_limits(limits=1):
        for task in TASKS.values():
            data = task_data(gold, task)
            if not data.labelled:
                results[task.name] = {"unavailable": f"no gold labels: `{task.field}` is null in every row"}
                continue
            preds = predictions.setdefault(task.name, {})
            results[task.name] = task_results(data, names, embeddings, times, preds, resamples=resamples, seed=seed)
            if set(names) == set(BASELINES):
                comparisons[task.name] = task_comparisons(data, preds, set(TOLERANCE), resamples, seed)
    out = {"format": FORMAT, "gold": gold_record(gold, root), "protocol": PROTOCOL,
           "baselines": {n: BASELINES[n] for n in names}, "results": results}
    return {**out, "comparisons": rounded(comparisons)} if set(names) == set(BASELINES) else out


#: How far a figure of a fresh run may be from the committed one and still be the same figure. The
#: embedding baseline's figures come from a float32 model run on the CPU, whose last bits differ between
#: CPUs; they are published to 4 decimals and match to one unit in that place (see models.EMBEDDING_TOL:
#: measured, perturbing the embeddings by up to 1e-4 relative moved none). The others are exact.
TOLERANCE = {"minilm_lr": 1e-4}


def differences(fresh: dict, committed: dict, path: str = "") -> list[str]:
    """Paths where two results files differ beyond :data:`TOLERANCE` (an empty list: the same results)."""
    parts = path.split("/")
    tol = TOLERANCE.get(parts[3], 0.0) if len(parts) > 3 and parts[1] == "results" else 0.0
    if isinstance(fresh, dict) and isinstance(committed, dict):
        if fresh.keys() != committed.keys():
            return [f"{path}: keys {sorted(fresh.keys() ^ committed.keys())} in one only"]
        return [d for k in sorted(fresh) for d in differences(fresh[k], committed[k], f"{path}/{k}")]
    if isinstance(fresh, list) and isinstance(committed, list) and len(fresh) == len(committed):
        return [d for i, (a, b) in enumerate(zip(fresh, committed)) for d in differences(a, b, f"{path}/{i}")]
    number = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)  # noqa: E731
    if tol and number(fresh) and number(committed):
        same = abs(fresh - committed) <= tol + 1e-9  # 1e-9: the decimal figures are binary floats
    else:
        same = type(fresh) is type(committed) and fresh == committed
    return [] if same else [f"{path}: {fresh!r} != {committed!r}"]


def dumps(results: dict) -> str:
    return json.dumps(results, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write_results(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(results), encoding="utf-8")
