"""Reading and writing JSON Lines with line-precise errors.

A file is read whole and parsed line by line in one pass (:func:`claimcorpus.guard.safe_json.
screened_lines`: ``orjson`` and whole-file screens for the limits and duplicate keys); a file that
the screens do not clear, or one above :data:`MAX_JSON_FILE_BYTES`, is read record by record, which
names the line and field of the first error.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from ..errors import CorpusError
from ..guard.limits import DIAGNOSE_BYTES, MAX_JSON_FILE_BYTES, MAX_LINE_BYTES
from ..guard.safe_json import first_violation, parse_json, screened_lines


def parse_line(line: str | bytes, file="(line)", record: str = "line 1"):
    """One JSON value (:func:`claimcorpus.guard.safe_json.parse_json`: ``orjson`` first, ``json`` for what
    it rejects (NaN, big ints) and for the message; limits and duplicate keys checked)."""
    data = line.encode("utf-8") if isinstance(line, str) else line
    return parse_json(data, file, record, "one JSON object per line")


def too_long(path: Path, line_no: int, line: bytes, complete: bool) -> CorpusError:
    """The error of a line above :data:`MAX_LINE_BYTES`: the field that is too long when it can be named."""
    if complete:
        try:
            violation = first_violation(parse_line(line, path, f"line {line_no}"), False, True)
        except CorpusError as exc:
            return exc
        if violation is not None:
            return CorpusError(path, f"line {line_no}", *violation)
    size = f"{len(line)} bytes" if complete else f"more than {len(line)} bytes"
    return CorpusError(path, f"line {line_no}", "(line)", f"a record of at most {MAX_LINE_BYTES} bytes", size)


def read_jsonl(path: Path) -> list[tuple[int, dict]]:
    """Return ``(line_number, record)`` pairs; blank lines are skipped."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_JSON_FILE_BYTES + 1)
            if len(data) > MAX_JSON_FILE_BYTES:  # too big to hold whole: record by record
                handle.seek(0)
                return list(jsonl_records(path, handle))
    except OSError as exc:
        raise CorpusError(path, "(file)", "(read)", "a readable file", exc.strerror or str(exc)) from exc
    records = screened_lines(data)
    return records if records is not None else list(jsonl_records(path, io.BytesIO(data)))


def jsonl_records(path: Path, handle):
    """``(line_number, record)`` of each non-blank line of the open binary ``handle``."""
    line_no = 0
    while line := handle.readline(MAX_LINE_BYTES + 1):
        line_no += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            rest = handle.readline(DIAGNOSE_BYTES)
            raise too_long(path, line_no, line + rest, rest.endswith(b"\n") or len(rest) < DIAGNOSE_BYTES)
        if len(line) > MAX_LINE_BYTES:
            raise too_long(path, line_no, line, True)
        if not line.strip():
            continue
        record = parse_json(line, path, f"line {line_no}", "one JSON object per line")
        if not isinstance(record, dict):
            raise CorpusError(path, f"line {line_no}", "(json)", "a JSON object", type(record).__name__)
        yield line_no, record


def dump_jsonl(records: list[dict], path: Path) -> None:
    """Write records one per line, keys in insertion order, UTF-8 kept readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in records)
    path.write_text(text, encoding="utf-8")
