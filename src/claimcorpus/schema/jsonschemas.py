"""Checking annotation records against their JSON Schemas (those of :mod:`.json_schema`).

A compiled validator (fastjsonschema) passes valid records fast; a rejected
record is re-checked with ``jsonschema`` to name the field and what it expected.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import fastjsonschema
from jsonschema import Draft202012Validator

from ..errors import CorpusError
from .json_schema import annotation_schemas


@cache
def validator(name: str) -> Draft202012Validator:
    schema = annotation_schemas()[name]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def compiled(name: str):
    """A compiled validity test (fastjsonschema) of schema ``name``: the fast path for valid records.

    The schemas use only keywords whose meaning is the same in draft-07 and
    draft 2020-12; invalid records are re-checked with ``jsonschema`` (2020-12)
    for a precise message, and a disagreement between the two is an error.
    """
    return fastjsonschema.compile(annotation_schemas()[name])


def check_record(name: str, record: dict, file: Path, where: str) -> None:
    """Raise :class:`CorpusError` for the first violation of schema ``name`` by ``record``."""
    try:
        compiled(name)(record)
    except fastjsonschema.JsonSchemaException:
        check_with(validator(name), record, file, where)
        raise CorpusError(file, where, "(record)", f"agreement of the two validators of '{name}'",
                          "rejected by the compiled validator only") from None


def check_records(name: str, rows: list[tuple[int, dict]], file: Path, where) -> None:
    """:func:`check_record` on each ``(line, record)``; ``where(line)`` is only formatted for a failure."""
    is_valid = compiled(name)
    for line, record in rows:
        try:
            is_valid(record)
        except fastjsonschema.JsonSchemaException:
            check_record(name, record, file, where(line))


def check_with(checker: Draft202012Validator, record: dict, file: Path, where: str) -> None:
    error = next(iter(sorted(checker.iter_errors(record), key=lambda e: list(e.path))), None)
    if error is None:
        return
    path = [str(p) for p in error.absolute_path]
    expected, found = describe(error)
    if error.validator == "required":
        path.append(error.message.split("'")[1])
    raise CorpusError(file, where, ".".join(path) or "(record)", expected, found)


def describe(error) -> tuple[str, object]:
    """Human wording of what a failed keyword expected, and what was found."""
    keyword, value = error.validator, error.validator_value
    if keyword == "enum":
        return "one of " + ", ".join(map(str, value)), error.instance
    if keyword == "required":
        return "a value (required property)", "missing"
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        return "only the properties " + ", ".join(allowed), "extra " + ", ".join(extra)
    if keyword == "type":
        return f"type {value}", error.instance
    return f"{keyword} {value!r}", error.instance
