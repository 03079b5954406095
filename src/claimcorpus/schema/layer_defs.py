"""Declarative extra layers: one JSON definition file per layer, no code change.

``annotations/layers/<name>.json`` defines a sentence-level layer::

    {"name": "stance", "level": "sentence", "kind": "label",
     "labels": ["favor", "against", "neutral"], "description": "..."}

``kind`` is ``label`` (one label per sentence) or ``spans`` (a list of
labelled spans per sentence). Its files are ``<annotator folder>/<name>.jsonl``
with one record per sentence: ``{"sentence_id": ..., "<name>": <label>}`` or
``{"sentence_id": ..., "<name>": [{"start", "end", "text", "label"}]}``. The
layer then appears in the JSON Schemas, the pandera checks, the release
features (a column of the ``sentences`` config) and the card statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from datasets import ClassLabel, List, Value
from jsonschema import Draft202012Validator

from ..corpus.safe_json import read_json_file
from ..errors import CorpusError

LAYERS_DIR = "layers"
DEFINITION_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["name", "level", "kind", "labels", "description"],
    "properties": {
        "name": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
        "level": {"const": "sentence"},
        "kind": {"enum": ["label", "spans"]},
        "labels": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 2,
                   "uniqueItems": True},
        "description": {"type": "string", "minLength": 10},
    },
}


@dataclass(frozen=True)
class LayerDefinition:
    name: str
    kind: str
    labels: tuple[str, ...]
    description: str

    def record_schema(self) -> dict:
        """JSON Schema of one line of this layer's annotation file."""
        label = {"enum": list(self.labels)}
        if self.kind == "spans":
            item = {"type": "object", "additionalProperties": False, "required": ["start", "end", "text", "label"],
                    "properties": {"start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0},
                                   "text": {"type": "string", "minLength": 1}, "label": label}}
            value = {"type": "array", "items": item}
        else:
            value = label
        return {"type": "object", "additionalProperties": False, "required": ["sentence_id", self.name],
                "properties": {"sentence_id": {"type": "string"}, self.name: value, "note": {"type": "string"}}}

    def feature(self):
        """The ``datasets`` feature of this layer's column in the ``sentences`` config."""
        label = ClassLabel(names=list(self.labels))
        if self.kind == "spans":
            return List({"start": Value("int32"), "end": Value("int32"), "text": Value("string"), "label": label})
        return label

    def to_json(self) -> dict:
        return {"name": self.name, "level": "sentence", "kind": self.kind, "labels": list(self.labels),
                "description": self.description}


def parse_definition(data: dict, where: str) -> LayerDefinition:
    error = next(iter(Draft202012Validator(DEFINITION_SCHEMA).iter_errors(data)), None)
    if error is not None:
        field = ".".join(map(str, error.absolute_path)) or "(definition)"
        raise CorpusError(where, "definition", field, error.message, error.instance)
    return LayerDefinition(data["name"], data["kind"], tuple(data["labels"]), data["description"])


def load_definitions(annotations_root: Path) -> list[LayerDefinition]:
    """Definitions under ``annotations/layers/``, sorted by name; names must be new columns."""
    from .features import SENTENCES

    folder = annotations_root / LAYERS_DIR
    defs = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        defn = parse_definition(read_json_file(path, "a layer definition (JSON)"), str(path))
        if defn.name != path.stem or defn.name in SENTENCES:
            raise CorpusError(path, "definition", "name", f"'{path.stem}', not a column of the sentences config",
                              defn.name)
        defs.append(defn)
    return defs
