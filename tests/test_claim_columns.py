"""The columnar claims and verification path: the same tables as record by record, never accepting what it rejects."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcorpus.build.batch_columns import read_columns
from claimcorpus.build.step_clock import StepClock
from claimcorpus.build.steps import join_batch, join_columnar, join_records
from claimcorpus.corpus.annotations import load_records
from claimcorpus.corpus.layer_columns import read_layer
from claimcorpus.errors import CorpusError
from claimcorpus.paths import EVIDENCE_NAME, GOLD, layer_file
from claimcorpus.perf.synthetic import write_corpus
from claimcorpus.schema.records import CLAIMS, VERIFICATION

from .columnar import (
    annotations_copy,
    assert_columns_follow_records,
    columnar_tables,
    drawn_edit,
    field_edits,
    only_batch,
    outcome,
    same,
    tally,
)
from .conftest import DOC, ROOT

RECORDS = {"claims": CLAIMS, "verification": VERIFICATION}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A copy of the annotations; tests rewrite its gold claims and verification files."""
    return annotations_copy(tmp_path_factory, "claim-columns")


@pytest.fixture(scope="module")
def gold_lines():
    gold = ROOT / "annotations" / "documents" / DOC / GOLD
    return {name: (gold / layer_file(name)).read_text(encoding="utf-8").splitlines() for name in RECORDS}


def gold_path(corpus, name: str):
    return corpus / "documents" / DOC / GOLD / layer_file(name)


def rewrite(corpus, name: str, lines: list[str] | bytes) -> None:
    data = lines if isinstance(lines, bytes) else "".join(line + "\n" for line in lines).encode("utf-8")
    gold_path(corpus, name).write_bytes(data)


def test_the_real_corpus_reads_claims_and_evidence_as_columns_and_gets_the_same_tables(corpus):
    batch = only_batch(corpus)
    assert read_columns(list(batch.folders)).configs == {"claims", "evidence", "sentences"}
    columnar_tables(batch)


def edit_records(path, edit) -> None:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    edit(records)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def test_missing_empty_and_partial_layers_get_the_same_tables(tmp_path):
    """Folders without one layer, with empty layers, notes, a null span, no final newline; then one that fails."""
    root = write_corpus(ROOT / "annotations" / "documents" / DOC, tmp_path / "a", 6)
    gold = [folder / GOLD for folder in sorted((root / "documents").iterdir())]
    edit_records(gold[0] / layer_file("claims"), lambda recs: recs[2].update(note="a note", span=None))
    edit_records(gold[0] / layer_file("verification"), lambda recs: recs[4].update(note="checked twice"))
    (gold[1] / layer_file("verification")).unlink()  # claims without verification
    (gold[2] / layer_file("claims")).unlink()  # verification of claims no longer annotated
    (gold[3] / layer_file("sentence_labels")).unlink()  # empty claim layers (present, no record)
    for name in ("claims", "verification"):
        (gold[3] / layer_file(name)).write_bytes(b"")
    last = gold[4] / layer_file("claims")
    last.write_bytes(last.read_bytes().rstrip(b"\n"))  # no final newline
    edit_records(gold[5] / layer_file("verification"), lambda recs: recs.pop(0))  # a claim without its record
    batch = only_batch(root)
    reference = outcome(join_records, batch)
    assert reference[0] == "error"  # a verification record must exist for every claim
    assert join_columnar(batch, StepClock()) is None and same(outcome(join_batch, batch), reference)
    shutil.rmtree(gold[5].parent)
    batch = only_batch(root)
    assert read_columns(list(batch.folders)).configs == {"claims", "evidence", "sentences"}
    columnar = columnar_tables(batch)
    claims = columnar["claims"]
    assert claims.num_rows == 73 * 3 and claims["verification_status"].null_count == 73  # folder 1's claims
    assert claims["span_start"].null_count == 1


def escape_first_value(line: str) -> str:
    """The line with the first character of its first string value written as a ``\\u`` escape."""
    at = line.index('": "') + 4
    return line[:at] + f"\\u{ord(line[at]):04x}" + line[at + 1:]


