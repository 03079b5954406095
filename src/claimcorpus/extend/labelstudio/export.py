"""Label Studio tasks of a document: one task per sentence, a layer pass or the models as pre-annotation.

Offsets in a task are relative to the sentence text (Python code points, as
Label Studio stores them since it counts code points); ``data`` keeps the
sentence id and start, the document sha256 and, as read-only copies, the
pass's sources and claims of the sentence, so an import can check and
rebuild everything it does not show as editable. ``data.context`` is the
text around the sentence (the paragraphs before and after and its own, the
sentence marked), shown read-only beside it.

The pre-annotation is either an annotator's pass (``--annotator``) or a
proposal of the project's models (:func:`export_tasks` ``proposal``: layer
records, a score per label or span and a ``model_version``), checked with
the same schemas and invariants as a pass before it is exported.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from ...corpus.annotations import AnnotatedDocument, Records, load_annotated
from ...corpus.invariants import check_document
from ...errors import CorpusError
from ...schema.jsonschemas import check_records
from .config import TEXT
from .sources import region_id

#: Layers whose information a task carries (sources and claims partly as read-only data).
EXPORTED = ("sentence_labels", "hedge_cues", "artifacts", "sources", "claims")
RECORD_NOTE_LAYERS = ("hedge_cues", "artifacts", "sources")
#: Region ids Label Studio draws in the text: a region whose id has another character (``:`` in
#: exports before 0.3) is listed in the Regions panel but not highlighted.
RENDERABLE_ID = re.compile(r"[A-Za-z0-9_-]+")
#: How the sentence is marked inside its context.
MARK = ("⟦", "⟧")
#: The field a score of a proposal is keyed by, per control (others: the control name).
SCORE_FIELD = {"hedge_cue": "hedge_cues", "source_mention": "mention", "attribution_cue": "cue", "claim": "claims",
               "main_claim": "main_claim_id", "holder": "hedge_cues"}
SENTENCE_FIELDS = ("is_claim", "check_worthy", "claim_type", "hedge_level")


def result(rid: str, control: str, kind: str, value: dict, note: str | None = None) -> dict:
    out = {"id": rid, "from_name": control, "to_name": TEXT, "type": kind, "value": value}
    if note:
        out["meta"] = {"text": [note]}
    return out


def local(span: dict, start: int) -> dict:
    """A document span as a task span: offsets relative to the sentence start."""
    return {"start": span["start"] - start, "end": span["end"] - start, "text": span["text"]}


def choice_value(value) -> str:
    """A label as a Label Studio choice (booleans as ``true``/``false``)."""
    return ("true" if value else "false") if isinstance(value, bool) else value


def label_results(labels: dict | None, claim_fields: dict) -> list[dict]:
    if labels is None:
        return []
    out = [result(name, name, "choices", {"choices": [choice_value(labels[name])]}) for name in claim_fields]
    if labels["main_claim_id"] is not None:
        out.append(result("main_claim", "main_claim", "choices", {"choices": [labels["main_claim_id"]]}))
    if labels.get("note"):
        out.append(result("sentence_note", "sentence_note", "textarea", {"text": [labels["note"]]}))
    return out


def span_results(rid: str, control: str, span: dict, start: int, label: str, extra: dict) -> list[dict]:
    """The Labels result of a span plus its per-region results (``extra``: control -> value)."""
    value = local(span, start)
    out = [result(rid, control, "labels", {**value, "labels": [label]}, span.get("note"))]
    for name, (kind, key, val) in extra.items():
        out.append(result(rid, name, kind, {**value, key: [val]}))
    return out


def item_results(row: dict, start: int, definitions) -> list[dict]:
    """Results of every span layer of one sentence (``row``: layer -> list or None)."""
    out = []
    for i, cue in enumerate(row["hedge_cues"] or []):
        out += span_results(f"hedge-{i}", "hedge_cue", cue, start, cue["category"],
                            {"holder": ("choices", "choices", cue["holder"])})
    for i, art in enumerate(row["artifacts"] or []):
        extra = {"correction": ("textarea", "text", art["correction"])} if art["correction"] else {}
        out += span_results(f"artifact-{i}", "artifact", art, start, art["type"], extra)
    for src in row["sources"] or []:
        if src["mention"]:
            out += span_results(region_id(src["source_id"], "mention"), "source_mention", src["mention"], start,
                                src["source_type"], {})
        if src["cue"]:
            out += span_results(region_id(src["source_id"], "cue"), "attribution_cue", src["cue"], start,
                                src["attitude"], {})
    for claim in row["claims"] or []:
        if claim["span"]:
            out += span_results(region_id(claim["claim_id"], "span"), "claim", claim["span"], start,
                                claim["claim_type"], {})
    for defn in definitions:
        value = row.get(defn.name)
        if defn.kind == "spans":
            for i, item in enumerate(value or []):
                out += span_results(f"{defn.name}-{i}", defn.name, item, start, item["label"], {})
        elif value is not None:
            out.append(result(defn.name, defn.name, "choices", {"choices": [value]}))
    return out


def layer_index(doc: AnnotatedDocument, names) -> dict[str, dict[str, object]]:
    """``layer -> sentence_id -> record`` (claims: list of the sentence's claims)."""
    out: dict[str, dict] = {}
    for name in names:
        if name not in doc.layers:
            continue
        if name == "claims":
            out[name] = {}
            for claim in doc.layers[name].records():
                out[name].setdefault(claim["sentence_id"], []).append(claim)
        else:
            out[name] = {rec["sentence_id"]: rec for rec in doc.layers[name].records()}
    return out


def context_text(doc: AnnotatedDocument, sent: dict) -> str:
    """The paragraph before, the sentence's paragraph and the paragraph after, the sentence marked."""
    text, paragraphs = doc.document.text, {}
    for other in doc.sentences.records():
        first, last = paragraphs.get(other["paragraph"], (other["start"], other["end"]))
        paragraphs[other["paragraph"]] = (min(first, other["start"]), max(last, other["end"]))
    para = sent["paragraph"]
    before = [text[slice(*paragraphs[p])] for p in (para - 1,) if p in paragraphs]
    after = [text[slice(*paragraphs[p])] for p in (para + 1,) if p in paragraphs]
    first, last = paragraphs[para]
    own = text[first:sent["start"]] + MARK[0] + sent["text"] + MARK[1] + text[sent["end"]:last]
    return "\n\n".join([*before, own, *after])


def task_data(doc: AnnotatedDocument, sent: dict, index: dict, layers: list[str]) -> dict:
    sid = sent["sentence_id"]
    sources = index["sources"][sid]["sources"] if "sources" in index else None
    claims = [*index["claims"].get(sid, []), *index.get("spare_claims", {}).get(sid, [])] \
        if "claims" in index else None
    holders = [s["source_id"] for s in sources] if sources is not None else sorted(
        {h["holder"] for h in index["hedge_cues"][sid]["hedge_cues"]} if "hedge_cues" in index else ())
    labels = index.get("sentence_labels", {}).get(sid)
    mains = [c["claim_id"] for c in claims] if claims is not None else \
        [labels["main_claim_id"]] if labels and labels["main_claim_id"] else []
    data = {TEXT: sent["text"], "sentence_id": sid, "doc_id": doc.doc_id,
            "document_sha256": doc.document.meta["source_sha256"], "sentence_start": sent["start"],
            "annotator": doc.annotator, "layers": layers, "context": context_text(doc, sent),
            "source_options": [{"value": h} for h in holders], "claim_options": [{"value": c} for c in mains]}
    if sources is not None:
        data["sources"] = sources
    if claims is not None:
        data["claims"] = claims
    notes = {name: index[name][sid]["note"] for name in RECORD_NOTE_LAYERS if name in index
             and "note" in index[name][sid]}
    if notes:
        data["record_notes"] = notes
    return data


def score_key(item: dict, start: int) -> str:
    """The key of a result's score in a proposal: the field, and the span in document offsets."""
    field = SCORE_FIELD.get(item["from_name"], item["from_name"])
    value = item["value"]
    return f"{field} {value['start'] + start}-{value['end'] + start}" if "start" in value else field


def scored(results: list[dict], scores: dict, start: int) -> tuple[list[dict], float | None]:
    """Results with the proposal's score of each (``score``), and the mean sentence-label score."""
    out = []
    for item in results:
        key = score_key(item, start)
        out.append({**item, "score": round(scores[key], 4)} if scores.get(key) is not None else item)
    labels = [scores[f] for f in SENTENCE_FIELDS if scores.get(f) is not None]
    return out, (round(sum(labels) / len(labels), 4) if labels else None)


def sentence_task(doc: AnnotatedDocument, sent: dict, index: dict, layers: list[str], predictions: bool,
                  proposal: dict | None = None) -> dict:
    """One task; with ``predictions`` the pass's (or the proposal's) labels are its pre-annotation."""
    sid, start = sent["sentence_id"], sent["start"]
    task = {"data": task_data(doc, sent, index, layers)}
    if not predictions:
        return task
    row = {name: (index[name][sid][name] if name in index else None) for name in ("hedge_cues", "artifacts",
                                                                                   "sources")}
    row["claims"] = index["claims"].get(sid, []) if "claims" in index else None
    for defn in doc.definitions:
        row[defn.name] = index[defn.name][sid][defn.name] if defn.name in index else None
    labels = index.get("sentence_labels", {}).get(sid)
    results = label_results(labels, ("is_claim", "check_worthy", "claim_type", "hedge_level")) + \
        item_results(row, start, doc.definitions)
    if proposal is None:
        task["predictions"] = [{"model_version": f"claimcorpus {doc.annotator}", "result": results}]
        return task
    results, score = scored(results, proposal["scores"].get(sid, {}), start)
    task["predictions"] = [{"model_version": proposal["model_version"], "result": results,
                            **({} if score is None else {"score": score})}]
    return task


def proposal_document(doc: AnnotatedDocument, proposal: dict) -> AnnotatedDocument:
    """The document with the proposal's layers in place of a pass, schema- and invariant-checked."""
    layers = {}
    for name, recs in proposal["layers"].items():
        path = Path(f"({proposal['model_version']})") / f"{name}.jsonl"
        records = Records(path, list(enumerate(recs, start=1)))
        check_records(name, records.rows, path, records.where)
        layers[name] = records
    return dataclasses.replace(doc, layers=layers, annotator=proposal["annotator"])


def unrenderable_ids(tasks: list[dict]) -> list[str]:
    """Region ids of the predictions that Label Studio would not draw (none in a correct export)."""
    return sorted({r["id"] for t in tasks for p in t.get("predictions", []) for r in p["result"]
                   if r["type"] in ("labels", "textarea", "choices") and "start" in r["value"]
                   and not RENDERABLE_ID.fullmatch(r["id"])})


def export_tasks(doc_folder: Path, annotator: str, predictions: bool = True, proposal: dict | None = None
                 ) -> list[dict]:
    """Tasks of every sentence of ``doc_folder`` from ``annotator``'s checked layers (or ``proposal``'s)."""
    doc = load_annotated(doc_folder, annotator)
    if proposal is not None:
        doc = proposal_document(doc, proposal)
    check_document(doc)
    names = [*EXPORTED, *(d.name for d in doc.definitions)]
    index = layer_index(doc, names)
    if proposal is not None and "claims" in index:
        index["spare_claims"] = proposal.get("spare_claims", {})
    layers = [n for n in names if n in index] if predictions else \
        [n for n in names if n not in ("sources", "claims")]
    tasks = [sentence_task(doc, sent, index, layers, predictions, proposal) for sent in doc.sentences.records()]
    bad = unrenderable_ids(tasks)
    if bad:
        raise CorpusError(doc_folder, "(export)", "predictions.result.id", "region ids of letters, digits, '_' "
                          "and '-' (Label Studio draws no other)", bad[:5])
    return tasks


def write_export(doc_folder: Path, annotator: str, out: Path, config: Path | None = None,
                 predictions: bool = True, proposal: dict | None = None) -> tuple[Path, str]:
    """Write the tasks JSON and the labeling config XML; return the config path and how it was checked."""
    from ...schema.layer_defs import load_definitions
    from .config import label_config, validate_config

    xml = label_config(load_definitions(doc_folder.parent.parent))
    checked = validate_config(xml)
    tasks = export_tasks(doc_folder, annotator, predictions, proposal)
    config = config or out.with_name(out.stem + ".label_config.xml")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    config.write_text(xml, encoding="utf-8")
    return config, checked
