"""Join the stand-off layers of annotated documents into the rows of each release config.

Labels stay strings here; :mod:`claimcorpus.build.tables` encodes them. A layer a
document does not have yields ``None`` in its columns (never a default).
"""

from __future__ import annotations

from ..corpus.annotations import AnnotatedDocument
from ..corpus.document import Document, paragraph_spans, sha256_bytes
from ..corpus.textclean import clean_text
from ..schema.labels import ANONYMOUS_SOURCE_TYPES, UNCERTAIN_STRICT, UNCERTAIN_WITH_ATTRIBUTED, claimbuster_label
from .folds import assign_folds


def by_sentence(doc: AnnotatedDocument, layer: str) -> dict[str, dict] | None:
    recs = doc.layers.get(layer)
    return None if recs is None else {rec["sentence_id"]: rec for rec in recs.records()}


def by_claim(doc: AnnotatedDocument, layer: str) -> dict[str, dict]:
    recs = doc.layers.get(layer)
    return {} if recs is None else {rec["claim_id"]: rec for rec in recs.records()}


def evidence_id(doc_id: str, local_id: str) -> str:
    return f"{doc_id}-{local_id}"


def flat_span(prefix: str, span: dict | None) -> dict:
    span = span or {}
    return {f"{prefix}_start": span.get("start"), f"{prefix}_end": span.get("end"),
            f"{prefix}_text": span.get("text")}


def source_row(src: dict) -> dict:
    row = {k: src[k] for k in ("source_id", "entity", "source_type", "affiliation", "count",
                               "attitude", "location", "parent")}
    row["countries"] = sorted(src["countries"])
    return {**row, **flat_span("mention", src["mention"]), **flat_span("cue", src["cue"])}


def sentence_labels(labels: dict | None) -> dict:
    if labels is None:
        keys = ("is_claim", "check_worthy", "claimbuster_label", "claim_type", "hedge_level",
                "uncertain", "uncertain_incl_attributed", "main_claim_id")
        return dict.fromkeys(keys)
    return {
        "is_claim": labels["is_claim"], "check_worthy": labels["check_worthy"],
        "claimbuster_label": claimbuster_label(labels["is_claim"], labels["check_worthy"]),
        "claim_type": labels["claim_type"], "hedge_level": labels["hedge_level"],
        "uncertain": labels["hedge_level"] in UNCERTAIN_STRICT,
        "uncertain_incl_attributed": labels["hedge_level"] in UNCERTAIN_WITH_ATTRIBUTED,
        "main_claim_id": labels["main_claim_id"],
    }


def main_claim_views(labels: dict | None, sources: list[dict] | None, claims: dict, verif: dict) -> dict:
    """Primary source type and verification of the sentence, through its main claim."""
    main_id = labels and labels["main_claim_id"]
    main = claims.get(main_id) if main_id else None
    primary = None
    if sources:
        source_id = main["source_id"] if main else sources[0]["source_id"]
        primary = next(s["source_type"] for s in sources if s["source_id"] == source_id)
    status = attribution = None
    if labels is not None and not labels["is_claim"]:
        status, attribution = "not_checkable", "not_applicable"
    elif main_id in verif:
        status = verif[main_id]["verification_status"]
        attribution = verif[main_id]["attribution_status"]
    return {"primary_source_type": primary, "verification_status": status,
            "attribution_status": attribution}


