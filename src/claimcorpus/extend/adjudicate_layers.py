"""Votes of one layer across annotators: sentence label fields, exact spans, claim alignment."""

from __future__ import annotations

from ..corpus.annotations import AnnotatedDocument
from .voting import UNDECIDED, Resolver

LABEL_FIELDS = ("is_claim", "check_worthy", "claim_type", "hedge_level", "main_claim_id")
SPAN_FIELDS = {"hedge_cues": ("category", "holder"), "artifacts": ("type", "correction")}
ALIGNED = ("claim_type", "check_worthy", "hedge_level")


def by_sentence(doc: AnnotatedDocument, layer: str) -> dict[str, dict]:
    return {rec["sentence_id"]: rec for rec in doc.layers[layer].records()}


def vote_labels(layer: str, passes: dict, sids: list[str], resolver: Resolver, claim_ids: set | None) -> list[dict]:
    """One record per sentence, each field voted (``main_claim_id`` must be a base claim)."""
    recs = {a: by_sentence(doc, layer) for a, doc in passes.items()}
    fields = LABEL_FIELDS if layer == "sentence_labels" else (layer,)
    out = []
    for sid in sids:
        rec = {"sentence_id": sid}
        for name in fields:
            valid = None
            if name == "main_claim_id" and claim_ids is not None:
                valid = claim_ids.union([None]).__contains__
            rec[name] = resolver.resolve(layer, sid, name, {a: r[sid][name] for a, r in recs.items()}, valid,
                                         why="the majority's main claim is not a claim of the base annotator")
        out.append(rec)
    return out


def span_item(sid: str, span: dict) -> str:
    """Item name of a span in provenance and decisions: ``<sentence_id> <start>-<end> '<text>'``."""
    return f"{sid} {span['start']}-{span['end']} '{span['text']}'"


def vote_span(layer: str, sid: str, key: tuple, marked: dict, resolver: Resolver, sources: dict | None):
    """The span ``key`` if a majority marked it, with its fields voted among its markers."""
    markers = {a: spans[key] for a, spans in marked.items() if key in spans}
    item = span_item(sid, next(iter(markers.values())))
    if resolver.resolve(layer, item, "presence", {a: key in spans for a, spans in marked.items()}) is not True:
        return None
    span = {"start": key[0], "end": key[1], "text": next(iter(markers.values()))["text"]}
    for name in SPAN_FIELDS.get(layer, ("label",)):
        valid = sources.get(sid, set()).__contains__ if name == "holder" and sources is not None else None
        span[name] = resolver.resolve(layer, item, name, {a: x[name] for a, x in markers.items()}, valid,
                                      why="the majority's holder is not a source of the base annotator")
    return span


def vote_spans(layer: str, passes: dict, sids: list[str], resolver: Resolver, sources: dict | None) -> list[dict]:
    """One record per sentence with the spans a majority marked exactly, in offset order."""
    recs = {a: by_sentence(doc, layer) for a, doc in passes.items()}
    out = []
    for sid in sids:
        marked = {a: {(x["start"], x["end"]): x for x in r[sid][layer]} for a, r in recs.items()}
        voted = (vote_span(layer, sid, key, marked, resolver, sources) for key in sorted(set().union(*marked.values())))
        out.append({"sentence_id": sid, layer: [span for span in voted if span is not None]})
    return out


def align_claims(labels: list[dict], claims: list[dict], base: str, resolver: Resolver) -> list[dict]:
    """Drop claims of sentences voted not a claim; give main claims the voted sentence labels."""
    by_sid = {rec["sentence_id"]: rec for rec in labels}
    out = []
    for claim in claims:
        label = by_sid[claim["sentence_id"]]
        if label["is_claim"] is False:
            resolver.record("claims", claim["claim_id"], "presence", {base: True}, False,
                            "dropped: its sentence was adjudicated not a claim (is_claim false)")
            continue
        if label["main_claim_id"] == claim["claim_id"]:
            claim = dict(claim)
            for name in ALIGNED:
                if label[name] is not UNDECIDED and claim[name] != label[name]:
                    resolver.record("claims", claim["claim_id"], name, {base: claim[name]}, label[name],
                                    "aligned with the adjudicated sentence label (sentence labels describe "
                                    "the main claim)")
                    claim[name] = label[name]
        out.append(claim)
    return out
