"""Cross-file invariants of an annotated document (BigBIO-style, failing loudly).

Each check raises :class:`CorpusError` naming file, record, field, expected
and found. :func:`check_document` runs them all in dependency order.
"""

from __future__ import annotations

from ..errors import CorpusError
from .annotations import AnnotatedDocument, Records
from .check_helpers import check_span, check_unique, span_ok
from .document import paragraph_spans
from .evidence_checks import check_evidence, check_evidence_audit, check_verification


def check_sentences(doc: AnnotatedDocument) -> None:
    """Ids follow the contract, spans match, sentences tile the text, paragraphs agree."""
    text, recs = doc.document.text, doc.sentences
    paragraphs = paragraph_spans(text)
    prev_end = 0
    for pos, (line, rec) in enumerate(recs.rows):
        where = recs.where(line, rec["sentence_id"])
        expected_id = f"{doc.doc_id}-s{pos:03d}"
        if rec["sentence_id"] != expected_id or rec["index"] != pos:
            raise CorpusError(recs.path, where, "sentence_id", f"{expected_id} with index {pos}",
                              f"{rec['sentence_id']} with index {rec['index']}")
        check_span(rec, text, (prev_end, len(text)), recs.path, where, "span")
        gap = text[prev_end:rec["start"]]
        if gap.strip():
            raise CorpusError(recs.path, where, "start", "only whitespace between sentences",
                              f"uncovered text {gap.strip()!r}")
        check_paragraph(rec, paragraphs, recs, where)
        prev_end = rec["end"]
    tail = text[prev_end:]
    if tail.strip() or not recs.rows:
        raise CorpusError(recs.path, "end of file", "end", "sentences covering the whole text",
                          f"uncovered text {tail.strip()[:60]!r}")


def check_paragraph(rec: dict, paragraphs: list[tuple[int, int]], recs: Records, where: str) -> None:
    para = rec["paragraph"]
    if para >= len(paragraphs) or not (paragraphs[para][0] <= rec["start"] < rec["end"] <= paragraphs[para][1]):
        found = next((i for i, (s, e) in enumerate(paragraphs) if s <= rec["start"] < e), None)
        raise CorpusError(recs.path, where, "paragraph", f"paragraph {found} (sentence inside it)", para)


def sentence_bounds(doc: AnnotatedDocument) -> dict[str, tuple[int, int]]:
    return {rec["sentence_id"]: (rec["start"], rec["end"]) for rec in doc.sentences.records()}


def check_one_per_sentence(records: Records, bounds: dict) -> None:
    """A sentence-level layer has exactly one record per sentence, in any order."""
    seen = {}
    for line, rec in records.rows:
        sid = rec["sentence_id"]
        if sid not in bounds:
            raise CorpusError(records.path, records.where(line, sid), "sentence_id",
                              "a sentence id of sentences.jsonl", sid)
        if sid in seen:
            raise CorpusError(records.path, records.where(line, sid), "sentence_id",
                              f"one record per sentence (first at line {seen[sid]})", sid)
        seen[sid] = line
    missing = [sid for sid in bounds if sid not in seen]
    if missing:
        raise CorpusError(records.path, "(file)", "sentence_id",
                          "a record for every sentence (an empty list when nothing is found)",
                          f"missing {missing[:5]}")


def check_sentence_spans(records: Records, field: str, doc: AnnotatedDocument, bounds: dict) -> None:
    """Every span in a sentence-level list layer lies in its sentence and matches the text."""
    text = doc.document.text
    for line, rec in records.rows:
        for i, item in enumerate(rec[field]):
            for part in ("mention", "cue") if field == "sources" else (None,):
                span = item if part is None else item[part]
                if span is not None and not span_ok(span, text, bounds[rec["sentence_id"]]):
                    name = f"{field}[{i}]" + (f".{part}" if part else "")
                    check_span(span, text, bounds[rec["sentence_id"]], records.path,
                               records.where(line, rec["sentence_id"]), name)


