"""The format checker: located prediction records -> validated predictions, or every problem.

Rejected: missing, extra and duplicate ids; ids of the other config; unknown
labels; wrong types; malformed spans; scores on some rows only; a CheckThat!
topic that is not the row's document. A ranking task also takes a file of
scores without labels. A problem of the whole file (no id of this corpus at
all, labels missing everywhere) is reported alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from .gold import TaskData
from .predictions import Located, PredictionsError, read_predictions
from .tasks import BINARY, SPAN, TASKS, Task

TSV_BOOLS = {"1": True, "0": False, "true": True, "false": False, "yes": True, "no": False}


@dataclass
class Predictions:
    """Checked predictions of one task: ``values[id]`` is a label or a list of spans.

    ``labelled`` is False for a ranking file of scores only (``values[id]`` is then ``None``).
    """

    task: str
    values: dict[str, object]
    scores: dict[str, float] | None
    source: str
    labelled: bool = True


def check_label(task: Task, value: object, tsv: bool) -> tuple[object, str | None]:
    if task.kind == BINARY:
        if tsv and isinstance(value, str) and value.strip().lower() in TSV_BOOLS:
            return TSV_BOOLS[value.strip().lower()], None
        if not tsv and isinstance(value, bool):
            return value, None
        expected = "1/0, true/false or yes/no" if tsv else "a JSON boolean (true or false)"
        return None, f"label: expected {expected}, found {value!r}"
    if not isinstance(value, str):
        return None, f"label: expected a string, found {type(value).__name__} {value!r}"
    if value not in task.labels:
        return None, f"label: unknown label {value!r} (expected one of {', '.join(task.labels)})"
    return value, None


def check_score(value: object, tsv: bool) -> tuple[float | None, str | None]:
    if tsv and isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None, f"score: expected a number, found {value!r}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, f"score: expected a number, found {type(value).__name__} {value!r}"
    if not math.isfinite(value):
        return None, f"score: expected a finite number, found {value!r}"
    return float(value), None


def check_spans(value: object, length: int | None) -> tuple[list | None, str | None]:
    if not isinstance(value, list):
        return None, f"spans: expected a list of [start, end] pairs, found {type(value).__name__}"
    spans = []
    for item in value:
        ok = (isinstance(item, list) and len(item) == 2
              and all(isinstance(x, int) and not isinstance(x, bool) for x in item))
        if not ok:
            return None, f"spans: expected [start, end] integer pairs, found {item!r}"
        if not 0 <= item[0] < item[1] or (length is not None and item[1] > length):
            return None, f"spans: [{item[0]}, {item[1]}] is not a non-empty span of the sentence (0..{length})"
        spans.append((item[0], item[1]))
    if len(set(spans)) != len(spans):
        return None, "spans: duplicate span"
    return sorted(spans), None


def allowed_keys(task: Task, tsv: bool) -> set[str]:
    if task.kind == SPAN:
        return {"id", "spans"}
    return {"id", "label", "score", "topic", "_tsv"} if tsv else {"id", "label", "score"}


def check_id(data: TaskData, rid: object, seen: dict[str, str]) -> str | None:
    if not isinstance(rid, str):
        return f"id: expected a string, found {type(rid).__name__} {rid!r}"
    if rid in seen:
        return f"id: duplicate id {rid!r} (first at {seen[rid]})"
    other = data.config_of.get(rid)
    if other is not None and other != data.task.config:
        return (f"id: {rid!r} is an id of the {other} config; task {data.task.name} is scored on "
                f"{data.task.config}")
    if rid not in data.gold:
        return f"id: unknown id {rid!r} (not in {data.file})"
    return None


def check_topic(data: TaskData, rec: dict) -> str | None:
    """A CheckThat! topic column must name the row's document."""
    if "topic" not in rec or rec["id"] not in data.group or rec["topic"] == data.group[rec["id"]]:
        return None
    return f"topic: {rec['topic']!r} is not the document of {rec['id']!r} (expected {data.group[rec['id']]!r})"


def needed_keys(task: Task, labelled: bool) -> tuple[str, ...]:
    if task.kind == SPAN:
        return ("id", "spans")
    return ("id", "label") if labelled else ("id", "score")