def test_each_layer_falls_back_on_its_own(corpus, gold_lines):
    """An escape in the claims file: claims are read record by record, evidence still as columns; and back."""
    evidence = corpus / "documents" / DOC / EVIDENCE_NAME
    evidence_lines = evidence.read_text(encoding="utf-8").splitlines()
    batch = only_batch(corpus)
    try:
        rewrite(corpus, "claims", [escape_first_value(gold_lines["claims"][0])] + gold_lines["claims"][1:])
        assert read_columns(list(batch.folders)).configs == {"evidence"}
        assert same(outcome(join_batch, batch), outcome(join_records, batch))
        rewrite(corpus, "claims", gold_lines["claims"])
        evidence.write_text("\n".join([escape_first_value(evidence_lines[0])] + evidence_lines[1:]) + "\n")
        assert read_columns(list(batch.folders)).configs == {"claims"}
        assert same(outcome(join_batch, batch), outcome(join_records, batch))
    finally:
        rewrite(corpus, "claims", gold_lines["claims"])
        evidence.write_text("\n".join(evidence_lines) + "\n", encoding="utf-8")


SPAN = {"start": 3, "end": 8, "text": "armed"}
#: Values that break, or keep, the rules of one field of a claim or verification record.
EDGE_VALUES = [None, True, False, 0, 1, -1, 1.0, 2**31, "", "x", "x" * 25, "x" * 100_001,
               f"{DOC}-s000", f"{DOC}-s000-c1", f"{DOC}-s000-c9", f"{DOC}-s001-c1", f"{DOC}-s000-src1",
               f"{DOC}-s000-src9", "causal", "not_claim", "attributed", "none", "supported", "refuted",
               "unverified", "not_applicable", "2021-11-19", "2021-1-1", [], ["ev-001"], ["ev-001", "ev-001"],
               ["ev-999"], ["ev-1"], [None], [1], {}, SPAN, {**SPAN, "text": "arme"}, {**SPAN, "start": -1},
               {**SPAN, "end": 2**31}, {**SPAN, "text": ""}, {**SPAN, "x": 1}, {"start": 3, "end": 8},
               {**SPAN, "start": 3.0}, {"a": 1}]


def span_keys_repeated(record: dict) -> list[tuple[str, str]]:
    """The record with a key of its span written twice (the span moved last, so its object closes the line)."""
    if not record.get("span"):
        return []
    line = json.dumps({**{k: v for k, v in record.items() if k != "span"}, "span": record["span"]})
    return [(f"span {key} repeated", line[:-2] + f', "{key}": 1}}}}') for key in ("start", "text")]


def every_edit(lines: list[str], record):
    """(name, file lines) for each edit of every field of the first two records."""
    yield from field_edits(lines, record.names, EDGE_VALUES, span_keys_repeated)


def accepted(path, name: str) -> tuple[bool, bool]:
    """(record by record, columnar): does each accept the file (its JSON Schema and screens)?"""
    try:
        load_records(path, name)
        records = True
    except CorpusError:
        records = False
    return records, read_layer([path], RECORDS[name]) is not None


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_every_edge_of_every_field_is_rejected_by_columns_when_records_reject_it(corpus, gold_lines, name):
    wrong, counts = tally(every_edit(gold_lines[name], RECORDS[name]), lambda lines: rewrite(corpus, name, lines),
                          lambda: accepted(gold_path(corpus, name), name))
    rewrite(corpus, name, gold_lines[name])
    assert wrong == []
    assert counts[(True, True)] > 50 and counts[(False, False)] > 300, counts  # both kinds are exercised


VALUES = st.one_of(st.sampled_from(EDGE_VALUES), st.none(), st.booleans(), st.integers(-2, 200),
                   st.text(max_size=12), st.lists(st.sampled_from(["ev-001", "ev-002", "ev-999", "x"]), max_size=3))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_columns_never_accept_what_records_reject(corpus, gold_lines, data):
    """Random edits of the claims or verification file: the build's outcome is the record-by-record
    outcome, and the columnar path gives way (``None``) whenever the record-by-record path rejects it."""
    name = data.draw(st.sampled_from(sorted(RECORDS)))
    rewrite(corpus, name, drawn_edit(data, gold_lines[name], RECORDS[name].names, VALUES))
    try:
        assert_columns_follow_records(only_batch(corpus))
    finally:
        rewrite(corpus, name, gold_lines[name])


def test_a_record_cut_at_its_span_with_the_line_before_it_is_refused_by_the_columns(corpus, gold_lines):
    """Line 1: a whole claim, then the next one up to its span; line 2: the rest, which starts with ``{``.
    As many lines as records, every line starting with ``{``: the columns must still give way."""
    lines = gold_lines["claims"]
    cut = lines[1].index('"span": ') + len('"span": ')
    rewrite(corpus, "claims", [lines[0] + " " + lines[1][:cut], lines[1][cut:], *lines[2:]])
    try:
        assert accepted(gold_path(corpus, "claims"), "claims") == (False, False)
        assert_columns_follow_records(only_batch(corpus))
    finally:
        rewrite(corpus, "claims", gold_lines["claims"])