def source_index(doc: AnnotatedDocument) -> dict[str, tuple[str, dict]]:
    """``source_id -> (sentence_id, entry)`` over the sources layer."""
    recs = doc.layers["sources"]
    check_unique([(line, rec["sentence_id"], src["source_id"]) for line, rec in recs.rows for src in rec["sources"]],
                 recs, "sources.source_id")
    return {src["source_id"]: (rec["sentence_id"], src) for rec in recs.records() for src in rec["sources"]}


def check_sources(doc: AnnotatedDocument) -> None:
    """Source ids belong to their sentence, parents resolve, the author is self-consistent."""
    recs = doc.layers["sources"]
    for line, rec in recs.rows:
        sid, where = rec["sentence_id"], recs.where(line, rec["sentence_id"])
        ids = {src["source_id"] for src in rec["sources"]}
        if not rec["sources"]:
            raise CorpusError(recs.path, where, "sources", "at least one source (the author if none)", [])
        for i, src in enumerate(rec["sources"]):
            if not src["source_id"].startswith(sid + "-src"):
                raise CorpusError(recs.path, where, f"sources[{i}].source_id", f"{sid}-src<n>",
                                  src["source_id"])
            if src["parent"] is not None and src["parent"] not in ids - {src["source_id"]}:
                raise CorpusError(recs.path, where, f"sources[{i}].parent",
                                  "another source id of the same sentence", src["parent"])
            is_author = src["source_type"] == "author"
            if is_author != (src["location"] == "author") or (is_author and src["mention"] is not None):
                raise CorpusError(recs.path, where, f"sources[{i}].location",
                                  "location 'author' and no mention exactly for source_type 'author'",
                                  [src["source_type"], src["location"]])


def check_hedge_holders(doc: AnnotatedDocument, sources: dict) -> None:
    recs = doc.layers["hedge_cues"]
    for line, rec in recs.rows:
        for i, cue in enumerate(rec["hedge_cues"]):
            if sources.get(cue["holder"], (None,))[0] != rec["sentence_id"]:
                raise CorpusError(recs.path, recs.where(line, rec["sentence_id"]), f"hedge_cues[{i}].holder",
                                  "a source id of the same sentence (sources.jsonl)", cue["holder"])


def check_artifacts(doc: AnnotatedDocument) -> None:
    """Artifacts of a sentence do not overlap."""
    recs = doc.layers["artifacts"]
    for line, rec in recs.rows:
        spans = sorted((a["start"], a["end"]) for a in rec["artifacts"])
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            if s2 < e1:
                raise CorpusError(recs.path, recs.where(line, rec["sentence_id"]), "artifacts",
                                  "non-overlapping spans", [[s1, e1], [s2, e2]])


def check_claims(doc: AnnotatedDocument, bounds: dict, sources: dict | None) -> None:
    """Claim ids are unique and belong to their sentence; spans and sources resolve."""
    recs = doc.layers["claims"]
    check_unique([(line, None, rec["claim_id"]) for line, rec in recs.rows], recs, "claim_id")
    text = doc.document.text
    for line, rec in recs.rows:
        sid = rec["sentence_id"]
        if sid not in bounds or not rec["claim_id"].startswith(sid + "-c"):
            raise CorpusError(recs.path, recs.where(line, rec["claim_id"]), "sentence_id",
                              "a sentence id that prefixes the claim id", sid)
        if rec["span"] is not None and not span_ok(rec["span"], text, bounds[sid]):
            check_span(rec["span"], text, bounds[sid], recs.path, recs.where(line, rec["claim_id"]), "span")
        if sources is not None and sources.get(rec["source_id"], (None,))[0] != sid:
            raise CorpusError(recs.path, recs.where(line, rec["claim_id"]), "source_id",
                              "a source id of the same sentence",
                              rec["source_id"])


