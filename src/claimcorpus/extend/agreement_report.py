"""Agreement between annotators' layer files of a document, per field, with item counts."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from ..build.rows import sentence_rows
from ..corpus.annotations import AnnotatedDocument, load_annotated
from ..corpus.invariants import check_document
from ..schema.layers import annotators_of
from .agreement import label_agreement, span_agreement

SENTENCE_FIELDS = {"is_claim": "nominal", "check_worthy": "nominal", "claim_type": "nominal",
                   "hedge_level": "ordinal", "primary_source_type": "nominal",
                   "has_anonymous_source": "nominal"}
CLAIM_FIELDS = {"verification_status": "nominal", "attribution_status": "nominal"}


def sentence_views(doc: AnnotatedDocument) -> dict[str, dict]:
    return {row["sentence_id"]: row for row in sentence_rows(doc)}


def span_sets(doc: AnnotatedDocument) -> dict[str, dict[tuple[int, int], str | None]]:
    """Span layers as ``{(start, end): label}`` (label of the span, where it has one)."""
    out: dict[str, dict] = {"source_mention": {}, "attribution_cue": {}, "hedge_cue": {},
                            "artifact": {}, "claim_span": {}}
    for rec in doc.layers["sources"].records() if "sources" in doc.layers else []:
        for src in rec["sources"]:
            if src["mention"]:
                out["source_mention"][(src["mention"]["start"], src["mention"]["end"])] = src["source_type"]
            if src["cue"]:
                out["attribution_cue"][(src["cue"]["start"], src["cue"]["end"])] = src["attitude"]
    for rec in doc.layers["hedge_cues"].records() if "hedge_cues" in doc.layers else []:
        out["hedge_cue"].update({(h["start"], h["end"]): h["category"] for h in rec["hedge_cues"]})
    for rec in doc.layers["artifacts"].records() if "artifacts" in doc.layers else []:
        out["artifact"].update({(a["start"], a["end"]): a["type"] for a in rec["artifacts"]})
    for rec in doc.layers["claims"].records() if "claims" in doc.layers else []:
        if rec["span"]:
            out["claim_span"][(rec["span"]["start"], rec["span"]["end"])] = rec["claim_type"]
    return out


def present(docs: dict[str, AnnotatedDocument], layer: str) -> dict[str, AnnotatedDocument]:
    return {name: doc for name, doc in docs.items() if layer in doc.layers}


def sentence_agreement(docs: dict[str, AnnotatedDocument]) -> dict:
    views = {name: sentence_views(doc) for name, doc in present(docs, "sentence_labels").items()}
    if len(views) < 2:
        return {}
    return {field: label_agreement({n: {sid: row[field] for sid, row in v.items() if row[field] is not None}
                                    for n, v in views.items()}, level)
            for field, level in SENTENCE_FIELDS.items()}


def pair_span_agreement(a: dict, b: dict, names: tuple[str, str]) -> dict:
    """Span F1 of one pair, and label agreement on the spans both marked exactly."""
    matched = sorted(set(a) & set(b))
    labels = {names[0]: {str(k): a[k] for k in matched}, names[1]: {str(k): b[k] for k in matched}}
    return {**span_agreement(set(a), set(b)), "label_on_exact_matches": label_agreement(labels)}


def spans_agreement(docs: dict[str, AnnotatedDocument]) -> dict:
    """Per span layer, every pair of annotators (the first of a pair is the reference)."""
    sets = {name: span_sets(doc) for name, doc in docs.items() if "sources" in doc.layers}
    names = sorted(sets)
    if len(names) < 2:
        return {}
    return {layer: {f"{x}~{y}": pair_span_agreement(sets[x][layer], sets[y][layer], (x, y))
                    for x, y in combinations(names, 2)}
            for layer in sets[names[0]]}


def claim_agreement(docs: dict[str, AnnotatedDocument]) -> dict:
    verif = {n: {r["claim_id"]: r for r in d.layers["verification"].records()}
             for n, d in present(docs, "verification").items()}
    if len(verif) < 2:
        return {}
    return {field: label_agreement({n: {c: r[field] for c, r in v.items()} for n, v in verif.items()}, level)
            for field, level in CLAIM_FIELDS.items()}


def document_agreement(doc_folder: Path, annotators: list[str]) -> dict:
    """Per-field agreement of ``annotators`` on one document (layers each of them has)."""
    docs = {name: load_annotated(doc_folder, name) for name in annotators}
    for doc in docs.values():
        check_document(doc)
    return {"annotators": sorted(annotators), "sentence_labels": sentence_agreement(docs),
            "spans": spans_agreement(docs), "claim_labels": claim_agreement(docs)}



def corpus_agreement(annotations_root: Path) -> dict[str, dict]:
    """Agreement report of every document with two or more annotators, by doc id."""
    from ..corpus.annotations import document_folders

    return {folder.name: document_agreement(folder, annotators_of(folder))
            for folder in document_folders(annotations_root) if len(annotators_of(folder)) >= 2}