def check_record(data: TaskData, loc: Located, seen: dict[str, str],
                 labelled: bool = True) -> tuple[tuple | None, list[str]]:
    """``(id, value, score)`` of one record, or its problems; ``labelled=False``: scores only."""
    task, rec = data.task, loc.record
    tsv = rec.get("_tsv", False)
    problems = [f"unknown key {k!r}" for k in sorted(set(rec) - allowed_keys(task, tsv))]
    problems += [f"missing key {k!r}" for k in needed_keys(task, labelled) if k not in rec]
    if problems:
        return None, [f"{loc.where}: {p}" for p in problems]
    text = data.text.get(rec["id"]) if isinstance(rec["id"], str) else None
    value, problem = None, None
    if task.kind == SPAN:
        value, problem = check_spans(rec["spans"], None if text is None else len(text))
    elif "label" in rec:
        value, problem = check_label(task, rec["label"], tsv)
    score, score_problem = (None, None)
    if "score" in rec:
        score, score_problem = (check_score(rec["score"], tsv) if task.kind == BINARY
                                else (None, "score: scores are defined for binary tasks only"))
    id_problem = check_id(data, rec["id"], seen)
    topic_problem = None if id_problem else check_topic(data, rec)
    problems = [p for p in (id_problem, topic_problem, problem, score_problem) if p]
    if problems:
        return None, [f"{loc.where}: {p}" for p in problems]
    seen[rec["id"]] = loc.where
    return (rec["id"], value, score), []


def file_problem(data: TaskData, records: list[Located], source: str) -> str | None:
    """A problem of the file as a whole, reported alone: no id of this corpus, or no label on any row
    (scores alone are accepted for a ranking task)."""
    ids = [i for i in (loc.record.get("id") for loc in records) if isinstance(i, str)]
    if ids and not any(i in data.config_of for i in ids):
        return (f"{source}: none of its {len(ids)} ids is an id of this corpus (expected the "
                f"{data.task.id_column} values of {data.file}; CheckThat! files: the tweet_id or id column)")
    task = data.task
    if task.kind == SPAN or not records or any("label" in loc.record for loc in records):
        return None
    scored = any("score" in loc.record for loc in records)
    if task.ranking and scored:
        return None
    ranking = ", ".join(t.name for t in TASKS.values() if t.ranking)
    if scored:
        return (f"{source}: no row has a 'label' (task {task.name} needs one per row; scores without labels "
                f"are scored as a ranking, for {ranking} only)")
    return f"{source}: no row has a 'label' (expected one per row" + (" or a 'score' per row)" if task.ranking else ")")


def missing_problems(data: TaskData, values: dict, rejected: set[str], unattributed: int, source: str) -> list[str]:
    """One problem per id without a prediction; one in all when some lines had no usable id."""
    missing = [i for i in data.ids if i not in values and i not in rejected]
    if missing and unattributed:
        return [f"{source}: {len(missing)} id(s) have no prediction ({unattributed} line(s) above could "
                f"not be matched to an id)"]
    return [f"{source}: missing prediction for id {i!r}" for i in missing]


def check_records(data: TaskData, records: list[Located], source: str,
                  problems: list[str] | None = None) -> Predictions:
    """Validate every record against the task; raise :class:`PredictionsError` listing all problems."""
    whole = file_problem(data, records, source)
    if not records and not problems:
        whole = f"{source}: no predictions (expected one per {data.task.id_column} of {data.file})"
    if whole:
        raise PredictionsError([whole])
    labelled = not (data.task.ranking and records and not any("label" in loc.record for loc in records))
    problems = list(problems or [])
    unattributed, seen, values, scores, rejected = len(problems), {}, {}, {}, set()
    for loc in records:
        checked, found = check_record(data, loc, seen, labelled)
        problems += found
        rid = loc.record.get("id")
        if found and isinstance(rid, str) and rid in data.gold:
            rejected.add(rid)
        elif found:
            unattributed += 1
        if checked:
            rid, values[rid], score = checked
            if score is not None:
                scores[rid] = score
    if scores and len(scores) != len(values):
        problems.append(f"{source}: 'score' on {len(scores)} of {len(values)} rows (give it on every row or none)")
    problems += missing_problems(data, values, rejected, unattributed, source)
    if problems:
        raise PredictionsError(problems)
    return Predictions(data.task.name, values, scores or None, source, labelled)


def check_file(data: TaskData, path: Path) -> Predictions:
    """Read and check a predictions file (``.jsonl`` or ``.tsv``)."""
    if Path(path).suffix == ".tsv" and data.task.kind != BINARY:
        raise PredictionsError([f"{path}: TSV predictions are accepted for binary tasks only "
                                f"({data.task.name} is {data.task.kind}); use JSONL"])
    records, problems = read_predictions(path)
    return check_records(data, records, str(path), problems)


def check_rows(data: TaskData, rows: list[dict], source: str) -> Predictions:
    """Check in-memory prediction rows (from a model adapter); ``where`` is ``source:row``."""
    return check_records(data, [Located(f"{source}:{i}", row) for i, row in enumerate(rows, 1)], source)