def sentence_rows(doc: AnnotatedDocument) -> list[dict]:
    labels, sources = by_sentence(doc, "sentence_labels"), by_sentence(doc, "sources")
    hedges, artifacts = by_sentence(doc, "hedge_cues"), by_sentence(doc, "artifacts")
    claims, verif = by_claim(doc, "claims"), by_claim(doc, "verification")
    claims_of: dict[str, list[str]] = {}
    for claim_id, rec in claims.items():
        claims_of.setdefault(rec["sentence_id"], []).append(claim_id)
    extra = extra_layer_index(doc)
    rows = []
    for sent in doc.sentences.records():
        sid = sent["sentence_id"]
        arts = artifacts[sid]["artifacts"] if artifacts is not None else None
        srcs = sources[sid]["sources"] if sources is not None else None
        rows.append({
            "sentence_id": sid, "doc_id": doc.doc_id, "index": sent["index"],
            "paragraph": sent["paragraph"], "start": sent["start"], "end": sent["end"],
            "text": sent["text"],
            "text_clean": clean_text(sent["text"], sent["start"], arts) if arts is not None else None,
            "artifacts": sorted(arts, key=lambda a: a["start"]) if arts is not None else None,
            **sentence_labels(labels[sid] if labels is not None else None),
            "claim_ids": sorted(claims_of.get(sid, [])) if "claims" in doc.layers else None,
            "sources": [source_row(s) for s in srcs] if srcs is not None else None,
            "has_anonymous_source": any(s["source_type"] in ANONYMOUS_SOURCE_TYPES for s in srcs)
            if srcs is not None else None,
            "hedge_cues": sorted(hedges[sid]["hedge_cues"], key=lambda h: (h["start"], h["end"]))
            if hedges is not None else None,
            **main_claim_views(labels[sid] if labels is not None else None, srcs, claims, verif),
            **extra_layer_values(doc, sid, extra),
        })
    return rows


def extra_layer_values(doc: AnnotatedDocument, sentence_id: str, extra: dict | None = None) -> dict:
    """Values of the declared extra layers for one sentence (``None`` if not annotated).

    ``extra`` is :func:`extra_layer_index` of ``doc`` (computed here if omitted)."""
    extra = extra_layer_index(doc) if extra is None else extra
    out = {}
    for defn in doc.definitions:
        index = extra[defn.name]
        value = index.get(sentence_id) if index is not None else None
        out[defn.name] = sorted(value, key=lambda s: (s["start"], s["end"])) if defn.kind == "spans" and value \
            else value
    return out


def extra_layer_index(doc: AnnotatedDocument) -> dict[str, dict | None]:
    """``layer -> sentence_id -> value`` of each declared extra layer (``None``: not annotated).

    The first record of a sentence wins (the invariants allow one per sentence)."""
    out: dict[str, dict | None] = {}
    for defn in doc.definitions:
        recs = doc.layers.get(defn.name)
        index = None if recs is None else {}
        for rec in recs.records() if recs is not None else []:
            index.setdefault(rec["sentence_id"], rec[defn.name])
        out[defn.name] = index
    return out


def source_types(doc: AnnotatedDocument) -> dict[str, str]:
    """``source_id -> source_type`` over the document's sources layer (empty without one)."""
    sources = doc.layers.get("sources")
    return {} if sources is None else {src["source_id"]: src["source_type"]
                                       for rec in sources.records() for src in rec["sources"]}


def claim_views(doc: AnnotatedDocument, types: dict[str, str]) -> dict[str, list]:
    """Per claim of the document, in file order: whether it is a sentence's main claim, its source's type."""
    main_ids = {rec["main_claim_id"] for rec in doc.layers["sentence_labels"].records()} \
        if "sentence_labels" in doc.layers else set()
    claims = doc.layers["claims"].records() if "claims" in doc.layers else []
    return {"is_main": [claim["claim_id"] in main_ids for claim in claims],
            "source_type": [types.get(claim["source_id"]) for claim in claims]}


def claim_rows(doc: AnnotatedDocument, types: dict[str, str]) -> list[dict]:
    verif = by_claim(doc, "verification")
    views = claim_views(doc, types)
    rows = []
    claims = doc.layers["claims"].records() if "claims" in doc.layers else []
    for claim, is_main, source_type in zip(claims, views["is_main"], views["source_type"]):
        check = verif.get(claim["claim_id"], {})
        rows.append({
            "claim_id": claim["claim_id"], "sentence_id": claim["sentence_id"], "doc_id": doc.doc_id,
            "is_main": is_main, "text": claim["text"],
            **flat_span("span", claim["span"]),
            "claim_type": claim["claim_type"], "check_worthy": claim["check_worthy"],
            "source_id": claim["source_id"], "source_type": source_type,
            "hedge_level": claim["hedge_level"],
            "verification_status": check.get("verification_status"),
            "attribution_status": check.get("attribution_status"),
            "evidence_ids": [evidence_id(doc.doc_id, e) for e in check["evidence"]] if check else None,
            "rationale": check.get("rationale"), "verified_as_of": check.get("verified_as_of"),
        })
    return rows


