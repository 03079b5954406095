"""The sentence-level layers read as Arrow: the records as they are, and never a file their JSON Schema rejects."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from claimcorpus.corpus.annotations import load_records
from claimcorpus.corpus.layer_columns import FOLDER, read_layer
from claimcorpus.errors import CorpusError
from claimcorpus.paths import GOLD, SENTENCES_NAME, layer_file
from claimcorpus.perf.synthetic import write_corpus
from claimcorpus.schema.arrow_checks import presence_counts, read_schema
from claimcorpus.schema.fields import NOTE, Record, boolean, list_of, string, struct
from claimcorpus.schema.records import ARTIFACTS, HEDGE_CUES, SENTENCE_LABELS, SENTENCES, SOURCES

from .columnar import field_edits, repeat_key, space_before_colon, tally
from .conftest import DOC, ROOT

RECORDS = {r.name: r for r in (SENTENCES, SENTENCE_LABELS, SOURCES, HEDGE_CUES, ARTIFACTS)}
LIST_LAYERS = ("sources", "hedge_cues", "artifacts")


def source_path(name: str):
    folder = ROOT / "annotations" / "documents" / DOC
    return folder / SENTENCES_NAME if name == "sentences" else folder / GOLD / layer_file(name)


@pytest.fixture(scope="module")
def layer_lines():
    return {name: source_path(name).read_text(encoding="utf-8").splitlines() for name in RECORDS}


@pytest.mark.parametrize("name", list(RECORDS))
def test_the_real_layers_read_as_their_records(name, tmp_path):
    records = load_records(source_path(name), name).records()
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    layer = read_layer([source_path(name), tmp_path / "absent.jsonl", empty], RECORDS[name])
    assert layer is not None and layer.counts == [len(records), 0, 0]
    assert layer.paths == [source_path(name), None, empty]
    read = layer.table.drop_columns([FOLDER]).to_pylist()
    assert read == [with_nulls(record, RECORDS[name]) for record in records]


def with_nulls(value, field):
    """``value`` as Arrow gives it back: every absent optional key as null, nested ones too."""
    if isinstance(field, Record) or field.fields:
        return {f.name: with_nulls(value.get(f.name), f) for f in field.fields}
    if field.item is not None and value is not None:
        return [with_nulls(item, field.item) for item in value]
    return value


#: Values of every kind and of the rules' edges, for the fields of list items.
ITEM_VALUES = [None, True, 0, -1, 1, 2**31, 1.5, "", "x", "x" * 100_001, "author", "unnamed_official", "US", "USA",
               "conditional", "weasel", f"{DOC}-s000-src1", f"{DOC}-s000-src9", "other-src1", [], ["US"],
               ["US", "US"], [None], {}, {"a": 1}, {"start": 0, "end": 1, "text": "x"},
               {"start": 0, "end": 1, "text": "x", "note": "n"}, {"start": 0, "end": 1}]
#: Values for the fields of records (top level).
RECORD_VALUES = [None, True, False, 0, 1, -1, 1.5, "", "x", "x" * 100_001, f"{DOC}-s000", f"{DOC}-s00",
                 f"{DOC}-s000-c1", "not_claim", "factual", "none", [], [None], [{}], {"a": 1}]


def item_edits(record: dict, layer: str):
    """(name, line) edits of the first item of ``record``'s list (and of a span inside a source)."""
    items = record[layer]
    if not items:
        return
    first = items[0]
    for key in [*first, "note", "unknown"]:
        for value in ITEM_VALUES:
            edited = {**record, layer: [{**first, key: value}, *items[1:]]}
            yield f"{layer}[0].{key}={str(value)[:30]!r}", json.dumps(edited, ensure_ascii=False)
        if key in first:
            dropped = {**record, layer: [{k: v for k, v in first.items() if k != key}, *items[1:]]}
            yield f"drop {layer}[0].{key}", json.dumps(dropped, ensure_ascii=False)
            repeated = repeat_key(first, key, first[key])
            yield f"repeat {layer}[0].{key}", json.dumps({**record, layer: []}, ensure_ascii=False).replace(
                f'"{layer}": []', f'"{layer}": [{repeated}]')
    for part in ("mention", "cue"):
        if isinstance(first.get(part), dict):
            for key in ("start", "end", "text", "note"):
                for value in (None, -1, "", "x", 2**31):
                    edited = {**record, layer: [{**first, part: {**first[part], key: value}}, *items[1:]]}
                    yield f"{layer}[0].{part}.{key}={value!r}", json.dumps(edited, ensure_ascii=False)
    yield f"{layer}: [null]", json.dumps({**record, layer: [None]}, ensure_ascii=False)
    yield f"{layer}: first item twice", json.dumps({**record, layer: [first, first]}, ensure_ascii=False)


def schema_accepts(path, name: str) -> bool:
    try:
        load_records(path, name)
    except CorpusError:
        return False
    return True


