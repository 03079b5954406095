"""Point metrics of classification tasks, computed with scikit-learn."""

from __future__ import annotations

from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

from .tasks import BINARY, Task


def label_name(label: object) -> str:
    """JSON key of a label: ``true``/``false`` for booleans, the label itself otherwise."""
    return str(label).lower() if isinstance(label, bool) else str(label)


def per_class(gold: list, pred: list, labels: tuple) -> dict[str, dict]:
    """Precision, recall, F1 and support of every label of the inventory."""
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=list(labels), zero_division=0)
    return {label_name(lab): {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]),
                              "support": int(s[i])} for i, lab in enumerate(labels)}


def classification_metrics(task: Task, gold: list, pred: list) -> dict[str, float]:
    """Binary: P/R/F1 of the positive class and accuracy; multiclass: macro-F1 and accuracy.

    Macro-F1 averages over the labels present in the gold or the predictions
    (scikit-learn's default), so labels absent from both do not count as zero.
    """
    accuracy = float(accuracy_score(gold, pred))
    if task.kind == BINARY:
        p, r, f, _ = precision_recall_fscore_support(gold, pred, labels=[True], zero_division=0)
        return {"precision": float(p[0]), "recall": float(r[0]), "f1": float(f[0]), "accuracy": accuracy}
    return {"macro_f1": float(f1_score(gold, pred, average="macro", zero_division=0)), "accuracy": accuracy}
