"""Reading and writing JSON Lines with line-precise errors."""

from __future__ import annotations

import json
from pathlib import Path

import orjson

from ..errors import CorpusError


def parse_line(line: str):
    """One JSON value: ``orjson`` for speed, ``json`` for what it rejects (NaN, big ints) and for the message."""
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line)


def read_jsonl(path: Path) -> list[tuple[int, dict]]:
    """Return ``(line_number, record)`` pairs; blank lines are skipped."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = parse_line(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(path, f"line {line_no}", "(json)", "one JSON object per line",
                                  f"{exc.msg} at column {exc.colno}") from exc
            if not isinstance(record, dict):
                raise CorpusError(path, f"line {line_no}", "(json)", "a JSON object",
                                  type(record).__name__)
            records.append((line_no, record))
    return records


def dump_jsonl(records: list[dict], path: Path) -> None:
    """Write records one per line, keys in insertion order, UTF-8 kept readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in records)
    path.write_text(text, encoding="utf-8")