@pytest.mark.parametrize("name", list(RECORDS))
def test_the_columns_never_accept_a_file_the_json_schema_rejects(name, layer_lines, tmp_path):
    """Every field of the first two records (and the first item of each list) edited: a file the record reader
    rejects is never read as columns; one it accepts is read unless it uses what only records allow."""
    path = tmp_path / layer_file(name)
    more = (lambda record: list(item_edits(record, name))) if name in LIST_LAYERS else (lambda record: [])
    edits = field_edits(layer_lines[name], RECORDS[name].names + ["unknown"], RECORD_VALUES, more)
    wrong, counts = tally(
        edits, lambda lines: path.write_text("".join(line + "\n" for line in lines), encoding="utf-8"),
        lambda: (schema_accepts(path, name), read_layer([path], RECORDS[name]) is not None))
    assert wrong == []
    assert counts[(True, True)] > 0 and counts[(False, False)] > 0
    # only a space before a colon, an escape or an integer beyond int32 keeps a valid file from the columns
    plain = [(edit, lines) for edit, lines in field_edits(layer_lines[name], RECORDS[name].names + ["unknown"],
                                                          RECORD_VALUES, more)
             if not edit.startswith(("space_before_colon", "escaped")) and str(2**31) not in edit]
    _, plain_counts = tally(
        plain, lambda lines: path.write_text("".join(line + "\n" for line in lines), encoding="utf-8"),
        lambda: (schema_accepts(path, name), read_layer([path], RECORDS[name]) is not None))
    assert plain_counts[(True, False)] == 0


def test_a_key_optional_at_one_level_and_nullable_at_another_cannot_be_counted():
    record = Record("r", (string("tag", nullable=True), list_of("items", struct("item", (string("tag"), NOTE)))))
    rows = [{"tag": None, "items": [{"tag": "a", "note": "n"}, {"tag": "b"}]}, {"tag": "c", "items": []}]
    table = pa.Table.from_pylist(rows, schema=read_schema(record))
    assert presence_counts(table, record) == {"tag": 4, "note": 1}  # 2 rows + 2 items; 1 note
    item = struct("item", (boolean("tag", optional=True),))
    mixed = Record("r", (string("tag", nullable=True), list_of("items", item)))
    with pytest.raises(ValueError, match="optional at one level"):
        presence_counts(read_schema(mixed).empty_table(), mixed)


def test_nested_keys_count_at_every_level(tmp_path):
    """An explicit null note in an item, or a missing nullable key, is seen through the key counts."""
    path = tmp_path / "sources.jsonl"
    record = json.loads(source_path("sources").read_text(encoding="utf-8").splitlines()[0])
    item = record["sources"][0]
    cases = {"valid with notes": ({**record, "note": "n", "sources": [{**item, "note": "m"}]}, True),
             "null note in item": ({**record, "sources": [{**item, "note": None}]}, False),
             "no parent key": ({**record, "sources": [{k: v for k, v in item.items() if k != "parent"}]}, False),
             "no mention key": ({**record, "sources": [{k: v for k, v in item.items() if k != "mention"}]}, False)}
    for name, (value, accepted) in cases.items():
        path.write_text(json.dumps(value) + "\n", encoding="utf-8")
        assert (read_layer([path], SOURCES) is not None) is accepted, name
        assert schema_accepts(path, "sources") is accepted, name
    path.write_text(space_before_colon({**record, "sources": [{**item, "note": "m"}]}, "note", None) + "\n")
    assert read_layer([path], SOURCES) is None  # not counted: the columns give way


def test_an_explicit_null_behind_a_spaced_colon_is_never_read_as_columns(tmp_path):
    """``"note" : null`` would not be counted as a key: the columns give way, whatever the level."""
    record = json.loads(source_path("hedge_cues").read_text(encoding="utf-8").splitlines()[0])
    item = {**record["hedge_cues"][0], "note": None}
    lines = {"record": json.dumps({**record, "note": None}), "item": json.dumps({**record, "hedge_cues": [item]}),
             "tab": json.dumps({**record, "note": None}).replace('"note":', '"note"\t:')}
    path = tmp_path / "hedge_cues.jsonl"
    for where, line in lines.items():
        path.write_text(line.replace('"note":', '"note" :') + "\n", encoding="utf-8")
        assert read_layer([path], HEDGE_CUES) is None and not schema_accepts(path, "hedge_cues"), where


def test_a_subset_of_folders_is_what_reading_those_folders_gives(tmp_path):
    """Annotator passes share the gold's sentences: the rows of some folders, renumbered, as if read alone."""
    root = write_corpus(ROOT / "annotations" / "documents" / DOC, tmp_path / "a", 3)
    paths = [folder / SENTENCES_NAME for folder in sorted((root / "documents").iterdir())]
    whole = read_layer(paths, SENTENCES)
    for positions in ([2, 0], [1], []):
        part, alone = whole.subset(positions), read_layer([paths[i] for i in positions], SENTENCES)
        assert part.table.equals(alone.table) and (part.paths, part.counts) == (alone.paths, alone.counts)
