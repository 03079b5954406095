"""Parsing untrusted JSON: UTF-8, the limits of :mod:`.limits`, duplicate keys; one CorpusError else.

The fast path is ``orjson``; a value it accepts is then screened cheaply:

* nesting: a line with at most :data:`MAX_DEPTH` opening brackets cannot be deeper
  (only a line with more is walked);
* strings: a value shorter than :data:`MAX_FIELD_CHARS` cannot hold a longer string,
  nor can one whose runs between two quotes are all shorter, when no quote is escaped
  (only other values are walked);
* duplicate keys (``orjson`` keeps the last one silently): without ``\\u`` escapes, the
  colons of the input and of ``orjson.dumps`` of the parsed value are the same
  count exactly when no key was dropped (every key is followed by one colon,
  strings keep theirs, ``orjson`` escapes none); otherwise ``json`` with an
  ``object_pairs_hook`` decides.

What ``orjson`` rejects goes to ``json`` (which also accepts NaN and big integers)
for the value or the message; a ``RecursionError`` never escapes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import orjson

from ..errors import CorpusError
from .limits import MAX_DEPTH, MAX_FIELD_CHARS, MAX_JSON_FILE_BYTES, MAX_LINE_BYTES

STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
BRACKETS = re.compile(r"[\[\]{}]")
NEWLINE = b"\n"
#: ``bytes.translate`` deletes every byte but the opening brackets and the newline.
NOT_OPENING = bytes(b for b in range(256) if b not in b"[{\n")


class DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def raw_depth(text: str) -> int:
    """Nesting depth of JSON text, strings skipped (no parsing, no recursion)."""
    depth = deepest = 0
    for bracket in BRACKETS.findall(STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def first_violation(value, limit_depth: bool, limit_strings: bool) -> tuple[str, str, str] | None:
    """``(field path, expected, found)`` of the first part of ``value`` beyond a limit (iterative walk)."""
    stack = [(value, "", 1)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if limit_depth and depth > MAX_DEPTH:
                return (path.split(".")[0] or "(json)", f"at most {MAX_DEPTH} levels of nesting",
                        f"more than {MAX_DEPTH} levels")
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in pairs:
                child_path = f"{path}.{key}" if path else str(key)
                if limit_strings and isinstance(key, str) and len(key) > MAX_FIELD_CHARS:
                    return (path or "(key)", f"keys of at most {MAX_FIELD_CHARS} characters",
                            f"a key of {len(key)} characters")
                stack.append((child, child_path, depth + 1))
        elif limit_strings and isinstance(item, str) and len(item) > MAX_FIELD_CHARS:
            return path or "(json)", f"at most {MAX_FIELD_CHARS} characters", f"{len(item)} characters"
    return None


def longest_string_bound(data: bytes) -> int:
    """An upper bound of the characters of any string (key or value) in JSON ``data``: the longest run
    between two quotes, unless an escaped quote splits a string (then the whole length)."""
    return len(data) if b'\\"' in data else max(map(len, data.split(b'"')))


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def duplicate_line(text: str, key: str) -> int | None:
    """Line of the second ``"key":`` in ``text`` (best effort, for a whole-file message)."""
    hits = [m.start() for m in re.finditer(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:", text)]
    return line_of(text, hits[1]) if len(hits) > 1 else None


def parse_json(data: bytes, file, record: str | None = None, expected: str = "valid JSON"):
    """The JSON value of ``data``; a CorpusError naming ``file`` and ``record`` else.

    ``record=None`` (a whole file): the record is the line where the error is."""
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        return slow_parse(data, file, record, expected)
    limit_depth = data.count(b"[") + data.count(b"{") > MAX_DEPTH
    limit_strings = len(data) > MAX_FIELD_CHARS and longest_string_bound(data) > MAX_FIELD_CHARS
    if limit_depth or limit_strings:  # first: orjson.dumps refuses depths above 255
        violation = first_violation(value, limit_depth, limit_strings)
        if violation is not None:
            raise CorpusError(file, record or "(file)", *violation)
    colons = data.count(b":")
    if colons and (colons != orjson.dumps(value).count(b":") or b"\\u" in data):
        return slow_parse(data, file, record, expected)
    return value


def screened_lines(data: bytes) -> list[tuple[int, dict]] | None:
    """``(line number, object)`` of each non-blank line of JSON Lines ``data``, or ``None``.

    The screens of :func:`parse_json`, applied to the whole file at once: ``None`` unless every line is
    one JSON object that ``orjson`` reads, within the limits (lines, strings, nesting) and without a
    repeated key (the colons of ``data`` and of ``orjson.dumps`` of all the objects are the same count).
    ``None`` sends the file to the line-by-line reader, which names the first error or accepts what
    only ``json`` reads (NaN, big integers, ``\\u`` escapes)."""
    lines = data.split(NEWLINE)
    if max(map(len, lines)) >= min(MAX_LINE_BYTES, MAX_FIELD_CHARS) or b"\\u" in data:
        return None
    numbered = [(number, line) for number, line in enumerate(lines, 1) if line.strip()]
    try:
        values = [orjson.loads(line) for _, line in numbered]
    except orjson.JSONDecodeError:
        return None
    if not all(type(value) is dict for value in values):
        return None
    openings = data.translate(None, NOT_OPENING).split(NEWLINE)  # per line: its opening brackets
    if max(map(len, openings)) > MAX_DEPTH:
        deep = {number for number, brackets in enumerate(openings, 1) if len(brackets) > MAX_DEPTH}
        if any(first_violation(value, True, False) for (number, _), value in zip(numbered, values)
               if number in deep):
            return None
    if data.count(b":") != orjson.dumps(values).count(b":"):
        return None
    return [(number, value) for (number, _), value in zip(numbered, values)]


def slow_parse(data: bytes, file, record: str | None, expected: str):
    """``json`` with duplicate keys refused: the value, or the precise error."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = record or f"line {data.count(NEWLINE, 0, exc.start) + 1}"
        raise CorpusError(file, where, "(encoding)", "UTF-8 text",
                          f"invalid byte 0x{data[exc.start]:02x} at byte {exc.start}") from exc
    if text.count("[") + text.count("{") > MAX_DEPTH and raw_depth(text) > MAX_DEPTH:
        raise CorpusError(file, record or "(file)", "(json)", f"at most {MAX_DEPTH} levels of nesting",
                          f"{raw_depth(text)} levels")
    try:
        value = json.loads(text, object_pairs_hook=no_duplicates)
    except DuplicateKey as exc:
        line = duplicate_line(text, exc.key)
        raise CorpusError(file, record or (f"line {line}" if line else "(file)"), exc.key,
                          "each key once per JSON object", f"duplicate key {exc.key!r}") from None
    except json.JSONDecodeError as exc:
        raise CorpusError(file, record or f"line {exc.lineno}", "(json)", expected,
                          f"{exc.msg} at column {exc.colno}") from exc
    except RecursionError:
        raise CorpusError(file, record or "(file)", "(json)", f"at most {MAX_DEPTH} levels of nesting",
                          "deeper nesting") from None
    violation = first_violation(value, True, True)
    if violation is not None:
        raise CorpusError(file, record or "(file)", *violation)
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CorpusError(file, record or "(file)", "(encoding)", "text without lone surrogate escapes (\\ud800)",
                          exc.reason) from None
    return value


def read_json_file(path: Path, expected: str = "valid JSON", limit: int = MAX_JSON_FILE_BYTES):
    """The JSON value of the file at ``path`` (size-limited, see :func:`parse_json`)."""
    data = read_limited(path, limit)
    return parse_json(data, path, None, expected)


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, refused above ``limit`` bytes or when unreadable (a CorpusError either way)."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise CorpusError(path, "(file)", "(size)", f"at most {limit} bytes", f"{size} bytes")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise CorpusError(path, "(file)", "(read)", "a readable file", exc.strerror or str(exc)) from exc
    if len(data) > limit:
        raise CorpusError(path, "(file)", "(size)", f"at most {limit} bytes", f"more than {limit} bytes")
    return data
