"""The columnar sentences path: the same tables as record by record, and never accepting what it rejects."""

from __future__ import annotations

import copy
import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcorpus.build.batch_columns import read_columns
from claimcorpus.build.plan import plan_batches
from claimcorpus.build.step_clock import StepClock
from claimcorpus.build.steps import join_batch, join_columnar, join_records
from claimcorpus.paths import GOLD, SENTENCES_NAME, layer_file
from claimcorpus.perf.synthetic import write_corpus
from claimcorpus.schema.features import table_schemas
from claimcorpus.schema.layer_defs import load_definitions
from claimcorpus.schema.records import ARTIFACTS, HEDGE_CUES, SENTENCE_LABELS, SENTENCES, SOURCES

from .columnar import (
    annotations_copy,
    assert_columns_follow_records,
    columnar_tables,
    drawn_edit,
    only_batch,
    outcome,
    same,
)
from .conftest import DOC, ROOT

RECORDS = {r.name: r for r in (SENTENCES, SENTENCE_LABELS, SOURCES, HEDGE_CUES, ARTIFACTS)}
FILES = [*RECORDS, "claims"]
ALL = {"evidence", "claims", "sentences"}


def layer_path(folder, name: str):
    return folder / SENTENCES_NAME if name == "sentences" else folder / GOLD / layer_file(name)


