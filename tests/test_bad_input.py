"""Every malformed input is rejected with file, record and field named; the release is untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcorpus.cli import main

from .conftest import tree_digest


def edit_line(path: Path, line_no: int, change) -> None:
    """Apply ``change`` to the JSON record at 1-based ``line_no`` of a JSONL file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[line_no - 1])
    change(record)
    lines[line_no - 1] = json.dumps(record, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def set_field(field, value):
    return lambda rec: rec.__setitem__(field, value)


def first_item(list_field, change):
    def apply(rec):
        change(rec[list_field][0])
    return apply


def rejected(project: Path, capsys) -> str:
    before = tree_digest(project / "dataset")
    assert main(["--root", str(project), "build"]) == 2
    assert tree_digest(project / "dataset") == before, "a failed build changed the release"
    return capsys.readouterr().err


def first_line_with(path: Path, predicate) -> int:
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if predicate(json.loads(line)):
            return no
    raise AssertionError(f"no matching line in {path}")


def test_invalid_json(doc_folder, project, capsys):
    path = doc_folder / "gold" / "sources.jsonl"
    lines = path.read_text().splitlines()
    lines[4] = lines[4][:-1]
    path.write_text("\n".join(lines) + "\n")
    err = rejected(project, capsys)
    assert "gold/sources.jsonl" in err and "line 5" in err and "(json)" in err


def test_wrong_type(doc_folder, project, capsys):
    edit_line(doc_folder / "gold" / "sentence_labels.jsonl", 3, set_field("is_claim", "yes"))
    err = rejected(project, capsys)
    assert "sentence_labels.jsonl" in err and "line 3" in err and "'is_claim'" in err
    assert "boolean" in err and "'yes'" in err


def test_unknown_label(doc_folder, project, capsys):
    edit_line(doc_folder / "gold" / "claims.jsonl", 2, set_field("claim_type", "rumour"))
    err = rejected(project, capsys)
    assert "claims.jsonl" in err and "line 2" in err and "'claim_type'" in err
    assert "one of event" in err and "'rumour'" in err


def test_unknown_nested_label(doc_folder, project, capsys):
    edit_line(doc_folder / "gold" / "sources.jsonl", 1, first_item("sources", set_field("affiliation", "spy")))
    err = rejected(project, capsys)
    assert "sources.jsonl" in err and "line 1" in err and "'sources.0.affiliation'" in err


def test_span_out_of_range(doc_folder, project, capsys):
    path = doc_folder / "gold" / "hedge_cues.jsonl"
    line = first_line_with(path, lambda r: r["hedge_cues"])
    edit_line(path, line, first_item("hedge_cues", set_field("end", 10**6)))
    err = rejected(project, capsys)
    assert "hedge_cues.jsonl" in err and f"line {line}" in err and "'hedge_cues[0]'" in err


def test_span_text_mismatch(doc_folder, project, capsys):
    path = doc_folder / "gold" / "artifacts.jsonl"
    line = first_line_with(path, lambda r: r["artifacts"])
    edit_line(path, line, first_item("artifacts", set_field("text", "not the text")))
    err = rejected(project, capsys)
    assert "artifacts.jsonl" in err and f"line {line}" in err and "'artifacts[0].text'" in err
    assert "'not the text'" in err


def test_overlapping_sentences(doc_folder, project, capsys):
    path = doc_folder / "sentences.jsonl"
    edit_line(path, 2, lambda r: r.update(start=r["start"] - 5, text=None))
    recs = [json.loads(x) for x in path.read_text().splitlines()]
    body = (doc_folder / "source.txt").read_text(encoding="utf-8")[18:]
    recs[1]["text"] = body[recs[1]["start"]:recs[1]["end"]]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs))
    err = rejected(project, capsys)
    assert "sentences.jsonl" in err and "line 2" in err and "'span'" in err


