"""JSON Schemas of release records, generated from the ``datasets`` features."""

from __future__ import annotations

from datasets import ClassLabel, List, Value

from .features import configs_for

JSON_TYPES = {"string": "string", "bool": "boolean", "int8": "integer", "int32": "integer",
              "int64": "integer", "float32": "number", "float64": "number"}
NOT_NULL = {"sentences": {"sentence_id", "doc_id", "index", "paragraph", "start", "end", "text", "fold"},
            "claims": {"claim_id", "sentence_id", "doc_id", "text", "claim_type", "fold"},
            "evidence": {"evidence_id", "doc_id", "url", "published_basis", "relation", "independence", "summary"},
            "documents": {"doc_id", "text", "text_sha256"},
            "annotator_labels": {"annotation_id", "sentence_id", "doc_id", "annotator", "n_annotators"}}


def feature_schema(feature, nullable: bool = True) -> dict:
    """JSON Schema of one feature value as ``Dataset.to_list()`` or pyarrow gives it."""
    if isinstance(feature, ClassLabel):
        schema = {"type": "integer", "minimum": 0, "maximum": feature.num_classes - 1,
                  "description": "ClassLabel: " + ", ".join(f"{i}={n}" for i, n in enumerate(feature.names))}
    elif isinstance(feature, Value):
        schema = {"type": JSON_TYPES[feature.dtype]}
    elif isinstance(feature, List):
        schema = {"type": "array", "items": feature_schema(feature.feature, nullable=True)}
    elif isinstance(feature, dict):
        schema = {"type": "object", "additionalProperties": False,
                  "properties": {k: feature_schema(v) for k, v in feature.items()},
                  "required": sorted(feature)}
    else:  # pragma: no cover - every feature of CONFIGS is one of the above
        raise TypeError(feature)
    if nullable:
        schema["type"] = [schema["type"], "null"]
    return schema


def release_record_schemas(definitions=()) -> dict[str, dict]:
    out = {}
    for config, features in configs_for(definitions).items():
        out[config] = {
            "type": "object", "additionalProperties": False, "required": sorted(features),
            "properties": {k: feature_schema(v, nullable=k not in NOT_NULL[config]) for k, v in features.items()},
        }
    return out
