"""JSON Schemas (draft 2020-12) for every annotation file and release record.

Generated from :mod:`claimcorpus.schema.labels`; ``claimcorpus schemas --update``
writes them to ``schema/`` and a test fails when the files there are stale.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import fastjsonschema
from jsonschema import Draft202012Validator

from ..errors import CorpusError
from . import labels

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SENTENCE_ID = r"^[a-z0-9][a-z0-9-]*-s[0-9]{3,}$"
SOURCE_ID = r"^[a-z0-9][a-z0-9-]*-s[0-9]{3,}-src[0-9]+$"
CLAIM_ID = r"^[a-z0-9][a-z0-9-]*-s[0-9]{3,}-c[0-9]+$"
EVIDENCE_ID = r"^ev-[0-9]{3,}$"
DOC_ID = r"^[a-z0-9][a-z0-9-]*$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def enum(name: str, *, exclude: tuple[str, ...] = ()) -> dict:
    return {"enum": [v for v in labels.INVENTORIES[name] if v not in exclude]}


def obj(properties: dict, optional: tuple[str, ...] = ("note",)) -> dict:
    """A closed object: every property required except ``optional`` ones."""
    props = dict(properties)
    if "note" in optional:
        props.setdefault("note", {"type": "string"})
    return {
        "type": "object",
        "properties": props,
        "required": [k for k in props if k not in optional],
        "additionalProperties": False,
    }


STR = {"type": "string", "minLength": 1}
NULLABLE_STR = {"type": ["string", "null"], "minLength": 1}
INT0 = {"type": "integer", "minimum": 0}
NULLABLE_INT0 = {"type": ["integer", "null"], "minimum": 0}
SPAN = obj({"start": INT0, "end": INT0, "text": STR}, optional=())
#: A span or null ("properties"/"required" apply to objects only); no anyOf, whose compiled
#: form raises and catches an exception for every null.
NULLABLE_SPAN = {**SPAN, "type": ["object", "null"]}


def source_entry() -> dict:
    return obj({
        "source_id": {"type": "string", "pattern": SOURCE_ID},
        "entity": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"},
        "mention": NULLABLE_SPAN,
        "cue": NULLABLE_SPAN,
        "source_type": enum("source_type"),
        "affiliation": enum("affiliation"),
        "countries": {"type": "array", "items": {"type": "string", "pattern": r"^[A-Z]{2}$"},
                      "uniqueItems": True},
        "count": {"type": ["integer", "null"], "minimum": 1},
        "attitude": enum("attitude"),
        "location": enum("location"),
        "parent": {"type": ["string", "null"], "pattern": SOURCE_ID},
    }, optional=("note",))


def span_item(extra: dict) -> dict:
    return obj({"start": INT0, "end": INT0, "text": STR, **extra}, optional=("note",))


def sentence_list_layer(field: str, item: dict) -> dict:
    return obj({"sentence_id": {"type": "string", "pattern": SENTENCE_ID},
                field: {"type": "array", "items": item}})


def annotation_schemas() -> dict[str, dict]:
    """Schemas of one record (JSON line) of each annotation file, by file stem."""
    sid = {"type": "string", "pattern": SENTENCE_ID}
    return {
        "document": obj({
            "doc_id": {"type": "string", "pattern": DOC_ID},
            "source_file": STR, "source_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "body_offset": INT0, "header": {"type": "object", "additionalProperties": {"type": "string"}},
            "date": {"type": "string", "pattern": DATE}, "date_basis": STR,
            "language": {"type": "string", "pattern": "^[a-z]{2}$"}, "text_nature": STR,
            "original_publisher": NULLABLE_STR, "original_publisher_basis": STR,
            "original_headline": NULLABLE_STR, "original_headline_basis": STR,
            "original_date": {"type": ["string", "null"], "pattern": DATE}, "original_date_basis": STR,
            "original_url": {"type": ["string", "null"], "pattern": "^https?://"},
            "original_url_basis": STR, "terms_note": STR,
        }),
        "sentences": obj({
            "sentence_id": sid, "index": INT0, "paragraph": INT0, "start": INT0, "end": INT0,
            "text": STR, "review": STR,
        }),
        "sentence_labels": obj({
            "sentence_id": sid, "is_claim": {"type": "boolean"}, "check_worthy": {"type": "boolean"},
            "claim_type": enum("claim_type"), "hedge_level": enum("hedge_level"),
            "main_claim_id": {"type": ["string", "null"], "pattern": CLAIM_ID},
        }),
        "sources": sentence_list_layer("sources", source_entry()),
        "hedge_cues": sentence_list_layer("hedge_cues", span_item({
            "category": enum("hedge_category"), "holder": {"type": "string", "pattern": SOURCE_ID}})),
        "artifacts": sentence_list_layer("artifacts", span_item({
            "type": enum("artifact_type"), "correction": {"type": "string"}})),
        "claims": obj({
            "claim_id": {"type": "string", "pattern": CLAIM_ID}, "sentence_id": sid,
            "text": {"type": "string", "minLength": 10}, "span": NULLABLE_SPAN,
            "claim_type": enum("claim_type", exclude=("not_claim",)),
            "check_worthy": {"type": "boolean"},
            "source_id": {"type": "string", "pattern": SOURCE_ID}, "hedge_level": enum("hedge_level"),
        }),
        "verification": obj({
            "claim_id": {"type": "string", "pattern": CLAIM_ID},
            "verification_status": enum("verification_status"),
            "attribution_status": enum("attribution_status"),
            "rationale": {"type": "string", "minLength": 20},
            "evidence": {"type": "array", "items": {"type": "string", "pattern": EVIDENCE_ID},
                         "uniqueItems": True},
            "verified_as_of": {"type": "string", "pattern": DATE},
        }),
        "evidence": obj({
            "evidence_id": {"type": "string", "pattern": EVIDENCE_ID},
            "url": {"type": "string", "pattern": "^https?://[^\\s]+$"},
            "publisher": STR, "title": NULLABLE_STR,
            "published": {"type": ["string", "null"], "pattern": DATE},
            "published_basis": {"enum": list(labels.PUBLISHED_BASES)},
            "relation": enum("relation"), "independence": enum("independence"),
            "about": STR, "summary": {"type": "string", "minLength": 20},
            "sentence_ids": {"type": "array", "items": sid, "minItems": 1},
        }),
        "evidence_audit": obj({
            "evidence_id": {"type": "string", "pattern": EVIDENCE_ID},
            "url": {"type": "string", "pattern": "^https?://[^\\s]+$"},
            "checked_on": {"type": "string", "pattern": DATE}, "checked_by": STR,
            "outcome": {"enum": list(labels.AUDIT_OUTCOMES)},
            "changes": {"type": "object", "additionalProperties": {"type": "array", "minItems": 2, "maxItems": 2}},
            "merged_into": {"type": ["string", "null"], "pattern": EVIDENCE_ID},
            "finding": {"type": "string", "minLength": 20},
        }),
        "evidence_searches": obj({
            "paragraph": INT0, "sentence_ids": {"type": "array", "items": sid, "minItems": 1},
            "claim": STR, "searched_for": STR, "searched_on": {"type": "string", "pattern": DATE},
        }),
        "adjudication": obj({
            "layer": STR, "item": STR, "field": STR,
            "annotators": {"type": "object"}, "gold": {}, "reason": {"type": "string", "minLength": 10},
        }),
    }


def schema_document(name: str, record: dict, kind: str) -> dict:
    return {"$schema": DRAFT, "$id": f"claimcorpus/{kind}/{name}.schema.json",
            "title": f"claimcorpus {kind} record: {name}", **record}


def all_schemas(definitions=()) -> dict[str, dict]:
    """Every schema file, keyed by its path under ``schema/`` (extra layers included)."""
    from .layer_defs import DEFINITION_SCHEMA
    from .release_schemas import release_record_schemas

    out = {f"annotations/{k}.schema.json": schema_document(k, v, "annotation")
           for k, v in annotation_schemas().items()}
    out["annotations/layer_definition.schema.json"] = schema_document("layer_definition", DEFINITION_SCHEMA,
                                                                      "annotation")
    out.update({f"annotations/layers/{d.name}.schema.json": schema_document(d.name, d.record_schema(), "annotation")
                for d in definitions})
    out.update({f"release/{k}.schema.json": schema_document(k, v, "release")
                for k, v in release_record_schemas(definitions).items()})
    return out


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def write_schemas(schema_dir: Path, definitions=()) -> list[Path]:
    """Write every schema under ``schema_dir``; return the paths written."""
    written = []
    for rel, schema in all_schemas(definitions).items():
        path = schema_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(schema_dir: Path, definitions=()) -> list[str]:
    """Schema files under ``schema_dir`` that differ from the generated ones."""
    return [rel for rel, schema in all_schemas(definitions).items()
            if not (schema_dir / rel).is_file()
            or (schema_dir / rel).read_text(encoding="utf-8") != render(schema)]


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
