"""The gold annotation of the corpus: complete, consistent, and honest about evidence."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from claimcorpus.publish.card_blocks import decision_kind
from claimcorpus.release.release import data_path
from claimcorpus.schema.features import CONFIGS

from .conftest import DOC, ROOT

FOLDER = ROOT / "annotations" / "documents" / DOC
LABEL_COLUMNS = ("is_claim", "check_worthy", "claim_type", "hedge_level", "primary_source_type",
                 "has_anonymous_source", "verification_status", "attribution_status", "text_clean",
                 "sources", "hedge_cues", "artifacts", "claim_ids")


def rows(config):
    return pq.read_table(ROOT / "dataset" / data_path(config)).to_pylist()


def decode(config, field, value):
    return CONFIGS[config][field].int2str(value)


def test_every_sentence_is_fully_annotated():
    for row in rows("sentences"):
        missing = [c for c in LABEL_COLUMNS if row[c] is None]
        assert not missing, (row["sentence_id"], missing)


def test_every_claim_is_fully_annotated():
    claims = rows("claims")
    assert len(claims) >= len(rows("sentences"))
    for row in claims:
        assert all(row[c] is not None for c in CONFIGS["claims"] if not c.startswith("span_")), row["claim_id"]


def evidence_by_id():
    return {e["evidence_id"]: e for e in rows("evidence")}


NEEDS = {"supported": {"supports"}, "refuted": {"refutes"}, "conflicting": {"supports", "refutes"}}


@pytest.mark.parametrize("status", sorted(NEEDS))
def test_decided_statuses_cite_matching_non_derivative_evidence(status):
    evidence = evidence_by_id()
    for claim in rows("claims"):
        if decode("claims", "verification_status", claim["verification_status"]) != status:
            continue
        relations = {decode("evidence", "relation", evidence[e]["relation"]) for e in claim["evidence_ids"]
                     if decode("evidence", "independence", evidence[e]["independence"]) != "derivative"}
        assert relations & NEEDS[status], claim["claim_id"]


def test_unverified_claims_have_a_rationale():
    for claim in rows("claims"):
        if decode("claims", "verification_status", claim["verification_status"]) == "unverified":
            assert len(claim["rationale"].split()) >= 5, claim["claim_id"]


def test_spans_match_the_document():
    text = rows("documents")[0]["text"]
    for row in rows("sentences"):
        assert text[row["start"]:row["end"]] == row["text"]
        for item in row["hedge_cues"] + row["artifacts"]:
            assert text[item["start"]:item["end"]] == item["text"]
        for src in row["sources"]:
            for part in ("mention", "cue"):
                if src[f"{part}_start"] is not None:
                    assert text[src[f"{part}_start"]:src[f"{part}_end"]] == src[f"{part}_text"]
    for claim in rows("claims"):
        if claim["span_start"] is not None:
            assert text[claim["span_start"]:claim["span_end"]] == claim["span_text"]


def test_hedge_holders_and_claim_sources_resolve():
    sources = {s["source_id"]: row["sentence_id"] for row in rows("sentences") for s in row["sources"]}
    for row in rows("sentences"):
        for cue in row["hedge_cues"]:
            assert sources[cue["holder"]] == row["sentence_id"]
    for claim in rows("claims"):
        assert sources[claim["source_id"]] == claim["sentence_id"]


def test_no_derivative_page_is_marked_as_support_for_a_decided_claim():
    evidence = evidence_by_id()
    for claim in rows("claims"):
        status = decode("claims", "verification_status", claim["verification_status"])
        derivative = [e for e in claim["evidence_ids"]
                      if decode("evidence", "independence", evidence[e]["independence"]) == "derivative"]
        if status == "supported" and derivative:
            others = set(claim["evidence_ids"]) - set(derivative)
            assert others, claim["claim_id"]


def test_all_fragments_are_artifacts_of_their_sentence():
    artifacts = {row["sentence_id"]: [a["text"] for a in row["artifacts"]] for row in rows("sentences")}
    expected = {"s000": "intelligence.", "s001": "East.", "s004": "responsible.", "s036": "pass.", "s037": "."}
    for short, fragment in expected.items():
        assert fragment in artifacts[f"{DOC}-{short}"], short
    assert any("." in a for a in artifacts[f"{DOC}-s006"])


AUDIT_NOTE = "evidence re-audit 2026-12-01"


def test_adjudication_records_a_reason_for_each_decision():
    """Passes compared name two or more passes; a case decision none; a re-audit change the value it replaced."""
    lines = (FOLDER / "gold" / "adjudication.jsonl").read_text().splitlines()
    assert lines
    kinds = set()
    for line in lines:
        record = json.loads(line)
        kind = decision_kind(record)
        kinds.add(kind)
        assert len(record["reason"]) >= 10
        if kind == "case decision":
            assert record["annotators"] == {} and record["note"].startswith("case decision"), record
        elif kind == "re-audit":
            assert record["note"] == AUDIT_NOTE and list(record["annotators"]) == ["gold before audit"], record
            assert record["annotators"]["gold before audit"] != record["gold"], record["item"]
        else:
            assert len(record["annotators"]) >= 2, record
    assert kinds == {"between passes", "case decision", "re-audit"}


def test_evidence_audit_covers_every_record_checked_once():
    audit = [json.loads(x) for x in (FOLDER / "evidence_audit.jsonl").read_text().splitlines()]
    pool = {e["evidence_id"].rsplit("-ev-", 1)[1] for e in rows("evidence")}
    ids = [r["evidence_id"] for r in audit]
    assert ids == sorted(set(ids))
    kept = {i[len("ev-"):] for i, r in zip(ids, audit) if r["outcome"] in ("confirmed", "changed")}
    assert kept == pool
