"""JSON Schemas (draft 2020-12) of every annotation file and release record, derived from the field model.

Annotation records carry every value constraint of their fields; release
records their types, nullability and ``ClassLabel`` ranges (their values are
pandera's to check). ``claimcorpus schemas --update`` writes them to
``schema/``; a test fails when the files there are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import paths
from .configs import release_for
from .fields import (
    ANY,
    BOOL,
    CONST,
    FLOAT32,
    INT8,
    INT32,
    LABEL,
    LIST,
    MAP,
    OBJECT,
    SPAN,
    SPAN_PARTS,
    STRING,
    STRUCT,
    Field,
    Record,
    release_columns,
)
from .records import ANNOTATION_RECORDS, LAYER_DEFINITION

DRAFT = "https://json-schema.org/draft/2020-12/schema"
JSON_TYPES = {STRING: "string", BOOL: "boolean", INT32: "integer", INT8: "integer", FLOAT32: "number"}
#: JSON Schema keyword of each value constraint, for strings/numbers and for lists.
KEYWORDS = {"min_length": "minLength", "pattern": "pattern", "minimum": "minimum", "maximum": "maximum",
            "above": "exclusiveMinimum"}
LIST_KEYWORDS = {"min_length": "minItems", "unique": "uniqueItems"}


def or_null(schema: dict, nullable: bool) -> dict:
    if nullable:
        schema["type"] = [schema["type"], "null"]
    return schema


def keywords(field: Field, names: dict[str, str]) -> dict:
    values = {kw: getattr(field, attr) for attr, kw in names.items()}
    return {kw: v for kw, v in values.items() if v is not None and v is not False}


def closed(fields: tuple[Field, ...]) -> dict:
    """A closed object: every field required except the optional ones."""
    return {"type": "object", "properties": {f.name: value_schema(f) for f in fields},
            "required": [f.name for f in fields if not f.optional], "additionalProperties": False}


def value_schema(field: Field) -> dict:
    """JSON Schema of one value in an annotation file."""
    special = {LABEL: lambda: {"enum": field.allowed}, CONST: lambda: {"const": field.inventory[0]},
               ANY: dict, OBJECT: lambda: {"type": "object"},
               MAP: lambda: {"type": "object", "additionalProperties": {"type": "string"}}}
    if field.type in special:
        return special[field.type]()
    if field.type in (STRUCT, SPAN):
        schema = closed(field.fields if field.type == STRUCT else SPAN_PARTS)
    elif field.type == LIST:
        schema = {"type": "array", "items": value_schema(field.item), **keywords(field, LIST_KEYWORDS)}
    else:
        schema = {"type": JSON_TYPES[field.type], **keywords(field, KEYWORDS)}
    return or_null(schema, field.nullable)


def record_schema(record: Record) -> dict:
    """JSON Schema of one record (JSON line) of an annotation file."""
    return closed(record.fields)


def column_schema(field: Field, nullable: bool = True) -> dict:
    """JSON Schema of one release value as ``Dataset.to_list()`` or pyarrow gives it."""
    if field.type == LABEL:
        names = field.inventory
        schema = {"type": "integer", "minimum": 0, "maximum": len(names) - 1,
                  "description": "ClassLabel: " + ", ".join(f"{i}={n}" for i, n in enumerate(names))}
    elif field.type == LIST:
        schema = {"type": "array", "items": column_schema(field.item)}
    elif field.type == STRUCT:
        schema = {"type": "object", "additionalProperties": False,
                  "properties": {f.name: column_schema(f) for f in field.fields},
                  "required": sorted(f.name for f in field.fields)}
    else:
        schema = {"type": JSON_TYPES[field.type]}
    return or_null(schema, nullable)


def release_schema(record: Record) -> dict:
    """JSON Schema of one row of a release config."""
    cols = release_columns(record)
    return {"type": "object", "additionalProperties": False, "required": sorted(c.name for c in cols),
            "properties": {c.name: column_schema(c, c.nullable) for c in cols}}


def annotation_schemas() -> dict[str, dict]:
    """Schemas of one record (JSON line) of each annotation file, by file stem."""
    return {name: record_schema(record) for name, record in ANNOTATION_RECORDS.items()}


def release_record_schemas(definitions=()) -> dict[str, dict]:
    return {name: release_schema(record) for name, record in release_for(definitions).items()}


def schema_document(name: str, record: dict, kind: str) -> dict:
    return {"$schema": DRAFT, "$id": f"claimcorpus/{kind}/{name}.schema.json",
            "title": f"claimcorpus {kind} record: {name}", **record}


def all_schemas(definitions=()) -> dict[str, dict]:
    """Every schema file, keyed by its path under ``schema/`` (extra layers included)."""
    records = {**ANNOTATION_RECORDS, LAYER_DEFINITION.name: LAYER_DEFINITION}
    out = {paths.annotation_schema_file(k): schema_document(k, record_schema(r), "annotation")
           for k, r in records.items()}
    out.update({paths.layer_schema_file(d.name): schema_document(d.name, record_schema(d.record()), "annotation")
                for d in definitions})
    out.update({paths.release_schema_file(k): schema_document(k, v, "release")
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
