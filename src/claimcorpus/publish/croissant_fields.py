"""Croissant RecordSets and Fields generated from the ``datasets`` features of each table.

The features are read from each table's Arrow schema, so the columns of
declared extra layers are described too. Every ``ClassLabel`` column is an
integer field that ``references`` an enumeration RecordSet (``label_<name>``,
named after its label inventory, or after the column for an extra layer)
holding the id -> name table; its description spells the names out as well.
"""

from __future__ import annotations

from datasets import ClassLabel, Features, List, Value

from ..schema.features import ID_COLUMNS
from ..schema.labels import INVENTORIES

INTEGERS = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
DATA_TYPES = {"string": "sc:Text", "large_string": "sc:Text", "bool": "sc:Boolean", "date32": "sc:Date",
              **dict.fromkeys(("float16", "float32", "float64"), "sc:Float"), **dict.fromkeys(INTEGERS, "sc:Integer")}
UNITS = {"sentences": "sentence", "claims": "atomic claim", "evidence": "evidence record",
         "documents": "document", "annotator_labels": "(sentence, annotator) pair"}


def inventory_of(feature: ClassLabel, column: str) -> str:
    """The label inventory a ``ClassLabel`` comes from, else its column path (extra layers)."""
    match = [name for name, labels in sorted(INVENTORIES.items()) if list(labels) == feature.names]
    return match[0] if match else column


def enumeration(name: str, names: list[str]) -> dict:
    """A RecordSet listing the ids and names of one label inventory."""
    rs = f"label_{name}"
    return {"@type": "cr:RecordSet", "@id": rs, "name": rs, "dataType": "sc:Enumeration",
            "description": f"Label names of the `{name}` ClassLabel (id = position in the scheme).",
            "key": {"@id": f"{rs}/id"},
            "field": [{"@type": "cr:Field", "@id": f"{rs}/id", "name": "id", "dataType": "sc:Integer"},
                      {"@type": "cr:Field", "@id": f"{rs}/name", "name": "name", "dataType": "sc:Text"}],
            "data": [{f"{rs}/id": i, f"{rs}/name": label} for i, label in enumerate(names)]}


def source(file_id: str, column: str, kind: str = "fileObject") -> dict:
    """Where a column comes from: a ``fileObject`` or (sharded config) a ``fileSet``."""
    return {kind: {"@id": file_id}, "extract": {"column": column}}


def leaf(feature, column: str) -> dict:
    """dataType, and for a ClassLabel the reference to its names and their listing."""
    if isinstance(feature, ClassLabel):
        name = inventory_of(feature, column)
        names = ", ".join(f"{i} = {label}" for i, label in enumerate(feature.names))
        return {"dataType": "sc:Integer", "description": f"ClassLabel `{name}`: {names}.",
                "references": {"field": {"@id": f"label_{name}/id"}}}
    if isinstance(feature, Value) and feature.dtype in DATA_TYPES:
        return {"dataType": DATA_TYPES[feature.dtype]}
    raise ValueError(f"no Croissant data type for {feature!r}")


def column_path(field_id: str) -> str:
    """``sentences/sources/source_type`` -> ``sources.source_type``."""
    return field_id.split("/", 1)[1].replace("/", ".")


def field(field_id: str, name: str, feature, src: dict) -> dict:
    """A Field (with subFields for a list of structs); lists are ``repeated``."""
    out = {"@type": "cr:Field", "@id": field_id, "name": name}
    inner = feature.feature if isinstance(feature, List) else feature
    if isinstance(inner, dict):
        prefix = src["transform"]["jsonPath"] + "." if "transform" in src else ""
        out["subField"] = [field(f"{field_id}/{key}", key, sub, {**src, "transform": {"jsonPath": prefix + key}})
                           for key, sub in inner.items()]
    else:
        out.update(leaf(inner, column_path(field_id)), source=src)
    return {**out, "repeated": True} if isinstance(feature, List) else out


def record_set(config: str, features: Features, file_id: str, rows: int, kind: str = "fileObject") -> dict:
    """The RecordSet of one config: one Field per column, keyed by its id column."""
    return {"@type": "cr:RecordSet", "@id": config, "name": config,
            "description": f"`{config}` config: one row per {UNITS[config]} ({rows} rows, split `test`).",
            "key": {"@id": f"{config}/{ID_COLUMNS[config]}"},
            "field": [field(f"{config}/{col}", col, feat, source(file_id, col, kind))
                      for col, feat in features.items()]}


def enumerations(configs: dict[str, Features]) -> list[dict]:
    """One enumeration RecordSet per label inventory used by some ClassLabel, sorted by name."""
    found: dict[str, list[str]] = {}

    def walk(column: str, feature) -> None:
        feature = feature.feature if isinstance(feature, List) else feature
        if isinstance(feature, dict):
            for key, sub in feature.items():
                walk(f"{column}.{key}", sub)
        elif isinstance(feature, ClassLabel):
            found[inventory_of(feature, column)] = list(feature.names)

    for features in configs.values():
        for column, feature in features.items():
            walk(column, feature)
    return [enumeration(name, names) for name, names in sorted(found.items())]
