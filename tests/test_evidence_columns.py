"""The columnar evidence path: the same tables as record by record, and never accepting what it rejects."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcorpus.corpus.annotations import load_records
from claimcorpus.corpus.evidence_checks import check_evidence
from claimcorpus.corpus.evidence_columns import read_evidence
from claimcorpus.errors import CorpusError
from claimcorpus.paths import EVIDENCE_NAME, GOLD, SENTENCES_NAME, layer_file
from claimcorpus.perf.synthetic import write_corpus
from claimcorpus.schema import ids
from claimcorpus.schema.arrow_checks import re2_pattern, values_ok
from claimcorpus.schema.jsonschemas import compile_schema
from claimcorpus.schema.records import EVIDENCE

from .columnar import (
    annotations_copy,
    assert_columns_follow_records,
    columnar_tables,
    drawn_edit,
    field_edits,
    only_batch,
    tally,
)
from .conftest import DOC, ROOT

FIELDS = EVIDENCE.names


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A copy of the annotations; tests rewrite its evidence file."""
    return annotations_copy(tmp_path_factory, "columns")


@pytest.fixture(scope="module")
def evidence_lines():
    return (ROOT / "annotations" / "documents" / DOC / EVIDENCE_NAME).read_text(encoding="utf-8").splitlines()


def test_the_real_corpus_takes_the_columnar_path_and_gets_the_same_tables(corpus):
    batch = only_batch(corpus)
    columnar_tables(batch)


def test_a_synthetic_corpus_with_notes_no_file_and_an_empty_file_gets_the_same_tables(tmp_path):
    root = write_corpus(ROOT / "annotations" / "documents" / DOC, tmp_path / "a", 5)
    folders = sorted((root / "documents").iterdir())
    path = folders[0] / EVIDENCE_NAME
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    records[3]["note"] = "a note"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    for folder in folders[1:3]:  # no verification, then no pool or an empty one
        (folder / GOLD / layer_file("verification")).unlink()
    (folders[1] / EVIDENCE_NAME).unlink()
    (folders[2] / EVIDENCE_NAME).write_bytes(b"")
    last = folders[3] / EVIDENCE_NAME
    last.write_bytes(last.read_bytes().rstrip(b"\n"))  # no final newline
    batch = only_batch(root)
    columnar = columnar_tables(batch)
    assert columnar["documents"]["n_evidence"].to_pylist() == [176, 0, 0, 176, 176]


def rewrite(corpus, lines: list[str] | bytes) -> None:
    data = lines if isinstance(lines, bytes) else "".join(line + "\n" for line in lines).encode("utf-8")
    (corpus / "documents" / DOC / EVIDENCE_NAME).write_bytes(data)


#: Values that break, or keep, the rules of one field.
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 2), st.text(max_size=25), st.lists(st.text(max_size=8), max_size=2),
    st.sampled_from(["ev-001", "ev-01", "ev-999", "supports", "refutes", "context", "derivative", "primary",
                     "independent", "page", "url", "none", "2021-11-19", "2021-1-1", "https://a.example/x",
                     "https://a\u00a0b", "https://a\u2003b", "https://a\ufeffb", "https://a b", "title", "x" * 25,
                     [f"{DOC}-s000"], [f"{DOC}-s999"], [f"{DOC}-s001", f"{DOC}-s000"], [], {"a": 1}]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_columns_never_accept_what_records_reject(corpus, evidence_lines, data):
    """Random edits of the evidence file: the build's outcome is the record-by-record outcome, and the
    columnar path gives way (``None``) whenever the record-by-record path rejects the batch."""
    rewrite(corpus, drawn_edit(data, evidence_lines, FIELDS, VALUES))
    try:
        assert_columns_follow_records(only_batch(corpus))
    finally:
        rewrite(corpus, evidence_lines)


#: Values of every kind and of every rule's edge, for every field.
EDGE_VALUES = [None, True, 0, 1, "", "x", "x" * 25, "x" * 100_001, "ev-001", "ev-01", "ev-999", "supports",
               "refutes", "context", "derivative", "primary", "independent", "page", "url", "none", "2021-11-19",
               "2021-1-1", "https://a.example/x", "https://a\u00a0b", "https://a\ufeffb", "https://a b", "title",
               [], ["x"], [f"{DOC}-s000"], [f"{DOC}-s999"], [f"{DOC}-s001", f"{DOC}-s000"], [None], {"a": 1}]


def every_edit(lines: list[str]):
    """(name, file lines) for each edit of the first two records, and for added records that keep a url."""
    yield from field_edits(lines, FIELDS, EDGE_VALUES)
    first, pair = json.loads(lines[0]), [f"{DOC}-s000", f"{DOC}-s001"]
    added = {"same url and sentences, new id": [{"evidence_id": "ev-999"}],
             "same url, other sentences": [{"evidence_id": "ev-999", "sentence_ids": [f"{DOC}-s041"]}],
             "same url and sentences in another order": [{"evidence_id": "ev-998", "sentence_ids": pair},
                                                         {"evidence_id": "ev-999", "sentence_ids": pair[::-1]}]}
    for name, changes in added.items():
        yield name, lines + [json.dumps({**first, **change}) for change in changes]


def evidence_accepted(folder, sentence_ids: list[str]) -> tuple[bool, bool]:
    """(record by record, columnar): does each accept the folder's evidence file?"""
    try:
        check_evidence(SimpleNamespace(evidence=load_records(folder / EVIDENCE_NAME, "evidence")),
                       dict.fromkeys(sentence_ids))
        records = True
    except CorpusError:
        records = False
    columns = read_evidence([folder])
    return records, columns is not None and columns.sentences_resolve([sentence_ids])


def test_every_edge_of_every_field_is_rejected_by_columns_when_records_reject_it(corpus, evidence_lines):
    folder = corpus / "documents" / DOC
    sentence_ids = [json.loads(line)["sentence_id"] for line in (folder / SENTENCES_NAME).read_text().splitlines()]
    wrong, counts = tally(every_edit(evidence_lines), lambda lines: rewrite(corpus, lines),
                          lambda: evidence_accepted(folder, sentence_ids))
    rewrite(corpus, evidence_lines)
    assert wrong == []
    assert counts[(True, True)] > 100 and counts[(False, False)] > 400, counts  # both kinds are exercised


def test_whitespace_in_a_url_is_whitespace_as_the_json_schema_validator_reads_it():
    validator = compile_schema({"type": "string", "pattern": ids.URL})
    field = EVIDENCE["url"]
    urls = ["https://a.example/x", "https://a b", "https://a\u00a0b", "https://a\u2003b", "https://a\u0085b",
            "https://a\u3000b", "https://a\u200bb", "https://a\ufeffb", "https://a\u2028b", "https://a\x1cb",
            "https://a\nb", "https://é.example"]
    for url in urls:
        assert values_ok(pa.array([url]), field) == validator.is_valid(url), repr(url)


def test_a_pattern_with_classes_it_cannot_translate_is_refused():
    assert re2_pattern(ids.EVIDENCE_ID) == ids.EVIDENCE_ID
    with pytest.raises(ValueError, match="translated"):
        re2_pattern(r"^\d+$")


def test_a_batch_without_evidence_files_is_read_as_empty(tmp_path):
    folder = tmp_path / "documents" / "d"
    folder.mkdir(parents=True)
    columns = read_evidence([folder])
    assert columns is not None and columns.table.num_rows == 0 and columns.pool(0) is None
