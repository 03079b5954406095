"""Reading prediction files into located records: JSONL (any task) and TSV (binary tasks).

JSONL: one object per line, ``{"id": ..., "label": ..., "score": <optional float>}``
or, for span tasks, ``{"id": <sentence_id>, "spans": [[start, end], ...]}``.
TSV: a header line naming one of the layouts of :mod:`.layouts` (this corpus's
``id<TAB>label[<TAB>score]`` or a CheckThat! 2021-24 one), then one row per id.
Every line yields a record or a problem: nothing is skipped. A file that cannot
be read as a whole (unknown format, bad header) is rejected with that one problem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError
from .layouts import expected_headers, find_layout, header_text, record_of

MAX_SHOWN = 25


class PredictionsError(CorpusError):
    """Rejected predictions: every problem, each naming the file and line.

    One problem is the message itself; of more, the first :data:`MAX_SHOWN` are
    shown, then "... and N more" (``problems`` keeps them all).
    """

    def __init__(self, problems: list[str]):
        self.problems = problems
        if len(problems) == 1:
            Exception.__init__(self, problems[0])
            return
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
    layout = find_layout(lines[0]) if lines else None
    if layout is None:
        found = lines[0] if lines else "an empty file"
        raise PredictionsError([f"{path}:1: expected {expected_headers()}; found {found!r}"])
    records, problems = [], []
    for line_no, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != len(layout.header):
            problems.append(f"{path}:{line_no}: expected {len(layout.header)} tab-separated fields "
                            f"({header_text(layout)}), found {len(fields)}")
            continue
        records.append(Located(f"{path}:{line_no}", record_of(layout, fields)))
    return records, problems


def read_predictions(path: Path) -> tuple[list[Located], list[str]]:
    """Located records and reading problems of a ``.jsonl`` or ``.tsv`` file."""
    path = Path(path)
    if path.suffix == ".jsonl":
        return read_jsonl_predictions(path)
    if path.suffix == ".tsv":
        return read_tsv_predictions(path)
    raise PredictionsError([f"{path}: unknown predictions format (expected a .jsonl or .tsv file)"])
