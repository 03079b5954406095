"""Model adapters: a Python callable, a local Hugging Face pipeline, or a predictions file.

Whatever the source, predictions pass through the same format checker as a file.
A callable receives the texts of every row of the task's config (in id order)
and returns one output per text: a label, a ``(label, score)`` pair, a dict
with ``label``/``score``, or (span tasks) a list of ``(start, end)`` offsets
into the text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .checker import TSV_BOOLS, Predictions, check_file, check_rows
from .gold import TaskData
from .predictions import PredictionsError
from .tasks import BINARY, SPAN, Task

HF_BOOLS = {**TSV_BOOLS, "label_1": True, "label_0": False}


def output_row(task: Task, rid: str, out: object) -> dict:
    if task.kind == SPAN:
        return {"id": rid, "spans": [list(s) for s in out]}
    if isinstance(out, dict):
        return {"id": rid, **out}
    if isinstance(out, tuple):
        return {"id": rid, "label": out[0], "score": out[1]}
    return {"id": rid, "label": out}


def predict_with(data: TaskData, fn: Callable[[list[str]], list], source: str = "<callable>") -> Predictions:
    """Run ``fn`` on the texts of the task's rows and check its outputs."""
    outputs = list(fn([data.text[i] for i in data.ids]))
    if len(outputs) != len(data.ids):
        raise PredictionsError([f"{source}: {len(outputs)} outputs for {len(data.ids)} texts"])
    return check_rows(data, [output_row(data.task, i, o) for i, o in zip(data.ids, outputs)], source)


def predict_file(data: TaskData, path: Path) -> Predictions:
    return check_file(data, path)


def task_label(task: Task, name: str, label_map: dict | None) -> object:
    """A model's label name as a task label (binary: true/false, 1/0, yes/no, LABEL_1/LABEL_0)."""
    if label_map and name in label_map:
        return label_map[name]
    return HF_BOOLS.get(name.lower(), name) if task.kind == BINARY else name


def text_classification(model_dir: Path, task: Task, label_map: dict | None = None,
                        batch_size: int = 16) -> Callable[[list[str]], list]:
    """A local ``transformers`` text-classification model as a callable (binary: P(True) as score)."""
    from .embeddings import go_offline

    go_offline()
    from transformers import pipeline

    clf = pipeline("text-classification", model=str(model_dir), tokenizer=str(model_dir), device="cpu", top_k=None)

    def predict(texts: list[str]) -> list:
        outputs = []
        for ranked in clf(texts, batch_size=batch_size, truncation=True):
            best = task_label(task, ranked[0]["label"], label_map)
            if task.kind != BINARY:
                outputs.append(best)
                continue
            positive = [r["score"] for r in ranked if task_label(task, r["label"], label_map) is True]
            outputs.append((best, float(positive[0])) if positive else best)
        return outputs

    return predict


def token_classification(model_dir: Path, entity: str | None = None) -> Callable[[list[str]], list]:
    """A local ``transformers`` token-classification model as a span predictor.

    Word pieces are merged by the pipeline (``aggregation_strategy="simple"``);
    ``entity`` keeps only that entity group (e.g. ``HEDGE``), default all.
    """
    from .embeddings import go_offline

    go_offline()
    from transformers import pipeline

    ner = pipeline("token-classification", model=str(model_dir), tokenizer=str(model_dir), device="cpu",
                   aggregation_strategy="simple")

    def predict(texts: list[str]) -> list:
        return [sorted({(int(e["start"]), int(e["end"])) for e in ner(text)
                        if (entity is None or e["entity_group"] == entity) and e["end"] > e["start"]})
                for text in texts]

    return predict