def check_sentence_labels(doc: AnnotatedDocument) -> None:
    """check_worthy implies is_claim; not_claim iff not is_claim; labels equal the main claim's."""
    recs = doc.layers["sentence_labels"]
    claims = {c["claim_id"]: c for c in doc.layers["claims"].records()} if "claims" in doc.layers else None
    for line, rec in recs.rows:
        where = recs.where(line, rec["sentence_id"])
        if rec["check_worthy"] and not rec["is_claim"]:
            raise CorpusError(recs.path, where, "check_worthy", "false when is_claim is false", True)
        if rec["is_claim"] == (rec["claim_type"] == "not_claim"):
            raise CorpusError(recs.path, where, "claim_type",
                              "not_claim exactly when is_claim is false", rec["claim_type"])
        if (rec["main_claim_id"] is None) == rec["is_claim"]:
            raise CorpusError(recs.path, where, "main_claim_id",
                              "a claim id exactly when is_claim is true", rec["main_claim_id"])
        if claims is not None and rec["main_claim_id"] is not None:
            check_main_claim(rec, claims, recs, where)
    if claims is not None:
        check_claim_sentences(doc, recs, claims)


def check_main_claim(rec: dict, claims: dict, recs: Records, where: str) -> None:
    main = claims.get(rec["main_claim_id"])
    if main is None or main["sentence_id"] != rec["sentence_id"]:
        raise CorpusError(recs.path, where, "main_claim_id", "a claim of this sentence (claims.jsonl)",
                          rec["main_claim_id"])
    for field in ("claim_type", "check_worthy", "hedge_level"):
        if rec[field] != main[field]:
            raise CorpusError(recs.path, where, field, f"the main claim's {field} {main[field]!r}", rec[field])


def check_claim_sentences(doc: AnnotatedDocument, recs: Records, claims: dict) -> None:
    """A not_claim sentence has no atomic claims."""
    with_claims = {c["sentence_id"] for c in claims.values()}
    for line, rec in recs.rows:
        if not rec["is_claim"] and rec["sentence_id"] in with_claims:
            raise CorpusError(recs.path, recs.where(line, rec["sentence_id"]), "is_claim",
                              "true (claims.jsonl has claims for this sentence)", False)


def check_document(doc: AnnotatedDocument, evidence_checked: bool = False) -> None:
    """Run every invariant that the layers present allow.

    ``evidence_checked``: the checks of the evidence pool itself already ran
    (:mod:`claimcorpus.corpus.evidence_columns`); those that use it still run."""
    check_sentences(doc)
    bounds = sentence_bounds(doc)
    for name, records in doc.layers.items():
        if name in ("sentence_labels", "sources", "hedge_cues", "artifacts"):
            check_one_per_sentence(records, bounds)
    for name in ("sources", "hedge_cues", "artifacts"):
        if name in doc.layers:
            check_sentence_spans(doc.layers[name], name, doc, bounds)
    sources = None
    if "sources" in doc.layers:
        check_sources(doc)
        sources = source_index(doc)
    if "hedge_cues" in doc.layers and sources is not None:
        check_hedge_holders(doc, sources)
    if "artifacts" in doc.layers:
        check_artifacts(doc)
    if "claims" in doc.layers:
        check_claims(doc, bounds, sources)
    if "sentence_labels" in doc.layers:
        check_sentence_labels(doc)
    if doc.evidence is not None and not evidence_checked:
        check_evidence(doc, bounds)
    check_pool_layers(doc)
    check_extra_layers(doc, bounds)


def check_pool_layers(doc: AnnotatedDocument) -> None:
    """The checks of the evidence audit and the verification layer (they need no sentence)."""
    if doc.evidence_audit is not None:
        check_evidence_audit(doc)
    if "verification" in doc.layers:
        check_verification(doc)


def check_extra_layers(doc: AnnotatedDocument, bounds: dict) -> None:
    """Declared extra layers: one record per sentence; spans inside their sentence."""
    for defn in doc.definitions:
        if defn.name in doc.layers:
            check_one_per_sentence(doc.layers[defn.name], bounds)
            if defn.kind == "spans":
                check_sentence_spans(doc.layers[defn.name], defn.name, doc, bounds)