def citations(doc: AnnotatedDocument) -> dict[str, list[str]]:
    """``local evidence id -> ids of the claims whose verification cites it``, in citation order."""
    cited: dict[str, list[str]] = {}
    for rec in doc.layers["verification"].records() if "verification" in doc.layers else []:
        for ev in rec["evidence"]:
            cited.setdefault(ev, []).append(rec["claim_id"])
    return cited


def evidence_rows(doc: AnnotatedDocument) -> list[dict]:
    cited = citations(doc)
    # the record's other fields keep their names; a field the config lacks (``note``) is not encoded
    return [{**ev, "evidence_id": evidence_id(doc.doc_id, ev["evidence_id"]), "doc_id": doc.doc_id,
             "cited_by": sorted(cited.get(ev["evidence_id"], []))}
            for ev in (doc.evidence.records() if doc.evidence else [])]


DOCUMENT_META = ("date", "date_basis", "language", "text_nature", "original_publisher",
                 "original_publisher_basis", "original_headline", "original_headline_basis",
                 "original_date", "original_date_basis", "original_url", "original_url_basis",
                 "terms_note", "source_sha256", "body_offset")


def annotated_layers(names, has_pool: bool) -> list[str]:
    """The ``annotated_layers`` of a document: its layers with a file, sorted, then ``evidence`` if it has a pool."""
    return sorted(names) + (["evidence"] if has_pool else [])


def document_row(document: Document, annotated: list[str], counts: dict[str, int]) -> dict:
    """The ``documents`` row: the text and metadata, the annotated layers (sorted, ``evidence`` last when
    there is a pool), ``counts`` (``n_sentences``, ``n_claims``, ``n_artifacts``, ``n_evidence``)."""
    text = document.text
    return {
        "doc_id": document.doc_id, "text": text, "text_sha256": sha256_bytes(text.encode("utf-8")),
        **{k: document.meta.get(k) for k in DOCUMENT_META},
        "annotated_layers": annotated, "n_paragraphs": len(paragraph_spans(text)), **counts,
    }


def empty_rows() -> dict[str, list[dict]]:
    return {"sentences": [], "claims": [], "evidence": [], "documents": []}


def add_document_rows(out: dict[str, list[dict]], doc: AnnotatedDocument,
                      columnar: frozenset[str] = frozenset()) -> None:
    """Append the rows ``doc`` contributes to each config (folds come later, from the whole batch).

    ``columnar``: configs whose rows are not made here (the batch's table is built from columns)."""
    sentences = sentence_rows(doc)
    out["sentences"] += sentences
    if "claims" not in columnar:
        out["claims"] += claim_rows(doc, source_types(doc))
    if "evidence" not in columnar:
        out["evidence"] += evidence_rows(doc)
    counts = {"n_sentences": len(doc.sentences.rows),
              "n_claims": len(doc.layers["claims"].rows) if "claims" in doc.layers else 0,
              "n_artifacts": sum(len(r["artifacts"] or []) for r in sentences),
              "n_evidence": len(doc.evidence.rows) if doc.evidence else 0}
    out["documents"].append(document_row(doc.document, annotated_layers(doc.layers, doc.evidence is not None),
                                         counts))


def release_rows(docs: list[AnnotatedDocument], assign=assign_folds) -> dict[str, list[dict]]:
    """Rows of every config for ``docs``, with folds assigned (``assign``: keys to folds)."""
    out = empty_rows()
    for doc in docs:
        add_document_rows(out, doc)
    add_folds(out, assign)
    return out


def add_folds(out: dict[str, list[dict]], assign=assign_folds) -> None:
    sentences = out["sentences"]
    folds = assign([(r["doc_id"], r["paragraph"]) for r in sentences])
    fold_of = {}
    for row, fold in zip(sentences, folds):
        row["fold"] = fold
        fold_of[row["sentence_id"]] = fold
    for row in out["claims"]:
        row["fold"] = fold_of[row["sentence_id"]]
