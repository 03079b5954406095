"""Shared by the tests of the columnar readers: joining a batch both ways, and edits of a JSON Lines file."""

from __future__ import annotations

import json
import shutil

from hypothesis import strategies as st

from claimcorpus.build.plan import plan_batches
from claimcorpus.build.step_clock import StepClock
from claimcorpus.build.steps import join_batch, join_columnar, join_records
from claimcorpus.errors import CorpusError
from claimcorpus.schema.features import table_schemas

from .conftest import ROOT


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


def rejoined(lines: list[str], position: int) -> list[str]:
    """The next record cut where a nested object starts, its head appended to this line: two mistakes that
    keep one line per record in number, and a line that starts with ``{`` (``split`` where no object is nested)."""
    line, after = lines[position], lines[(position + 1) % len(lines)]
    cut = after.find('": {') + 3
    if cut < 3:
        return lines[:position] + [line[:20], line[20:]] + lines[position + 1:]
    return lines[:position] + [line + " " + after[:cut], after[cut:]] + lines[position + 2:]


def file_edits(lines: list[str], position: int, kind: str) -> list[str] | bytes:
    """Edits of the file around one line."""
    line = lines[position]
    if kind == "rejoined":
        return rejoined(lines, position)
    return {"blank": lines[:position] + [""] + lines[position:],
            "spaces": lines[:position] + ["   "] + lines[position:],
            "twice": lines[:position] + [line + " " + line] + lines[position + 1:],
            "copy": lines + [line],
            "split": lines[:position] + [line[:20], line[20:]] + lines[position + 1:],
            "latin-1": "\n".join(lines).encode("latin-1", "replace") + b"\xff\n",
            "empty": []}[kind]


def tally(edits, apply, accepted) -> tuple[list[str], dict]:
    """``apply(lines)`` each ``(name, lines)`` edit and ask ``accepted()`` for (record by record, columnar):
    the names of the edits the columns accepted and the records rejected, and how often each other verdict came."""
    wrong, counts = [], {(True, True): 0, (True, False): 0, (False, False): 0}
    for name, lines in edits:
        apply(lines)
        verdict = accepted()
        if verdict == (False, True):
            wrong.append(name)
        else:
            counts[verdict] += 1
    return wrong, counts


#: Edits of a whole file (:func:`file_edits`).
FILE_EDITS = ["blank", "spaces", "twice", "copy", "split", "rejoined", "latin-1", "empty"]


def drawn_edit(data, lines: list[str], fields: list[str], values) -> list[str] | bytes:
    """A random edit of ``lines`` drawn by hypothesis's ``data``: one field of one record (``values``), or the file."""
    position = data.draw(st.integers(0, len(lines) - 1))
    if not data.draw(st.booleans()):
        return file_edits(lines, position, data.draw(st.sampled_from(FILE_EDITS)))
    edit = data.draw(st.sampled_from(RECORD_EDITS))
    edited = list(lines)
    edited[position] = edit(json.loads(lines[position]), data.draw(st.sampled_from(fields)), data.draw(values))
    return edited


def assert_columns_follow_records(batch) -> None:
    """The build's outcome is the record-by-record outcome, and the columnar path gives way (``None``) whenever
    the record-by-record path rejects the batch."""
    reference = outcome(join_records, batch)
    assert same(outcome(join_batch, batch), reference)
    if reference[0] == "error":
        assert join_columnar(batch, StepClock()) is None


def columnar_tables(batch) -> dict:
    """The tables of the columnar path, asserted to be those of the record-by-record path."""
    columnar = join_columnar(batch, StepClock())
    assert columnar is not None, "the columnar path gave way"
    assert same(("tables", columnar), outcome(join_records, batch))
    return columnar


def field_edits(lines: list[str], fields: list[str], values: list, more=lambda record: []):
    """(name, file lines) for each edit of each field of the first two records: the key dropped, written with a
    space before its colon, the record with ``\\u`` escapes, each of ``values`` set and repeated as the last key;
    ``more(record)`` adds (name, line) edits of one record."""
    for position in (0, 1):
        record = json.loads(lines[position])
        edits = [(f"{edit.__name__} {field}", edit(record, field, None))
                 for field in fields for edit in (drop_key, space_before_colon, escaped)]
        edits += [(f"{edit.__name__} {field}={str(value)[:30]!r}", edit(record, field, value))
                  for field in fields for edit in (set_value, repeat_key) for value in values]
        for name, line in edits + more(record):
            yield f"{name} line {position + 1}", lines[:position] + [line] + lines[position + 1:]


def annotations_copy(tmp_path_factory, name: str):
    """A scratch copy of the project's annotations, for tests that rewrite its files."""
    root = tmp_path_factory.mktemp(name) / "annotations"
    shutil.copytree(ROOT / "annotations", root)
    return root
