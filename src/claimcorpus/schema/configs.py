"""The release configs: the columns of each Parquet table, in order.

Columns taken over from an annotation file reuse its field (:mod:`.records`),
so patterns, lengths and label inventories are written once. The first column
of each config is its id: rows are sorted by it. ``nullable`` is the release
JSON Schema's; pandera checks the flat columns not marked ``checked=False``.
"""

from __future__ import annotations

from dataclasses import replace

from . import ids
from . import records as a
from .fields import FLOAT32, INT8, Field, Record, RowCheck, boolean, ident, integer, label, list_of, span, string

#: Cross-validation folds of the ``fold`` column.
FOLDS = 5
#: Sentence-label fields each annotation pass gives, in the ``annotator_labels`` config.
PASS_FIELDS = ("is_claim", "check_worthy", "claim_type", "hedge_level")


def maybe(field: Field) -> Field:
    """``field`` as a nullable release column (absent when its layer is not annotated)."""
    return replace(field, nullable=True)


def unchecked(field: Field, nullable: bool = True) -> Field:
    """``field`` as a column pandera does not check."""
    return replace(field, nullable=nullable, checked=False)


def key(field: Field) -> Field:
    return replace(field, unique=True)


def strings(name: str) -> Field:
    return list_of(name, string("item"), nullable=True)


FOLD = Field("fold", INT8, one_of=range(FOLDS))
IS_CLAIM, CHECK_WORTHY = (maybe(a.SENTENCE_LABELS[n]) for n in ("is_claim", "check_worthy"))
VERIFICATION_STATUS, ATTRIBUTION_STATUS = (maybe(a.VERIFICATION[n]) for n in ("verification_status",
                                                                               "attribution_status"))
CLAIM_IMPLIED = RowCheck("implies", ("check_worthy", "is_claim"))

SENTENCES = Record("sentences", (
    key(a.SENTENCE_ID), a.DOC_ID, a.SENTENCES["index"], unchecked(a.SENTENCES["paragraph"], False),
    a.SENTENCES["start"], integer("end"), a.SENTENCES["text"], unchecked(string("text_clean")),
    list_of("artifacts", a.ARTIFACT, nullable=True),
    IS_CLAIM, CHECK_WORTHY, label("claimbuster_label", nullable=True), maybe(a.SENTENCE_LABELS["claim_type"]),
    maybe(a.SENTENCE_LABELS["hedge_level"]),
    unchecked(boolean("uncertain")), unchecked(boolean("uncertain_incl_attributed")),
    unchecked(a.SENTENCE_LABELS["main_claim_id"]), strings("claim_ids"),
    list_of("sources", a.SOURCE, nullable=True), label("primary_source_type", "source_type", nullable=True),
    unchecked(boolean("has_anonymous_source")), list_of("hedge_cues", a.HEDGE_CUE, nullable=True),
    VERIFICATION_STATUS, ATTRIBUTION_STATUS, FOLD,
), checks=(RowCheck("start_before_end"), RowCheck("text_length_is_span"), CLAIM_IMPLIED,
           RowCheck("not_claim_iff_not_is_claim")), unique=("doc_id", "index"))

CLAIMS = Record("claims", (
    key(a.CLAIM_ID), a.SENTENCE_ID, unchecked(a.DOC_ID, False), unchecked(boolean("is_main")), a.CLAIMS["text"],
    span("span", nullable=True), a.CLAIMS["claim_type"], unchecked(a.CLAIMS["check_worthy"]),
    unchecked(a.SOURCE_ID), label("source_type", nullable=True), maybe(a.CLAIMS["hedge_level"]),
    VERIFICATION_STATUS, ATTRIBUTION_STATUS, strings("evidence_ids"),
    unchecked(a.VERIFICATION["rationale"]), unchecked(a.VERIFICATION["verified_as_of"]), FOLD,
), checks=(RowCheck("claim_id_prefixed_by_sentence_id"),))

EVIDENCE = Record("evidence", (
    key(ident("evidence_id", ids.RELEASE_EVIDENCE_ID)), a.DOC_ID, a.EVIDENCE["url"],
    *(unchecked(a.EVIDENCE[n]) for n in ("publisher", "title", "published")), a.EVIDENCE["published_basis"],
    a.EVIDENCE["relation"], a.EVIDENCE["independence"], unchecked(a.EVIDENCE["about"]), a.EVIDENCE["summary"],
    strings("sentence_ids"), strings("cited_by"),
), checks=(RowCheck("published_iff_basis_not_none"),))

#: ``document.json`` fields carried into the ``documents`` config as they are.
DOCUMENT_META = tuple(unchecked(f) for f in a.DOCUMENT.fields
                      if f.name not in ("doc_id", "source_file", "header", "note"))
DOCUMENTS = Record("documents", (
    key(a.DOC_ID), unchecked(string("text"), False), ident("text_sha256", ids.SHA256), *DOCUMENT_META,
    strings("annotated_layers"), unchecked(integer("n_paragraphs")),
    integer("n_sentences", above=0, nullable=True, filled=True),
    *(unchecked(integer(f"n_{n}")) for n in ("claims", "artifacts", "evidence")),
))

ANNOTATOR_LABELS = Record("annotator_labels", (
    key(string("annotation_id")), a.SENTENCE_ID, unchecked(a.DOC_ID, False), ident("annotator", ids.ANNOTATOR),
    unchecked(IS_CLAIM), unchecked(CHECK_WORTHY), maybe(a.SENTENCE_LABELS["claim_type"]),
    maybe(a.SENTENCE_LABELS["hedge_level"]), integer("n_annotators", minimum=1),
    *(Field(f"agreement_{n}", FLOAT32, minimum=0, maximum=1, nullable=True, filled=True) for n in PASS_FIELDS),
), checks=(CLAIM_IMPLIED,), unique=("sentence_id", "annotator"))

#: Release configs in order; the first is the default.
RELEASE: dict[str, Record] = {r.name: r for r in (SENTENCES, CLAIMS, EVIDENCE, DOCUMENTS, ANNOTATOR_LABELS)}
#: Sort key (primary id, the first column) of each config: rows are written in this order.
ID_COLUMNS = {name: record.fields[0].name for name, record in RELEASE.items()}


def release_for(definitions=()) -> dict[str, Record]:
    """The configs with the columns of declared extra layers added to ``sentences``."""
    if not definitions:
        return RELEASE
    return {**RELEASE, "sentences": SENTENCES.adding(tuple(d.column() for d in definitions))}