def read_records(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_records(path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A copy of the annotations without annotator passes (their own record-by-record checks would catch an
    error in ``sentences.jsonl`` first); tests rewrite its sentence-level files."""
    root = annotations_copy(tmp_path_factory, "sentence-columns")
    shutil.rmtree(root / "documents" / DOC / "annotators")
    return root


@pytest.fixture(scope="module")
def originals(corpus):
    folder = corpus / "documents" / DOC
    return {name: read_records(layer_path(folder, name)) for name in FILES}


def test_the_real_corpus_builds_every_config_it_can_from_columns(corpus):
    batch = only_batch(corpus)
    assert read_columns(list(batch.folders)).configs == ALL
    columnar_tables(batch)


def test_missing_empty_and_partial_layers_get_the_same_tables(tmp_path):
    """Folders without one layer or another, empty claim layers, notes in items, reordered items, no final newline."""
    root = write_corpus(ROOT / "annotations" / "documents" / DOC, tmp_path / "a", 7)
    folders = sorted((root / "documents").iterdir())
    gold = [folder / GOLD for folder in folders]
    (gold[0] / layer_file("sources")).unlink()  # no hedge holders or claim sources to check, no primary source
    for name in ("hedge_cues", "artifacts"):
        (gold[1] / layer_file(name)).unlink()  # no text_clean
    (gold[2] / layer_file("sentence_labels")).unlink()
    (gold[3] / layer_file("sentence_labels")).unlink()
    for name in ("claims", "verification"):
        (gold[3] / layer_file(name)).write_bytes(b"")  # claim ids [] rather than null
        (gold[4] / layer_file(name)).unlink()  # labels with main claim ids, claims not annotated
    sources = read_records(gold[5] / layer_file("sources"))
    for record in sources:
        record["sources"] = [{**s, "note": "seen"} for s in reversed(record["sources"])]
    write_records(gold[5] / layer_file("sources"), sources)
    for name in ("hedge_cues", "artifacts"):
        records = read_records(gold[5] / layer_file(name))
        write_records(gold[5] / layer_file(name), [{**r, name: r[name][::-1], "note": "n"} for r in records])
    last = gold[6] / layer_file("sources")
    last.write_bytes(last.read_bytes().rstrip(b"\n"))
    batch = only_batch(root)
    assert read_columns(list(batch.folders)).configs == ALL
    columnar = columnar_tables(batch)
    sentences, n = columnar["sentences"], 42
    assert sentences["sources"].null_count == n and sentences["text_clean"].null_count == n
    assert sentences["is_claim"].null_count == 2 * n and sentences["claim_ids"].null_count == n


def declare(root, name: str, kind: str, labels: list[str]) -> None:
    (root / "layers").mkdir(exist_ok=True)
    (root / "layers" / f"{name}.json").write_text(json.dumps({
        "name": name, "level": "sentence", "kind": kind, "labels": labels,
        "description": f"a {kind} layer declared for this test"}), encoding="utf-8")


def declared_batch(root):
    """The corpus as one batch, with the tables of its declared layers (as the build plans it)."""
    (batch,) = plan_batches(root, table_schemas(tuple(load_definitions(root))), 10**9)
    return batch


def test_declared_extra_layers_are_read_and_checked_as_columns_too(tmp_path):
    """A label layer and a spans layer (unsorted spans, empty lists, a folder without the file): the same
    tables; then a span outside its sentence and a sentence left out, each refused by the columns."""
    root = write_corpus(ROOT / "annotations" / "documents" / DOC, tmp_path / "a", 3)
    declare(root, "stance", "label", ["for", "against"])
    declare(root, "quotes", "spans", ["direct", "indirect"])
    gold = [folder / GOLD for folder in sorted((root / "documents").iterdir())]
    for folder in gold[:2]:
        cues = read_records(folder / layer_file("hedge_cues"))
        write_records(folder / layer_file("stance"), [
            {"sentence_id": r["sentence_id"], "stance": ("for", "against")[i % 2]} for i, r in enumerate(cues)])
        write_records(folder / layer_file("quotes"), [
            {"sentence_id": r["sentence_id"], "quotes": [
                {**{k: c[k] for k in ("start", "end", "text")}, "label": "direct"} for c in r["hedge_cues"][::-1]]}
            for r in cues])
    (gold[1] / layer_file("stance")).unlink()
    batch = declared_batch(root)
    assert read_columns(list(batch.folders)).configs == ALL
    columnar = columnar_tables(batch)
    assert columnar["sentences"]["stance"].null_count == 2 * 42
    quotes = gold[0] / layer_file("quotes")
    records = read_records(quotes)
    for edit in (lambda rs: rs[0]["quotes"][0].update(start=0, end=2, text="An") or rs, lambda rs: rs[1:]):
        write_records(quotes, edit(copy.deepcopy(records)))
        batch = declared_batch(root)
        assert read_columns(list(batch.folders)).configs == ALL
        reference = outcome(join_records, batch)
        assert reference[0] == "error" and join_columnar(batch, StepClock()) is None
        assert same(outcome(join_batch, batch), reference)


def first(records: list[dict], test) -> dict:
    return next(r for r in records if test(r))


def shifted(span: dict, by: int) -> dict:
    return {**span, "start": span["start"] + by, "end": span["end"] + by}


def sid(n: int) -> str:
    return f"{DOC}-s{n:03d}"


def set_item(records, layer: str, position: int, **values) -> None:
    """Set fields of the first item of the first record of ``layer`` that has at least ``position + 1`` items."""
    record = first(records, lambda r: len(r[layer]) > position)
    record[layer][position] = {**record[layer][position], **values}


def several(records: list[dict]) -> list[dict]:
    """The sources of the first sentence that has more than one."""
    return first(records, lambda r: len(r["sources"]) > 1)["sources"]


#: (file, what breaks, edit of its records): each one breaks exactly one cross-file invariant.
BROKEN = [
    ("sentences", "a sentence numbered out of turn", lambda rs: rs[1].update(sentence_id=sid(2))),
    ("sentences", "an index out of turn", lambda rs: rs[1].update(index=2)),
    ("sentences", "a span one character off", lambda rs: rs[1].update(start=rs[1]["start"] + 1)),
    ("sentences", "a text that is not the document's", lambda rs: rs[1].update(text=rs[1]["text"][:-1] + "#")),
    ("sentences", "the wrong paragraph", lambda rs: rs[1].update(paragraph=rs[1]["paragraph"] + 1)),
    ("sentences", "text left between sentences", lambda rs: rs.pop(1)),
    ("sentences", "text left at the end", lambda rs: rs.pop()),
    ("sentences", "no sentence", lambda rs: rs.clear()),
    ("sentence_labels", "check-worthy but no claim",
     lambda rs: first(rs, lambda r: not r["is_claim"]).update(check_worthy=True)),
    ("sentence_labels", "a claim typed not_claim", lambda rs: rs[0].update(claim_type="not_claim")),
    ("sentence_labels", "a claim without a main claim", lambda rs: rs[0].update(main_claim_id=None)),
    ("sentence_labels", "the main claim of another sentence",
     lambda rs: rs[0].update(main_claim_id=rs[1]["main_claim_id"])),
    ("sentence_labels", "a main claim that does not exist", lambda rs: rs[0].update(main_claim_id=f"{sid(0)}-c9")),
    ("sentence_labels", "a hedge level unlike the main claim's", lambda rs: rs[0].update(hedge_level="possible")),
    ("sentence_labels", "not a claim, yet claims for it", lambda rs: rs[0].update(
        is_claim=False, check_worthy=False, claim_type="not_claim", main_claim_id=None)),
    ("sentence_labels", "a sentence labelled twice", lambda rs: rs.append(rs[0])),
    ("sentence_labels", "a sentence not labelled", lambda rs: rs.pop(3)),
    ("sentence_labels", "a label for no sentence", lambda rs: rs.append({**rs[0], "sentence_id": sid(99)})),
    ("sources", "a source id of another sentence",
     lambda rs: set_item(rs, "sources", 0, source_id=f"{sid(5)}-src1")),
    ("sources", "its own parent", lambda rs: set_item(rs, "sources", 0, parent=rs[0]["sources"][0]["source_id"])),
    ("sources", "a parent of another sentence", lambda rs: set_item(rs, "sources", 0, parent=f"{sid(5)}-src1")),
    ("sources", "the author with a mention",
     lambda rs: set_item(rs, "sources", 0, mention={"start": 0, "end": 2, "text": "An"})),
    ("sources", "a named source located at the author",
     lambda rs: set_item(rs, "sources", 1, location="author")),
    ("sources", "no source", lambda rs: rs[0].update(sources=[])),
    ("sources", "one source id twice", lambda rs: set_item(rs, "sources", 1, source_id=several(rs)[0]["source_id"])),
    ("sources", "a mention one character off",
     lambda rs: set_item(rs, "sources", 1, mention=shifted(several(rs)[1]["mention"], 1))),
    ("sources", "a cue outside its sentence", lambda rs: set_item(
        rs, "sources", 1, cue={"start": 0, "end": 2, "text": "An"})),
    ("hedge_cues", "a holder of another sentence", lambda rs: set_item(rs, "hedge_cues", 0, holder=f"{sid(5)}-src1")),
    ("hedge_cues", "a holder that is no source", lambda rs: set_item(rs, "hedge_cues", 0, holder=f"{sid(0)}-src9")),
    ("hedge_cues", "a cue whose text is not the document's", lambda rs: set_item(rs, "hedge_cues", 0, text="x")),
    ("artifacts", "two artifacts that overlap", lambda rs: first(rs, lambda r: r["artifacts"])["artifacts"].append(
        first(rs, lambda r: r["artifacts"])["artifacts"][0])),
    ("artifacts", "an artifact outside its sentence", lambda rs: set_item(rs, "artifacts", 0, start=0, end=2,
                                                                          text="An")),
    ("claims", "a claim of a source of another sentence", lambda rs: rs[0].update(source_id=f"{sid(5)}-src1")),
    ("claims", "a claim id of another sentence", lambda rs: rs[0].update(sentence_id=sid(1))),
    ("claims", "a claim of no sentence", lambda rs: rs[0].update(sentence_id=sid(99))),
    ("claims", "a claim span one character off", lambda rs: rs[0].update(span=shifted(rs[0]["span"], 1))),
    ("claims", "one claim id twice", lambda rs: rs[1].update(claim_id=rs[0]["claim_id"])),
]
#: Edits that keep every invariant: the columns must give the record path's tables.
KEPT = [
    ("sources", "notes on a record and an item",
     lambda rs: (rs[0].update(note="n"), set_item(rs, "sources", 0, note="m"))),
    ("sources", "a sentence's sources in another order", lambda rs: first(rs, lambda r: len(r["sources"]) > 1)[
        "sources"].reverse()),
    ("hedge_cues", "a sentence's cues in another order", lambda rs: first(rs, lambda r: len(r["hedge_cues"]) > 1)[
        "hedge_cues"].reverse()),
    ("artifacts", "a sentence's artifacts in another order", lambda rs: first(rs, lambda r: len(r["artifacts"]) > 1)[
        "artifacts"].reverse()),
    ("sentence_labels", "labels in another order", lambda rs: rs.reverse()),
    ("sources", "records in another order", lambda rs: rs.reverse()),
]


def rewrite(corpus, name: str, records: list[dict]) -> None:
    write_records(layer_path(corpus / "documents" / DOC, name), records)


@pytest.mark.parametrize("name, what, edit", BROKEN + KEPT, ids=[what for _, what, _ in BROKEN + KEPT])
def test_each_invariant_is_checked_on_the_columns(corpus, originals, name, what, edit):
    """A broken invariant: the columns give way and the build raises the record path's error; a kept one:
    the same tables from columns."""
    records = copy.deepcopy(originals[name])
    edit(records)
    rewrite(corpus, name, records)
    try:
        batch = only_batch(corpus)
        assert read_columns(list(batch.folders)).configs == ALL  # every file is read as columns
        reference = outcome(join_records, batch)
        assert reference[0] == ("error" if (name, what, edit) in BROKEN else "tables"), reference
        assert_columns_follow_records(batch)
        if reference[0] == "tables":
            assert same(outcome(join_columnar, batch), reference)
    finally:
        rewrite(corpus, name, originals[name])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_columns_never_accept_what_records_reject(corpus, originals, data):
    """Random edits of a sentence-level file: the build's outcome is the record-by-record outcome, and the
    columnar path gives way (``None``) whenever the record-by-record path rejects it."""
    name = data.draw(st.sampled_from(list(RECORDS)))
    lines = [json.dumps(r, ensure_ascii=False) for r in originals[name]]
    values = st.one_of(st.none(), st.booleans(), st.integers(-2, 700), st.text(max_size=6),
                       st.sampled_from([sid(0), sid(1), f"{sid(0)}-c1", f"{sid(0)}-src1", "not_claim", "causal",
                                        "none", "author", [], [{}]]))
    edited = drawn_edit(data, lines, RECORDS[name].names, values)
    path = layer_path(corpus / "documents" / DOC, name)
    path.write_bytes(edited if isinstance(edited, bytes) else "".join(line + "\n" for line in edited).encode())
    try:
        assert_columns_follow_records(only_batch(corpus))
    finally:
        rewrite(corpus, name, originals[name])


@pytest.fixture(scope="module")
def with_passes(tmp_path_factory):
    """A copy of the annotations with its annotator passes; tests rewrite the files of pass ``ann-a``."""
    return annotations_copy(tmp_path_factory, "pass-columns")


def annotations_copy_to(tmp_path):
    root = tmp_path / "annotations"
    shutil.copytree(ROOT / "annotations", root)
    return root


def pass_path(root, name: str):
    return root / "documents" / DOC / "annotators" / "ann-a" / layer_file(name)


def test_annotator_passes_are_read_and_checked_as_columns(with_passes):
    batch = only_batch(with_passes)
    passes = read_columns(list(batch.folders)).passes
    assert [(p.name, p.positions) for p in passes.passes] == [("ann-a", [0]), ("ann-b", [0])]
    assert passes.by_records == set()
    columnar = columnar_tables(batch)
    assert columnar["annotator_labels"].num_rows == 2 * 42


PASS_EDITS = {
    "a check-worthy sentence that is no claim (labels)": ("sentence_labels", lambda rs: first(
        rs, lambda r: not r["is_claim"]).update(check_worthy=True)),
    "a source id of another sentence (sources)": ("sources", lambda rs: set_item(
        rs, "sources", 0, source_id=f"{sid(5)}-src1")),
    "a verification of no claim of the pass": ("verification", lambda rs: rs.append({
        "claim_id": f"{sid(0)}-c9", "verification_status": "unverified", "attribution_status": "not_applicable",
        "rationale": "checked against nothing at all", "evidence": [], "verified_as_of": "2021-11-19"})),
}


@pytest.mark.parametrize("what", list(PASS_EDITS))
def test_a_broken_pass_is_refused_by_the_columns(with_passes, what):
    name, edit = PASS_EDITS[what]
    path = pass_path(with_passes, name)
    original = path.read_bytes() if path.is_file() else None
    records = read_records(path) if original is not None else []
    edit(records)
    write_records(path, records)
    try:
        batch = only_batch(with_passes)
        assert read_columns(list(batch.folders)).passes.by_records == set()
        reference = outcome(join_records, batch)
        assert reference[0] == "error" and join_columnar(batch, StepClock()) is None
        assert same(outcome(join_batch, batch), reference)
    finally:
        path.write_bytes(original) if original is not None else path.unlink()


def test_a_pass_the_columns_cannot_clear_is_read_record_by_record(with_passes):
    path = pass_path(with_passes, "sources")
    original = path.read_bytes()
    path.write_bytes(original.replace(b'"author"', b'"\\u0061uthor"', 1))  # an escape: only records read it
    try:
        batch = only_batch(with_passes)
        columns = read_columns(list(batch.folders))
        assert [p.name for p in columns.passes.passes] == ["ann-b"] and columns.passes.by_records == {0}
        columnar_tables(batch)
    finally:
        path.write_bytes(original)


def test_an_empty_corpus_gets_the_same_empty_tables(tmp_path):
    root = tmp_path / "annotations"
    (root / "documents").mkdir(parents=True)
    batch = only_batch(root)
    joined = outcome(join_batch, batch)
    assert joined[0] == "tables" and same(joined, outcome(join_records, batch))
    assert all(table.num_rows == 0 for table in joined[1].values())


def test_three_passes_give_the_same_agreement_from_columns(tmp_path):
    """A third pass (a copy of ann-b): shares of 2 in 3, rounded as Python rounds them, and of 3 in 3."""
    root = annotations_copy_to(tmp_path)
    passes = root / "documents" / DOC / "annotators"
    shutil.copytree(passes / "ann-b", passes / "ann-c")
    batch = only_batch(root)
    assert [p.name for p in read_columns(list(batch.folders)).passes.passes] == ["ann-a", "ann-b", "ann-c"]
    labels = columnar_tables(batch)["annotator_labels"]
    assert labels.num_rows == 3 * 42 and set(labels["n_annotators"].to_pylist()) == {3}
    shares = {round(v, 4) for name in labels.column_names if name.startswith("agreement_")
              for v in labels[name].to_pylist()}
    assert shares == {1.0, 0.6667}
