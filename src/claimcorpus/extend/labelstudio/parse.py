"""Reading one task of a Label Studio JSON export: which sentence, which result, which regions.

Every check names the export file, the task, the field and what was expected:
unknown controls or labels, spans off the task text, tasks of another version
of the document (sha256, sentence text or start differ).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...errors import CorpusError
from .config import TEXT, Control, sdk_errors


@dataclass
class Region:
    """A labelled span of the task text with its per-region values (offsets in the sentence)."""

    rid: str
    control: str
    label: str
    start: int
    end: int
    text: str
    note: str | None
    where: str
    extra: dict = field(default_factory=dict)

    def doc_span(self, sentence_start: int) -> dict:
        """The span in document offsets."""
        return {"start": self.start + sentence_start, "end": self.end + sentence_start, "text": self.text}


@dataclass
class ParsedTask:
    sid: str
    start: int
    where: str
    data: dict
    choices: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    regions: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """What a task is checked against."""

    path: Path
    sentences: dict  # sentence_id -> sentence record
    doc_id: str
    sha256: str
    controls: dict  # name -> Control
    use_predictions: bool = False
    completed_by: str | None = None
    config: str | None = None  # labeling config XML, for label-studio-sdk's own check


def fail(ctx: Context, where: str, name: str, expected: str, found) -> CorpusError:
    return CorpusError(ctx.path, where, name, expected, found)


def task_sentence(task: dict, pos: int, ctx: Context) -> tuple[dict, str]:
    """The sentence a task is about, after checking it is this version of the document."""
    data = task.get("data") if isinstance(task, dict) else None
    where = f"task {task.get('id', f'#{pos}') if isinstance(task, dict) else f'#{pos}'}"
    if not isinstance(data, dict) or data.get("sentence_id") not in ctx.sentences:
        found = data.get("sentence_id") if isinstance(data, dict) else data
        raise fail(ctx, where, "data.sentence_id", f"a sentence id of {ctx.doc_id} (claimcorpus export)", found)
    sent = ctx.sentences[data["sentence_id"]]
    where = f"{where} ({sent['sentence_id']})"
    for name, expected in (("doc_id", ctx.doc_id), ("document_sha256", ctx.sha256), (TEXT, sent["text"]),
                           ("sentence_start", sent["start"])):
        if data.get(name) != expected:
            raise fail(ctx, where, f"data.{name}", f"{expected!r} (this version of the document)", data.get(name))
    return sent, where


#: What Label Studio's export settings are called, for the errors that need another one.
SNAPSHOT = ("a snapshot export: POST /api/projects/<id>/exports/ with serialization_options {}, then GET "
            "/api/projects/<id>/exports/<n>/download?exportType=JSON")
FULL_PREDICTIONS = SNAPSHOT.format('{"predictions": {"only_id": false}}')
FULL_USERS = SNAPSHOT.format('{"annotations__completed_by": {"only_id": false}}')


def user_keys(who) -> set[str]:
    """What ``completed_by`` can be matched with: the user id, and the email when the export has it."""
    if isinstance(who, dict):
        return {str(who[k]) for k in ("id", "email") if who.get(k) is not None}
    return set() if who is None else {str(who)}


def matches(entry: dict, completed_by: str | None) -> bool:
    return completed_by is None or completed_by in user_keys(entry.get("completed_by"))


def embedded_predictions(task: dict) -> dict[str, dict]:
    """Predictions the default export embeds in annotations made from them (``prediction``), by id."""
    out = {}
    for ann in task.get("annotations") or []:
        pred = ann.get("prediction") if isinstance(ann, dict) else None
        if isinstance(pred, dict) and isinstance(pred.get("result"), list) and pred.get("id") is not None:
            out[str(pred["id"])] = pred
    return out


def predictions_of(task: dict, where: str, ctx: Context) -> list:
    """The task's predictions as objects: ids only (the default export) are resolved through the
    annotations made from them, else the error names the export setting that includes them."""
    entries = task.get("predictions") or []
    if not isinstance(entries, list):
        raise fail(ctx, where, "predictions", "a list of predictions", type(entries).__name__)
    embedded, out = embedded_predictions(task), []
    for entry in entries:
        if isinstance(entry, (int, str)) and not isinstance(entry, bool):
            if str(entry) not in embedded:
                raise fail(ctx, where, "predictions", "predictions with their result; Label Studio's default JSON "
                           "export lists them as ids only, and this task has no annotation made from prediction "
                           f"{entry}: use {FULL_PREDICTIONS}", entries)
            entry = embedded[str(entry)]
        out.append(entry)
    return out


def refuse_email_filter(entries: list, where: str, ctx: Context) -> None:
    """``--completed-by EMAIL`` on an export that gives users as ids only: say which setting gives emails."""
    whos = [e.get("completed_by") for e in entries if isinstance(e, dict)]
    if ctx.completed_by is None or not whos or any(isinstance(w, dict) for w in whos):
        return
    if any(ctx.completed_by in user_keys(w) for w in whos):
        return
    if "@" in ctx.completed_by:
        raise fail(ctx, where, "annotations.completed_by", f"the user {ctx.completed_by!r}; this export gives "
                   "completed_by as user ids only (Label Studio's default JSON export): pass the user id to "
                   f"--completed-by, or use {FULL_USERS}", sorted({str(w) for w in whos}))


def chosen_result(task: dict, where: str, ctx: Context) -> tuple[str, list]:
    """The one non-cancelled annotation (or prediction) of a task, and its field path."""
    key = "predictions" if ctx.use_predictions else "annotations"
    if ctx.use_predictions:
        listed = predictions_of(task, where, ctx)
    else:
        listed = task.get("annotations") or []
        refuse_email_filter(listed, where, ctx)
    entries = [(k, e) for k, e in enumerate(listed) if isinstance(e, dict)
               and not e.get("was_cancelled") and (ctx.use_predictions or matches(e, ctx.completed_by))]
    if len(entries) != 1 or not isinstance(entries[0][1].get("result"), list):
        hint = "one prediction per task (export a pass or the models once)" if ctx.use_predictions else \
            "filter with --completed-by (user id, or email in a snapshot with full users), or use " \
            "--from-predictions for tasks never annotated"
        found = [e.get("model_version") if ctx.use_predictions else e.get("completed_by") for _, e in entries]
        raise fail(ctx, where, key, f"exactly one non-cancelled entry with a result list ({hint})",
                   found or f"no {'prediction' if ctx.use_predictions else 'annotation'}"
                   + ("" if ctx.completed_by is None or ctx.use_predictions else f" by {ctx.completed_by}"))
    return f"{key}[{entries[0][0]}]", entries[0][1]["result"]


def one_value(value: dict, key: str, control: Control, ctx: Context, where: str, name: str) -> str:
    """The single string a result holds; a known label when the control has a fixed list."""
    vals = value.get(key)
    if not isinstance(vals, list) or len(vals) != 1 or not isinstance(vals[0], str):
        raise fail(ctx, where, f"{name}.value.{key}", "a list with one string", vals)
    if control.values is not None and vals[0] not in control.values:
        raise fail(ctx, where, f"{name}.value.{key}", f"a label of {control.name}: " + ", ".join(control.values),
                   vals[0])
    return vals[0]


def span_of(value: dict, text: str, ctx: Context, where: str, name: str) -> tuple[int, int]:
    """``[start, end)`` of a region inside the task text (Label Studio offsets are task-relative)."""
    start, end = value.get("start"), value.get("end")
    if not (type(start) is int and type(end) is int and 0 <= start < end <= len(text)):
        raise fail(ctx, where, f"{name}.value.start", f"0 <= start < end <= {len(text)} (offsets in the task "
                   "text)", [start, end])
    if "text" in value and isinstance(value["text"], str) and value["text"] != text[start:end]:
        raise fail(ctx, where, f"{name}.value.text", f"task text[{start}:{end}] = {text[start:end]!r}",
                   value["text"])
    return start, end


def parse_item(item, name: str, parsed: ParsedTask, ctx: Context, pending: list) -> None:
    """Check one result item and file it as a choice, a text, a region or a per-region value."""
    item = item if isinstance(item, dict) else {}
    control = ctx.controls.get(item.get("from_name"))
    if control is None:
        raise fail(ctx, parsed.where, f"{name}.from_name", "a control of the labeling config: "
                   + ", ".join(ctx.controls), item.get("from_name"))
    if item.get("type") != control.kind or item.get("to_name") != TEXT:
        raise fail(ctx, parsed.where, f"{name}.type", f"type {control.kind!r} on {TEXT!r}",
                   [item.get("type"), item.get("to_name")])
    value = item.get("value") if isinstance(item.get("value"), dict) else {}
    val = one_value(value, {"textarea": "text"}.get(control.kind, control.kind), control, ctx, parsed.where, name)
    rid, text = str(item.get("id")), parsed.data[TEXT]
    if control.kind == "labels":
        start, end = span_of(value, text, ctx, parsed.where, name)
        if rid in parsed.regions:
            raise fail(ctx, parsed.where, f"{name}.id", "one labelled span per region id", rid)
        meta = (item.get("meta") or {}).get("text") or []
        parsed.regions[rid] = Region(rid, control.name, val, start, end, text[start:end],
                                     "\n".join(meta) or None, f"{parsed.where} {name}")
    elif control.per_region:
        span_of(value, text, ctx, parsed.where, name)
        pending.append((rid, control.name, val, name))
    else:
        target = parsed.choices if control.kind == "choices" else parsed.texts
        if control.name in target:
            raise fail(ctx, parsed.where, name, f"one {control.name} per task", val)
        target[control.name] = val


def parse_task(task: dict, pos: int, ctx: Context) -> ParsedTask:
    """A checked task: its sentence, sentence-level choices and texts, and labelled regions."""
    sent, where = task_sentence(task, pos, ctx)
    prefix, result = chosen_result(task, where, ctx)
    parsed, pending = ParsedTask(sent["sentence_id"], sent["start"], where, task["data"]), []
    for j, item in enumerate(result):
        parse_item(item, f"{prefix}.result[{j}]", parsed, ctx, pending)
    for rid, control, val, name in pending:
        if rid not in parsed.regions:
            raise fail(ctx, where, f"{name}.id", f"the id of a labelled span ({control} is per region)", rid)
        parsed.regions[rid].extra[control] = val
    errors = sdk_errors(ctx.config, result) if ctx.config else []
    if errors:
        raise fail(ctx, where, f"{prefix}.result", "a result valid for the labeling config (label-studio-sdk)",
                   errors[:3])
    return parsed