def test_missing_sentence_leaves_text_uncovered(doc_folder, project, capsys):
    path = doc_folder / "sentences.jsonl"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n")
    err = rejected(project, capsys)
    assert "sentences.jsonl" in err and "'end'" in err and "uncovered text" in err


def test_sentence_missing_from_a_layer(doc_folder, project, capsys):
    path = doc_folder / "gold" / "hedge_cues.jsonl"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[1:]) + "\n")
    err = rejected(project, capsys)
    assert "hedge_cues.jsonl" in err and "'sentence_id'" in err and "missing" in err


def test_duplicate_ids(doc_folder, project, capsys):
    path = doc_folder / "gold" / "claims.jsonl"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines + [lines[0]]) + "\n")
    err = rejected(project, capsys)
    assert "claims.jsonl" in err and f"line {len(lines) + 1}" in err and "'claim_id'" in err and "unique" in err


def test_dangling_evidence_reference(doc_folder, project, capsys):
    edit_line(doc_folder / "gold" / "verification.jsonl", 1, set_field("evidence", ["ev-999"]))
    err = rejected(project, capsys)
    assert "verification.jsonl" in err and "line 1" in err and "'evidence'" in err and "ev-999" in err


def test_dangling_hedge_holder(doc_folder, project, capsys):
    path = doc_folder / "gold" / "hedge_cues.jsonl"
    line = first_line_with(path, lambda r: r["hedge_cues"])
    edit_line(path, line, first_item("hedge_cues", set_field("holder", "al-tanf-drone-2021-s041-src9")))
    err = rejected(project, capsys)
    assert "hedge_cues.jsonl" in err and f"line {line}" in err and "holder" in err


def test_check_worthy_without_claim(doc_folder, project, capsys):
    path = doc_folder / "gold" / "sentence_labels.jsonl"
    line = first_line_with(path, lambda r: not r["is_claim"])
    edit_line(path, line, set_field("check_worthy", True))
    err = rejected(project, capsys)
    assert "sentence_labels.jsonl" in err and f"line {line}" in err and "'check_worthy'" in err


def test_document_text_changed(doc_folder, project, capsys):
    source = doc_folder / "source.txt"
    source.write_bytes(source.read_bytes().replace(b"Al Tanf", b"Al Tanv", 1))
    err = rejected(project, capsys)
    assert "source.txt" in err and "al-tanf-drone-2021" in err and "'source_sha256'" in err


def test_supported_claim_resting_on_derivative_evidence(doc_folder, project, capsys):
    evidence = [json.loads(x) for x in (doc_folder / "evidence.jsonl").read_text().splitlines()]
    derivative = next(e["evidence_id"] for e in evidence if e["independence"] == "derivative")
    edit_line(doc_folder / "gold" / "verification.jsonl", 1,
              lambda r: r.update(verification_status="supported", evidence=[derivative]))
    err = rejected(project, capsys)
    assert "verification.jsonl" in err and "line 1" in err and "non-derivative" in err


@pytest.mark.parametrize("layer", ["sentence_labels", "claims"])
def test_extra_property(doc_folder, project, capsys, layer):
    edit_line(doc_folder / "gold" / f"{layer}.jsonl", 1, set_field("confidence", 0.9))
    err = rejected(project, capsys)
    assert f"{layer}.jsonl" in err and "line 1" in err and "extra confidence" in err


def evidence_lines(doc_folder: Path) -> list[dict]:
    return [json.loads(x) for x in (doc_folder / "evidence.jsonl").read_text().splitlines()]


def test_derivative_evidence_marked_supports(doc_folder, project, capsys):
    path = doc_folder / "evidence.jsonl"
    line = first_line_with(path, lambda r: r["independence"] == "derivative")
    edit_line(path, line, set_field("relation", "supports"))
    err = rejected(project, capsys)
    assert "evidence.jsonl" in err and f"line {line}" in err and "'relation'" in err and "derivative" in err


