"""Grouped 5-fold cross-validation: train on four folds, predict the fifth, pool the predictions.

Every row of the config gets a prediction (also rows whose gold is null, which
the scorer then leaves out); only labelled rows of the other folds train.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .gold import TaskData
from .tasks import BINARY, Task

#: ``fit_predict(train_ids, train_labels, test_ids) -> [(label, score or None), ...]``
FitPredict = Callable[[list[str], list, list[str]], list[tuple]]


def cross_validate(data: TaskData, fit_predict: FitPredict) -> list[dict]:
    """Pooled out-of-fold prediction rows (``id``, ``label``, optional ``score``) in id order."""
    out: dict[str, dict] = {}
    for fold in sorted(set(data.fold.values())):
        test = [i for i in data.ids if data.fold[i] == fold]
        train = [i for i in data.labelled if data.fold[i] != fold]
        for rid, (label, score) in zip(test, fit_predict(train, [data.gold[i] for i in train], test)):
            out[rid] = {"id": rid, "label": label, **({} if score is None else {"score": score})}
    return [out[i] for i in data.ids]


def majority(labels: list, inventory: tuple) -> object:
    """Most frequent training label; ties go to the label first in the inventory."""
    freq = Counter(labels)
    return max(inventory, key=lambda lab: (freq[lab], -inventory.index(lab)))


def majority_fit_predict(inventory: tuple) -> FitPredict:
    def fit_predict(train_ids, train_labels, test_ids):
        label = majority(train_labels, inventory)
        return [(label, None)] * len(test_ids)

    return fit_predict


def model_fit_predict(make_model: Callable, features: Callable[[list[str]], object], task: Task) -> FitPredict:
    """Fit ``make_model()`` on ``features(train_ids)``; binary tasks also get P(True) as score.

    With a single label among the training rows the model is not fitted: that label is
    predicted (with no labelled training row at all, the inventory's first label).
    """
    kind, inventory = task.kind, task.labels

    def fit_predict(train_ids, train_labels, test_ids):
        if len(set(train_labels)) < 2:
            label = train_labels[0] if train_labels else inventory[0]
            return [(label, float(label) if kind == BINARY else None)] * len(test_ids)
        model = make_model().fit(features(train_ids), train_labels)
        x = features(test_ids)
        labels = [v.item() if hasattr(v, "item") else v for v in model.predict(x)]
        if kind != BINARY:
            return [(lab, None) for lab in labels]
        positive = list(model.classes_).index(True)
        return [(lab, float(p)) for lab, p in zip(labels, model.predict_proba(x)[:, positive])]

    return fit_predict
