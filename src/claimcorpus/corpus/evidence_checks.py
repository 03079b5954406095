"""Invariants of the evidence pool, its audit log and the verification layer.

Each check raises :class:`CorpusError` naming file, record, field, expected and found.
"""

from __future__ import annotations

from ..errors import CorpusError
from ..paths import layer_file
from ..schema.layers import GOLD, annotator_folder
from .annotations import AnnotatedDocument, Records
from .check_helpers import check_unique
from .jsonl import read_jsonl

STATUS_NEEDS = {"supported": {"supports"}, "refuted": {"refutes"}, "conflicting": {"supports", "refutes"}}


def reference_claims(doc: AnnotatedDocument) -> set[str] | None:
    """Claim ids a verification layer must cover: the folder's own claims, else the gold claims."""
    if "claims" in doc.layers:
        return {c["claim_id"] for c in doc.layers["claims"].records()}
    gold = annotator_folder(doc.document.folder, GOLD) / layer_file("claims")
    return {rec["claim_id"] for _, rec in read_jsonl(gold)} if gold.is_file() else None


def retired_evidence(doc: AnnotatedDocument) -> dict[str, str | None]:
    """Ids the evidence audit took out of the pool: merged (-> the kept id) or removed (-> None)."""
    audit = doc.evidence_audit.records() if doc.evidence_audit is not None else []
    return {r["evidence_id"]: r["merged_into"] for r in audit if r["outcome"] in ("merged", "removed")}


def check_verification(doc: AnnotatedDocument) -> None:
    """One record per claim; evidence resolves; decided statuses rest on non-derivative evidence.

    Gold cites only pool ids. An annotator pass is a record of what it did before an evidence
    audit, so it may still cite ids the audit merged (read as the kept id) or removed (ignored)."""
    recs = doc.layers["verification"]
    claim_ids = reference_claims(doc)
    evidence = {e["evidence_id"]: e for e in doc.evidence.records()} if doc.evidence else {}
    retired = retired_evidence(doc) if doc.annotator != GOLD else {}
    check_unique([(line, None, rec["claim_id"]) for line, rec in recs.rows], recs, "claim_id")
    for line, rec in recs.rows:
        if claim_ids is not None and rec["claim_id"] not in claim_ids:
            raise CorpusError(recs.path, recs.where(line, rec["claim_id"]), "claim_id", "a claim id of claims.jsonl",
                              rec["claim_id"])
        for ev_id in rec["evidence"]:
            if ev_id not in evidence and ev_id not in retired:
                raise CorpusError(recs.path, recs.where(line, rec["claim_id"]), "evidence",
                                  "evidence ids of evidence.jsonl", ev_id)
        if retired:
            cited = [retired.get(e) if e in retired else e for e in rec["evidence"]]
            rec = {**rec, "evidence": [e for e in cited if e is not None]}
        check_status_evidence(rec, evidence, recs, line)
    if claim_ids is not None:
        missing = sorted(claim_ids - {r["claim_id"] for r in recs.records()})
        if missing:
            raise CorpusError(recs.path, "(file)", "claim_id", "a record for every claim", f"missing {missing[:5]}")


def check_status_evidence(rec: dict, evidence: dict, recs: Records, line: int) -> None:
    needed = STATUS_NEEDS.get(rec["verification_status"])
    if not needed:
        return
    relations = {evidence[e]["relation"] for e in rec["evidence"] if evidence[e]["independence"] != "derivative"}
    if not relations & needed:
        raise CorpusError(recs.path, recs.where(line, rec["claim_id"]), "evidence",
                          f"non-derivative evidence with relation {' or '.join(sorted(needed))} "
                          f"for status {rec['verification_status']}", rec["evidence"])


def check_evidence(doc: AnnotatedDocument, bounds: dict) -> None:
    """Ids unique, sentences resolve; one record per (url, sentence set); derivative is context; dates have a basis."""
    recs = doc.evidence
    check_unique([(line, None, rec["evidence_id"]) for line, rec in recs.rows], recs, "evidence_id")
    first: dict[tuple, tuple[int, str]] = {}
    for line, rec in recs.rows:
        for sid in rec["sentence_ids"]:
            if sid not in bounds:
                raise CorpusError(recs.path, recs.where(line, rec["evidence_id"]), "sentence_ids",
                                  "sentence ids of sentences.jsonl", sid)
        key = (rec["url"], tuple(sorted(rec["sentence_ids"])))
        if key in first:
            raise CorpusError(recs.path, recs.where(line, rec["evidence_id"]), "url",
                              f"one record per url and sentence set (same as {recs.where(*first[key])})", rec["url"])
        first[key] = (line, rec["evidence_id"])
        check_evidence_record(rec, recs, line)


def check_evidence_record(rec: dict, recs: Records, line: int) -> None:
    if rec["independence"] == "derivative" and rec["relation"] != "context":
        where = recs.where(line, rec["evidence_id"])
        raise CorpusError(recs.path, where, "relation",
                          "context for a derivative record (a re-report of this article never supports or refutes)",
                          rec["relation"])
    basis = rec["published_basis"]
    if (rec["published"] is None) != (basis == "none"):
        where = recs.where(line, rec["evidence_id"])
        expected = ("null for published_basis 'none'" if basis == "none"
                    else f"an ISO date for published_basis {basis!r}")
        raise CorpusError(recs.path, where, "published", expected, rec["published"])


def check_evidence_audit(doc: AnnotatedDocument) -> None:
    """Audit lines name pool records, except merged/removed ones, which name none; merges point into the pool."""
    audit = doc.evidence_audit
    pool = {e["evidence_id"] for e in doc.evidence.records()} if doc.evidence else set()
    check_unique([(line, None, rec["evidence_id"]) for line, rec in audit.rows], audit, "evidence_id")
    for line, rec in audit.rows:
        where, outcome = audit.where(line, rec["evidence_id"]), rec["outcome"]
        gone = outcome in ("merged", "removed")
        if (rec["evidence_id"] in pool) == gone:
            expected = ("an id no longer in evidence.jsonl (outcome " + outcome + ")" if gone
                        else "an evidence id of evidence.jsonl (or outcome merged / removed)")
            raise CorpusError(audit.path, where, "evidence_id", expected, rec["evidence_id"])
        if (outcome == "merged") != (rec["merged_into"] in pool):
            raise CorpusError(audit.path, where, "merged_into",
                              "an evidence id of evidence.jsonl exactly when outcome is merged", rec["merged_into"])
        if (outcome == "changed") != bool(rec["changes"]):
            raise CorpusError(audit.path, where, "changes",
                              "a non-empty object exactly when outcome is changed", rec["changes"])
