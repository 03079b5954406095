"""The whole-file JSON Lines reader gives exactly what the line-by-line reader gives: records or error.

``read_jsonl`` parses a file in one pass with whole-file screens
(:func:`claimcorpus.guard.safe_json.screened_lines`) and hands any file the
screens do not clear to the line-by-line reader. Each case here puts one
hostile line between valid ones and compares the two readers.
"""

from __future__ import annotations

import io
import json
import random

import pytest

from claimcorpus.corpus.jsonl import jsonl_records, read_jsonl
from claimcorpus.errors import CorpusError
from claimcorpus.guard.limits import MAX_DEPTH, MAX_FIELD_CHARS, MAX_LINE_BYTES
from claimcorpus.guard.safe_json import screened_lines
from claimcorpus.schema.jsonschemas import check_record

from .conftest import DOC, ROOT

VALID = [b'{"a": 1, "b": "x:y"}', b'{"c": [1, {"d": "http://e"}], "f": null}', b'{"g": "[{[{"}']

HOSTILE = {
    "duplicate key": b'{"a": 1, "a": 2}',
    "duplicate nested key": b'{"k": {"a": 1, "a": 1}}',
    "duplicate with colon in string": b'{"a": "x:y", "b": 1, "b": ":"}',
    "escaped duplicate": b'{"a\\u003a": 1, "a:": 2}',
    "deep nesting": b'{"n": ' + b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1) + b"}",
    "deep nesting in strings only": b'{"n": "' + b"[" * (MAX_DEPTH + 5) + b'"}',
    "nesting at the limit": b'{"n": ' + b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1) + b"}",
    "long string": b'{"s": "' + b"x" * (MAX_FIELD_CHARS + 1) + b'"}',
    "long line": b'{"s": "' + b"x" * MAX_LINE_BYTES + b'"}',
    "long line of short strings": b'{"s": [' + b", ".join([b'"' + b"x" * 999 + b'"'] * 200) + b"]}",
    "long string of escaped quotes": b'{"s": "' + b'x\\"' * (MAX_FIELD_CHARS // 2 + 1) + b'"}',
    "not an object": b"[1, 2]",
    "a number": b"3",
    "invalid json": b'{"a": }',
    "two values on a line": b'{"a": 1} {"b": 2}',
    "NaN": b'{"a": NaN}',
    "big integer": b'{"a": 123456789012345678901234567890}',
    "lone surrogate": b'{"a": "\\ud800"}',
    "escaped text": b'{"a": "caf\\u00e9"}',
    "invalid utf-8": b'{"a": "\xff"}',
    "blank with spaces": b"   \t ",
    "carriage return": b'{"a": 1}\r',
}


def outcome(read):
    try:
        return "ok", read()
    except CorpusError as exc:
        return "error", str(exc)


def compare(tmp_path, data: bytes):
    path = tmp_path / "layer.jsonl"
    path.write_bytes(data)
    whole = outcome(lambda: read_jsonl(path))
    by_line = outcome(lambda: list(jsonl_records(path, io.BytesIO(data))))
    assert whole == by_line
    return whole


@pytest.mark.parametrize("name", list(HOSTILE))
@pytest.mark.parametrize("trailing_newline", [True, False])
def test_one_hostile_line_among_valid_ones(tmp_path, name, trailing_newline):
    lines = [VALID[0], VALID[1], HOSTILE[name], VALID[2]]
    compare(tmp_path, b"\n".join(lines) + (b"\n" if trailing_newline else b""))


def test_errors_name_the_hostile_line(tmp_path):
    status, message = compare(tmp_path, b"\n".join([VALID[0], b"", VALID[1], HOSTILE["duplicate key"]]))
    assert status == "error" and "record line 4" in message and "duplicate key" in message


def test_string_limit_on_long_values():
    """A value above the string limit is walked only when a string in it could be too long."""
    from claimcorpus.guard.safe_json import parse_json

    short_strings = b'{"s": [' + b", ".join([b'"' + b"x" * 999 + b'"'] * 200) + b"]}"
    assert len(parse_json(short_strings, "f.json")["s"]) == 200
    escaped_quotes = b'{"s": "' + b'x\\"' * (MAX_FIELD_CHARS // 2 + 1) + b'"}'
    for data in (escaped_quotes, b'{"s": "' + b"x" * MAX_FIELD_CHARS + b'y"}'):
        with pytest.raises(CorpusError, match="characters"):
            parse_json(data, "f.json")


def test_clean_files_take_the_whole_file_path():
    data = b"\n".join(VALID) + b"\n\n"
    assert screened_lines(data) == [(i, json.loads(line)) for i, line in enumerate(VALID, 1)]
    for name in ("duplicate key", "deep nesting", "long string", "NaN", "escaped text", "not an object"):
        assert screened_lines(b"\n".join([VALID[0], HOSTILE[name]])) is None, name
    assert screened_lines(b"") == []


def random_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(6 if depth < 4 else 3)
    if kind == 0:
        return rng.choice([None, True, False, rng.randint(-10**6, 10**6), rng.random()])
    if kind in (1, 2):
        return "".join(rng.choice('ab:[{}]", ') for _ in range(rng.randrange(8)))
    if kind == 3:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ["".join(rng.choice("ab:") for _ in range(rng.randrange(1, 4))) for _ in range(rng.randrange(4))]
    return {k: random_value(rng, depth + 1) for k in keys}


@pytest.mark.parametrize("seed", range(20))
def test_random_files_read_the_same(tmp_path, seed):
    """Random objects, sometimes with a key repeated by hand: both readers agree on value or error."""
    rng = random.Random(seed)
    lines = []
    for _ in range(30):
        text = json.dumps({"id": rng.randrange(100), "v": random_value(rng)},
                          separators=rng.choice([(",", ":"), (", ", ": ")]), ensure_ascii=False)
        if rng.random() < 0.05:
            text = text[:-1] + ', "id": 1}'
        lines.append(text.encode())
    compare(tmp_path, b"\n".join(lines) + b"\n")


def test_pattern_end_is_the_end_of_the_string():
    """``$`` of an id pattern does not accept a final newline (as in ECMA-262, unlike Python's ``re``)."""
    path = ROOT / "annotations" / "documents" / DOC / "sentences.jsonl"
    record = read_jsonl(path)[0][1]
    check_record("sentences", record, path, "line 1")
    record["sentence_id"] += "\n"
    with pytest.raises(CorpusError, match="sentence_id"):
        check_record("sentences", record, path, "line 1")


def test_release_pattern_end_is_the_end_of_the_string():
    """The pandera checks of the release read ``$`` the same way (written ``\\Z`` for Python's ``re``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from claimcorpus.release.release import read_tables
    from claimcorpus.schema.pandera_checks import validate_table

    table = read_tables(ROOT / "dataset")["sentences"]
    validate_table("sentences", table, "sentences")
    index = table.schema.get_field_index("sentence_id")
    ids = table.column(index).to_pylist()
    ids[0] += "\n"
    edited = table.set_column(index, table.schema.field(index), pa.array(ids, pa.string()))
    assert not pc.equal(edited.column(index), table.column(index))[0].as_py()
    with pytest.raises(CorpusError, match="sentence_id"):
        validate_table("sentences", edited, "sentences")
