"""Checking annotation records against their JSON Schemas (those of :mod:`.json_schema`).

A compiled validator (``jsonschema-rs``, draft 2020-12) passes valid records
fast; a rejected record is re-checked with ``jsonschema`` to name the field and
what it expected. Where only the compiled validator rejects a record (ECMA-262
``$`` does not match before a final newline, Python's does), its own error
names the field.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jsonschema_rs
from jsonschema import Draft202012Validator

from ..errors import CorpusError
from .json_schema import annotation_schemas


@cache
def validator(name: str) -> Draft202012Validator:
    schema = annotation_schemas()[name]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def compile_schema(schema: dict) -> jsonschema_rs.Draft202012Validator:
    """The compiled validator of ``schema`` (formats not asserted, as in ``jsonschema`` by default)."""
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=False)


@cache
def compiled(name: str) -> jsonschema_rs.Draft202012Validator:
    """The compiled validator of schema ``name``: the fast path for valid records."""
    return compile_schema(annotation_schemas()[name])


def check_record(name: str, record: dict, file: Path, where: str) -> None:
    """Raise :class:`CorpusError` for the first violation of schema ``name`` by ``record``."""
    check_compiled(compiled(name), validator(name), record, file, where)


def check_records(name: str, rows: list[tuple[int, dict]], file: Path, where) -> None:
    """:func:`check_record` on each ``(line, record)``; ``where(line)`` is only formatted for a failure."""
    is_valid = compiled(name).is_valid
    for line, record in rows:
        if not is_valid(record):
            check_record(name, record, file, where(line))


def check_compiled(fast: jsonschema_rs.Draft202012Validator, checker: Draft202012Validator, record: dict,
                   file: Path, where: str) -> None:
    """``fast`` first; a record it rejects gets the message of ``checker`` (or, if only ``fast`` rejects
    it, the compiled validator's own)."""
    if fast.is_valid(record):
        return
    check_with(checker, record, file, where)
    error = next(iter(fast.iter_errors(record)))
    rule = checker.schema
    for step in error.schema_path:
        rule = rule[step]
    field = ".".join(map(str, error.instance_path)) or "(record)"
    raise CorpusError(file, where, field, f"{error.schema_path[-1]} {rule!r}", error.instance)


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
