"""Shared by the tests of the columnar readers: joining a batch both ways, and edits of a JSON Lines file."""

from __future__ import annotations

import json

from claimcorpus.build.plan import plan_batches
from claimcorpus.build.step_clock import StepClock
from claimcorpus.build.steps import join_batch
from claimcorpus.errors import CorpusError
from claimcorpus.schema.features import table_schemas


def only_batch(root):
    (batch,) = plan_batches(root, table_schemas(), 10**9)
    return batch


def outcome(join, batch):
    """The tables of a join, or the message of its error."""
    try:
        tables = join(batch, StepClock()) if join is not join_batch else join(batch).tables
    except CorpusError as exc:
        return "error", str(exc)
    return "tables", tables


def same(a, b) -> bool:
    if a[0] != b[0] or a[0] == "error":
        return a == b
    return a[1].keys() == b[1].keys() and all(
        a[1][k].equals(b[1][k]) and a[1][k].schema.equals(b[1][k].schema, check_metadata=True) for k in a[1])


def set_value(record: dict, field: str, value) -> str:
    return json.dumps({**record, field: value}, ensure_ascii=False)


def drop_key(record: dict, field: str, _value) -> str:
    return json.dumps({k: v for k, v in record.items() if k != field}, ensure_ascii=False)


def repeat_key(record: dict, field: str, value) -> str:
    return json.dumps(record, ensure_ascii=False)[:-1] + f', "{field}": {json.dumps(value)}}}'


def space_before_colon(record: dict, field: str, _value) -> str:
    return json.dumps(record, ensure_ascii=False).replace(f'"{field}":', f'"{field}" :')


def escaped(record: dict, _field: str, _value) -> str:
    return json.dumps(record)  # non-ASCII as \u escapes


RECORD_EDITS = [set_value, drop_key, repeat_key, space_before_colon, escaped]


def file_edits(lines: list[str], position: int, kind: str) -> list[str] | bytes:
    """Edits of the file around one line."""
    line = lines[position]
    return {"blank": lines[:position] + [""] + lines[position:],
            "spaces": lines[:position] + ["   "] + lines[position:],
            "twice": lines[:position] + [line + " " + line] + lines[position + 1:],
            "copy": lines + [line],
            "split": lines[:position] + [line[:20], line[20:]] + lines[position + 1:],
            "latin-1": "\n".join(lines).encode("latin-1", "replace") + b"\xff\n",
            "empty": []}[kind]
