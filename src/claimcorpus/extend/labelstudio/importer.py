"""``claimcorpus import-labelstudio``: a Label Studio JSON export -> an annotator's layer files.

Rebuilt from the annotation: ``sentence_labels`` (with the optional note),
``hedge_cues``, ``artifacts`` (item notes from region meta text) and declared
extra layers. ``sources`` and ``claims`` are rebuilt from the read-only copy
the export put in each task's data: the mention and cue spans with their
source type and attitude, and the claim spans with their claim type, are
taken from the annotation (a deleted region gives ``null``); adding a source
or a claim in Label Studio cannot be imported. Imported with the sentence
labels, claims follow them as ``adjudicate`` makes them: the claims of a
sentence that is not a claim are dropped, a claim sentence with one claim and
no main claim chosen gets it, and the main claim takes the sentence's
``check_worthy`` and ``hedge_level``, and its ``claim_type`` unless its span's
label was changed. The files are written to a temporary folder, schema- and
invariant-checked, then moved into place.
"""

from __future__ import annotations

from pathlib import Path

from ...corpus.annotations import SENTENCES_NAME, load_records
from ...corpus.document import load_document
from ...corpus.jsonl import dump_jsonl
from ...errors import CorpusError
from ...guard.safe_json import read_json_file
from ...paths import layer_file
from ...schema.layer_defs import load_definitions
from ...schema.layers import annotator_folder
from ..staging import check_staged_layers, refuse_existing, staged_folder
from .config import controls, label_config
from .parse import Context, ParsedTask, Region, fail, parse_task
from .sources import rebuild_claims, rebuild_sources

SPAN_LAYERS = {"hedge_cue": "hedge_cues", "artifact": "artifacts"}
EXTRAS = {"hedge_cue": {"holder"}, "artifact": {"correction"}}


def span_item(region: Region, task: ParsedTask, ctx: Context) -> dict:
    """A hedge cue, an artifact or an extra-layer span in document offsets."""
    extra = set(region.extra) - EXTRAS.get(region.control, set())
    if extra:
        raise fail(ctx, region.where, sorted(extra)[0], f"no per-region {sorted(extra)[0]} on a "
                   f"{region.control} span", region.extra)
    item = region.doc_span(task.start)
    if region.control == "hedge_cue":
        if "holder" not in region.extra:
            raise fail(ctx, region.where, "holder", "a holder (per-region choice) for every hedge cue", None)
        item.update(category=region.label, holder=region.extra["holder"])
    elif region.control == "artifact":
        item.update(type=region.label, correction=region.extra.get("correction", ""))
    else:
        return {**item, "label": region.label}
    return {**item, "note": region.note} if region.note else item


def choice(task: ParsedTask, name: str, ctx: Context) -> str:
    if name not in task.choices:
        raise fail(ctx, task.where, name, "a choice (required)", None)
    return task.choices[name]


def sentence_labels(task: ParsedTask, ctx: Context) -> dict:
    rec = {"sentence_id": task.sid, "is_claim": choice(task, "is_claim", ctx) == "true",
           "check_worthy": choice(task, "check_worthy", ctx) == "true",
           "claim_type": choice(task, "claim_type", ctx), "hedge_level": choice(task, "hedge_level", ctx),
           "main_claim_id": task.choices.get("main_claim")}
    return {**rec, "note": task.texts["sentence_note"]} if task.texts.get("sentence_note") else rec


def layer_record(layer: str, task: ParsedTask, ctx: Context, control: str) -> dict:
    """One sentence's record of a span layer; a record note carried by the export is kept."""
    items = [span_item(r, task, ctx) for r in task.regions.values() if r.control == control]
    rec = {"sentence_id": task.sid, layer: items}
    note = (task.data.get("record_notes") or {}).get(layer)
    return {**rec, "note": note} if note else rec


def align_claims(task: ParsedTask, labels: dict, claims: list[dict]) -> list[dict]:
    """The sentence's claims made consistent with its imported labels (see the module doc)."""
    if not labels["is_claim"]:
        return []
    if labels["main_claim_id"] is None and len(claims) == 1:
        labels["main_claim_id"] = claims[0]["claim_id"]
    carried = {c.get("claim_id"): c for c in task.data.get("claims") or [] if isinstance(c, dict)}
    for claim in claims:
        if claim["claim_id"] == labels["main_claim_id"]:
            claim.update(check_worthy=labels["check_worthy"], hedge_level=labels["hedge_level"])
            if claim["claim_type"] == carried.get(claim["claim_id"], {}).get("claim_type"):
                claim["claim_type"] = labels["claim_type"]
    return claims


