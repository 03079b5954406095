"""Reading prediction files into located records: JSONL (any task) and TSV (binary tasks).

JSONL: one object per line, ``{"id": ..., "label": ..., "score": <optional float>}``
or, for span tasks, ``{"id": <sentence_id>, "spans": [[start, end], ...]}``.
TSV: a header ``id<TAB>label`` or ``id<TAB>label<TAB>score``, then one row per id.
Every line yields a record or a problem: nothing is skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError

TSV_HEADERS = (["id", "label"], ["id", "label", "score"])
MAX_SHOWN = 25


class PredictionsError(CorpusError):
    """Rejected predictions: every problem, each naming the file and line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:MAX_SHOWN] + ([f"... and {len(problems) - MAX_SHOWN} more"]
                                        if len(problems) > MAX_SHOWN else [])
        Exception.__init__(self, f"{len(problems)} problem(s) in predictions:\n  " + "\n  ".join(shown))


@dataclass
class Located:
    """A raw prediction record and where it came from (``file:line``)."""

    where: str
    record: dict


def read_lines(path: Path) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PredictionsError([f"{path}: cannot read the file: {exc}"]) from exc


def read_jsonl_predictions(path: Path) -> tuple[list[Located], list[str]]:
    records, problems = [], []
    for line_no, line in enumerate(read_lines(path), start=1):
        where = f"{path}:{line_no}"
        if not line.strip():
            problems.append(f"{where}: empty line (expected one JSON object per line)")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(record, dict):
            problems.append(f"{where}: expected a JSON object, found {type(record).__name__}")
            continue
        records.append(Located(where, record))
    return records, problems


def read_tsv_predictions(path: Path) -> tuple[list[Located], list[str]]:
    lines = read_lines(path)
    if not lines or lines[0].split("\t") not in TSV_HEADERS:
        found = lines[0] if lines else "an empty file"
        return [], [f"{path}:1: expected the header 'id<TAB>label' or 'id<TAB>label<TAB>score', found {found!r}"]
    header = lines[0].split("\t")
    records, problems = [], []
    for line_no, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != len(header):
            problems.append(f"{path}:{line_no}: expected {len(header)} tab-separated fields, found {len(fields)}")
            continue
        records.append(Located(f"{path}:{line_no}", {**dict(zip(header, fields)), "_tsv": True}))
    return records, problems


def read_predictions(path: Path) -> tuple[list[Located], list[str]]:
    """Located records and reading problems of a ``.jsonl`` or ``.tsv`` file."""
    path = Path(path)
    if path.suffix == ".jsonl":
        return read_jsonl_predictions(path)
    if path.suffix == ".tsv":
        return read_tsv_predictions(path)
    return [], [f"{path}: unknown predictions format (expected a .jsonl or .tsv file)"]