def test_two_evidence_records_for_one_url_and_sentence_set(doc_folder, project, capsys):
    path = doc_folder / "evidence.jsonl"
    records = evidence_lines(doc_folder)
    copy = {**records[0], "evidence_id": "ev-999", "sentence_ids": list(reversed(records[0]["sentence_ids"]))}
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records + [copy]))
    err = rejected(project, capsys)
    assert "evidence.jsonl" in err and f"line {len(records) + 1} (ev-999)" in err and "'url'" in err
    assert "one record per url and sentence set" in err


@pytest.mark.parametrize("basis", ["none", "page"])
def test_published_date_disagrees_with_its_basis(doc_folder, project, capsys, basis):
    path = doc_folder / "evidence.jsonl"
    has_date = basis == "none"  # a dated record marked 'none', or an undated one marked 'page'
    line = first_line_with(path, lambda r: (r["published"] is not None) == has_date)
    edit_line(path, line, set_field("published_basis", basis))
    err = rejected(project, capsys)
    assert "evidence.jsonl" in err and f"line {line}" in err and "'published'" in err and basis in err


def test_evidence_record_without_published_basis(doc_folder, project, capsys):
    edit_line(doc_folder / "evidence.jsonl", 2, lambda r: r.pop("published_basis"))
    err = rejected(project, capsys)
    assert "evidence.jsonl" in err and "line 2" in err and "'published_basis'" in err


def test_gold_cites_a_merged_evidence_id(doc_folder, project, capsys):
    audit = [json.loads(x) for x in (doc_folder / "evidence_audit.jsonl").read_text().splitlines()]
    merged = next(r["evidence_id"] for r in audit if r["outcome"] == "merged")
    edit_line(doc_folder / "gold" / "verification.jsonl", 1, set_field("evidence", [merged]))
    err = rejected(project, capsys)
    assert "gold/verification.jsonl" in err and "line 1" in err and "'evidence'" in err and merged in err


@pytest.mark.parametrize(("outcome", "field", "value", "named"), [
    ("confirmed", "evidence_id", "ev-999", "'evidence_id'"),  # a record not in the pool
    ("confirmed", "outcome", "removed", "'evidence_id'"),  # removes a record still in the pool
    ("merged", "merged_into", "ev-998", "'merged_into'"),  # merged into an unknown record
])
def test_audit_line_inconsistent_with_the_pool(doc_folder, project, capsys, outcome, field, value, named):
    path = doc_folder / "evidence_audit.jsonl"
    line = first_line_with(path, lambda r: r["outcome"] == outcome)
    edit_line(path, line, set_field(field, value))
    err = rejected(project, capsys)
    assert "evidence_audit.jsonl" in err and f"line {line}" in err and named in err
    if field == "evidence_id":
        assert f"line {line} (ev-999)" in err
    if field == "merged_into":
        assert "ev-998" in err


def test_audit_line_with_an_unknown_outcome(doc_folder, project, capsys):
    edit_line(doc_folder / "evidence_audit.jsonl", 1, set_field("outcome", "skipped"))
    err = rejected(project, capsys)
    assert "evidence_audit.jsonl" in err and "line 1" in err and "'outcome'" in err and "'skipped'" in err


def test_annotator_pass_may_cite_ids_the_audit_retired(doc_folder):
    """Passes predate the audit: merged ids read as the kept record, removed ids are ignored."""
    from claimcorpus.corpus.annotations import load_annotated
    from claimcorpus.corpus.invariants import check_document

    audit = [json.loads(x) for x in (doc_folder / "evidence_audit.jsonl").read_text().splitlines()]
    retired = [r["evidence_id"] for r in audit if r["outcome"] in ("merged", "removed")]
    path = doc_folder / "annotators" / "ver-a" / "verification.jsonl"
    edit_line(path, 1, lambda r: r.update(evidence=r["evidence"] + retired))
    check_document(load_annotated(doc_folder, "ver-a"))