def task_records(task: ParsedTask, layers: list[str], ctx: Context, kinds: dict[str, str]) -> dict[str, list]:
    """The records of one sentence for each layer to import (``kinds``: extra layer -> kind)."""
    out: dict[str, list] = {}
    for layer in layers:
        if layer == "sentence_labels":
            out[layer] = [sentence_labels(task, ctx)]
        elif layer == "sources":
            out[layer] = [rebuild_sources(task, ctx)]
        elif layer == "claims":
            out[layer] = rebuild_claims(task, ctx)
        elif kinds.get(layer) == "label":
            out[layer] = [{"sentence_id": task.sid, layer: choice(task, layer, ctx)}]
        else:
            control = {v: k for k, v in SPAN_LAYERS.items()}.get(layer, layer)
            out[layer] = [layer_record(layer, task, ctx, control)]
    if "sentence_labels" in out and "claims" in out:
        out["claims"] = align_claims(task, out["sentence_labels"][0], out["claims"])
    return out


def read_export(path: Path) -> list:
    tasks = read_json_file(path, "a Label Studio JSON export")
    if not isinstance(tasks, list):
        raise CorpusError(path, "(file)", "(json)", "a list of tasks (Label Studio JSON export)", type(tasks).__name__)
    return tasks


def parse_all(tasks: list, ctx: Context) -> dict[str, ParsedTask]:
    """Every task checked; exactly one task per sentence of the document."""
    parsed: dict[str, ParsedTask] = {}
    for pos, task in enumerate(tasks):
        one = parse_task(task, pos, ctx)
        if one.sid in parsed:
            raise fail(ctx, one.where, "data.sentence_id", f"one task per sentence (also {parsed[one.sid].where})",
                       one.sid)
        parsed[one.sid] = one
    missing = [sid for sid in ctx.sentences if sid not in parsed]
    if missing:
        raise fail(ctx, "(file)", "data.sentence_id", "a task for every sentence of the document", missing[:5])
    return parsed


def chosen_layers(parsed: dict[str, ParsedTask], layers: list[str] | None, known: list[str], ctx: Context) -> list:
    """``--layers``, else the layers the export listed in every task's data."""
    listed = {tuple(t.data.get("layers") or ()) for t in parsed.values()}
    if layers is None and len(listed) != 1:
        raise fail(ctx, "(file)", "data.layers", "the same layer list in every task (or pass --layers)",
                   sorted(listed))
    chosen = list(layers if layers is not None else listed.pop())
    for layer in chosen:
        if layer not in known:
            raise fail(ctx, "(file)", "layers", "layers of: " + ", ".join(known), layer)
    return chosen


def import_labelstudio(export: Path, doc_folder: Path, annotator: str, *, force: bool = False,
                       layers: list[str] | None = None, use_predictions: bool = False,
                       completed_by: str | None = None) -> Path:
    """Write ``annotator``'s layer files of ``doc_folder`` from a Label Studio export; return the folder."""
    final = annotator_folder(doc_folder, annotator)
    refuse_existing(final, force, f"folder of annotator {annotator}")
    document = load_document(doc_folder)
    sentences = load_records(doc_folder / SENTENCES_NAME, "sentences").records()
    definitions = load_definitions(doc_folder.parent.parent)
    ctx = Context(export, {s["sentence_id"]: s for s in sentences}, document.doc_id, document.meta["source_sha256"],
                  controls(definitions), use_predictions, completed_by, label_config(definitions))
    parsed = parse_all(read_export(export), ctx)
    kinds = {d.name: d.kind for d in definitions}
    chosen = chosen_layers(parsed, layers, ["sentence_labels", "hedge_cues", "artifacts", "sources", "claims",
                                            *kinds], ctx)
    records: dict[str, list] = {layer: [] for layer in chosen}
    for sent in sentences:
        for layer, recs in task_records(parsed[sent["sentence_id"]], chosen, ctx, kinds).items():
            records[layer] += recs
    with staged_folder(final, doc_folder, keep_existing=True) as tmp:
        for layer, recs in records.items():
            dump_jsonl(recs, tmp / layer_file(layer))
        check_staged_layers(doc_folder, tmp, final, annotator)
    return final
