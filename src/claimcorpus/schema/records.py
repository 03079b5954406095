"""The records of every annotation file: one line of a ``.jsonl`` file (or ``document.json``).

Every field is required unless ``optional``; records are closed (no other
properties). :func:`.json_schema.record_schema` turns each into the JSON Schema
written to ``schema/annotations/<name>.schema.json``.
"""

from __future__ import annotations

from dataclasses import replace

from . import ids
from .fields import (
    ANY,
    CONST,
    MAP,
    NOTE,
    OBJECT,
    SPAN_PARTS,
    Field,
    Record,
    boolean,
    count,
    ident,
    integer,
    label,
    list_of,
    span,
    span_item,
    string,
    struct,
    text,
)

DOC_ID = ident("doc_id", ids.DOC_ID)
SENTENCE_ID = ident("sentence_id", ids.SENTENCE_ID)
CLAIM_ID = ident("claim_id", ids.CLAIM_ID)
SOURCE_ID = ident("source_id", ids.SOURCE_ID)
SENTENCE_IDS = list_of("sentence_ids", SENTENCE_ID, min_length=1)


def dated(name: str, **kw) -> Field:
    return ident(name, ids.DATE, **kw)


def basis(name: str) -> Field:
    """Where the metadata value ``name`` comes from."""
    return text(f"{name}_basis")


DOCUMENT = Record("document", (
    DOC_ID, text("source_file"), ident("source_sha256", ids.SHA256), count("body_offset"),
    Field("header", MAP), dated("date"), basis("date"), ident("language", ids.LANGUAGE),
    text("text_nature"),
    text("original_publisher", nullable=True), basis("original_publisher"),
    text("original_headline", nullable=True), basis("original_headline"),
    dated("original_date", nullable=True), basis("original_date"),
    ident("original_url", ids.URL_PREFIX, nullable=True), basis("original_url"),
    text("terms_note"), NOTE,
))

SENTENCES = Record("sentences", (
    SENTENCE_ID, count("index"), count("paragraph"), count("start"), count("end"), text("text"), text("review"),
    NOTE,
))

SENTENCE_LABELS = Record("sentence_labels", (
    SENTENCE_ID, boolean("is_claim"), boolean("check_worthy"), label("claim_type"), label("hedge_level"),
    ident("main_claim_id", ids.CLAIM_ID, nullable=True), NOTE,
))

SOURCE = struct("item", (
    SOURCE_ID, ident("entity", ids.ENTITY_ID), span("mention", nullable=True), span("cue", nullable=True),
    label("source_type"), label("affiliation"),
    list_of("countries", ident("item", ids.COUNTRY), unique=True),
    integer("count", nullable=True, minimum=1), label("attitude"), label("location"),
    ident("parent", ids.SOURCE_ID, nullable=True), NOTE,
))
HEDGE_CUE = span_item(label("category", "hedge_category"), ident("holder", ids.SOURCE_ID))
ARTIFACT = span_item(label("type", "artifact_type"), string("correction"))


def sentence_list_layer(name: str, item: Field) -> Record:
    """A layer with one record per sentence holding a list of items."""
    return Record(name, (SENTENCE_ID, list_of(name, item), NOTE))


SOURCES = sentence_list_layer("sources", SOURCE)
HEDGE_CUES = sentence_list_layer("hedge_cues", HEDGE_CUE)
ARTIFACTS = sentence_list_layer("artifacts", ARTIFACT)

CLAIMS = Record("claims", (
    CLAIM_ID, SENTENCE_ID, text("text", 10), span("span", nullable=True),
    label("claim_type", exclude=("not_claim",)), boolean("check_worthy"), SOURCE_ID, label("hedge_level"), NOTE,
))

VERIFICATION = Record("verification", (
    CLAIM_ID, label("verification_status"), label("attribution_status"), text("rationale", 20),
    list_of("evidence", ident("item", ids.EVIDENCE_ID), unique=True), dated("verified_as_of"), NOTE,
))

EVIDENCE = Record("evidence", (
    ident("evidence_id", ids.EVIDENCE_ID), ident("url", ids.URL), text("publisher"),
    text("title", nullable=True), dated("published", nullable=True), label("published_basis"),
    label("relation"), label("independence"), text("about"), text("summary", 20), SENTENCE_IDS, NOTE,
))

#: ``evidence_audit.jsonl``: one line per evidence record re-checked against its page.
EVIDENCE_AUDIT = Record("evidence_audit", (
    ident("evidence_id", ids.EVIDENCE_ID), ident("url", ids.URL), dated("checked_on"), text("checked_by"),
    label("outcome", "audit_outcome"), Field("changes", OBJECT),
    ident("merged_into", ids.EVIDENCE_ID, nullable=True), text("finding", 20), NOTE,
))

EVIDENCE_SEARCHES = Record("evidence_searches", (
    count("paragraph"), SENTENCE_IDS, text("claim"), text("searched_for"), dated("searched_on"), NOTE,
))

ADJUDICATION = Record("adjudication", (
    text("layer"), text("item"), text("field"), Field("annotators", OBJECT), Field("gold", ANY),
    text("reason", 10), NOTE,
))
#: A line of an adjudicator's ``decisions.jsonl``: a provenance record whose votes may be left out.
DECISION = replace(ADJUDICATION, name="decision",
                   fields=tuple(replace(f, optional=f.name in ("annotators", "note")) for f in ADJUDICATION.fields))

#: Every annotation file's record by file stem, in the order of ``schema/annotations/``.
ANNOTATION_RECORDS: dict[str, Record] = {r.name: r for r in (
    DOCUMENT, SENTENCES, SENTENCE_LABELS, SOURCES, HEDGE_CUES, ARTIFACTS, CLAIMS, VERIFICATION, EVIDENCE,
    EVIDENCE_AUDIT, EVIDENCE_SEARCHES, ADJUDICATION)}

#: ``annotations/layers/<name>.json``: the definition of a declared extra layer.
LAYER_DEFINITION = Record("layer_definition", (
    ident("name", ids.LAYER_NAME), Field("level", CONST, labels=("sentence",)),
    label("kind", ("label", "spans")),
    list_of("labels", text("item"), min_length=2, unique=True), text("description", 10),
))


def extra_layer(name: str, value: Field) -> Record:
    """The record of a declared layer's file: the sentence and its ``name`` value."""
    return Record(name, (string("sentence_id"), value, NOTE))


def labelled_spans(name: str, labels: tuple[str, ...]) -> Field:
    """A list of ``{start, end, text, label}`` spans (a declared ``spans`` layer)."""
    return list_of(name, struct("item", (*SPAN_PARTS, label("label", labels))))
