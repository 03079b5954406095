"""``datasets`` features of each release config, generated from the label inventories.

The Arrow schema written to Parquet is ``features.arrow_schema``: it carries
the features as metadata, so ``ClassLabel`` names survive ``load_dataset``.
"""

from __future__ import annotations

from datasets import ClassLabel, Features, List, Value

from .labels import INVENTORIES


def label(name: str) -> ClassLabel:
    return ClassLabel(names=list(INVENTORIES[name]))


STRING, INT32, BOOL = Value("string"), Value("int32"), Value("bool")


def span_fields(prefix: str) -> dict:
    return {f"{prefix}_start": INT32, f"{prefix}_end": INT32, f"{prefix}_text": STRING}


SOURCE = {
    "source_id": STRING, "entity": STRING, **span_fields("mention"), **span_fields("cue"),
    "source_type": label("source_type"), "affiliation": label("affiliation"),
    "countries": List(STRING), "count": INT32, "attitude": label("attitude"),
    "location": label("location"), "parent": STRING,
}
HEDGE_CUE = {"start": INT32, "end": INT32, "text": STRING, "category": label("hedge_category"),
             "holder": STRING}
ARTIFACT = {"start": INT32, "end": INT32, "text": STRING, "type": label("artifact_type"),
            "correction": STRING}

SENTENCES = Features({
    "sentence_id": STRING, "doc_id": STRING, "index": INT32, "paragraph": INT32,
    "start": INT32, "end": INT32, "text": STRING, "text_clean": STRING,
    "artifacts": List(ARTIFACT),
    "is_claim": BOOL, "check_worthy": BOOL, "claimbuster_label": label("claimbuster_label"),
    "claim_type": label("claim_type"), "hedge_level": label("hedge_level"),
    "uncertain": BOOL, "uncertain_incl_attributed": BOOL,
    "main_claim_id": STRING, "claim_ids": List(STRING),
    "sources": List(SOURCE), "primary_source_type": label("source_type"),
    "has_anonymous_source": BOOL, "hedge_cues": List(HEDGE_CUE),
    "verification_status": label("verification_status"),
    "attribution_status": label("attribution_status"),
    "fold": Value("int8"),
})

CLAIMS = Features({
    "claim_id": STRING, "sentence_id": STRING, "doc_id": STRING, "is_main": BOOL, "text": STRING,
    **span_fields("span"),
    "claim_type": label("claim_type"), "check_worthy": BOOL, "source_id": STRING,
    "source_type": label("source_type"), "hedge_level": label("hedge_level"),
    "verification_status": label("verification_status"),
    "attribution_status": label("attribution_status"),
    "evidence_ids": List(STRING), "rationale": STRING, "verified_as_of": STRING,
    "fold": Value("int8"),
})

EVIDENCE = Features({
    "evidence_id": STRING, "doc_id": STRING, "url": STRING, "publisher": STRING, "title": STRING,
    "published": STRING, "published_basis": STRING,
    "relation": label("relation"), "independence": label("independence"),
    "about": STRING, "summary": STRING, "sentence_ids": List(STRING), "cited_by": List(STRING),
})

DOCUMENTS = Features({
    "doc_id": STRING, "text": STRING, "text_sha256": STRING, "source_sha256": STRING,
    "body_offset": INT32, "date": STRING, "date_basis": STRING, "language": STRING,
    "text_nature": STRING,
    "original_publisher": STRING, "original_publisher_basis": STRING,
    "original_headline": STRING, "original_headline_basis": STRING,
    "original_date": STRING, "original_date_basis": STRING,
    "original_url": STRING, "original_url_basis": STRING, "terms_note": STRING,
    "annotated_layers": List(STRING),
    "n_paragraphs": INT32, "n_sentences": INT32, "n_claims": INT32, "n_artifacts": INT32,
    "n_evidence": INT32,
})

#: Sentence-label fields each annotation pass gives, in the ``annotator_labels`` config.
PASS_FIELDS = ("is_claim", "check_worthy", "claim_type", "hedge_level")
ANNOTATOR_LABELS = Features({
    "annotation_id": STRING, "sentence_id": STRING, "doc_id": STRING, "annotator": STRING,
    "is_claim": BOOL, "check_worthy": BOOL, "claim_type": label("claim_type"), "hedge_level": label("hedge_level"),
    "n_annotators": INT32, **{f"agreement_{name}": Value("float32") for name in PASS_FIELDS},
})

#: Release configs in order; the first is the default.
CONFIGS: dict[str, Features] = {
    "sentences": SENTENCES, "claims": CLAIMS, "evidence": EVIDENCE, "documents": DOCUMENTS,
    "annotator_labels": ANNOTATOR_LABELS,
}
#: Sort key (primary id) of each config: rows are written in this order.
ID_COLUMNS = {"sentences": "sentence_id", "claims": "claim_id", "evidence": "evidence_id",
              "documents": "doc_id", "annotator_labels": "annotation_id"}


def configs_for(definitions=()) -> dict[str, Features]:
    """The configs' features with the columns of declared extra layers added to ``sentences``."""
    if not definitions:
        return CONFIGS
    sentences = Features({**SENTENCES, **{d.name: d.feature() for d in definitions}})
    return {**CONFIGS, "sentences": sentences}
