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

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from .. import paths
from ..errors import CorpusError
from ..guard.safe_json import read_json_file
from .configs import SENTENCES
from .fields import Field, Record, label, release_columns
from .json_schema import record_schema
from .records import ANNOTATION_RECORDS, LAYER_DEFINITION, extra_layer, labelled_spans


@dataclass(frozen=True)
class LayerDefinition:
    name: str
    kind: str
    labels: tuple[str, ...]
    description: str

    def value(self) -> Field:
        """The layer's value: one label, or a list of labelled spans."""
        if self.kind == "spans":
            return labelled_spans(self.name, self.labels)
        return label(self.name, self.labels)

    def record(self) -> Record:
        """One line of this layer's annotation file."""
        return extra_layer(self.name, self.value())

    def record_schema(self) -> dict:
        """JSON Schema of one line of this layer's annotation file."""
        return record_schema(self.record())

    def column(self) -> Field:
        """This layer's column in the ``sentences`` config (null for sentences it does not annotate)."""
        return replace(self.value(), nullable=True)

    def to_json(self) -> dict:
        return {"name": self.name, "level": "sentence", "kind": self.kind, "labels": list(self.labels),
                "description": self.description}


#: Columns of the ``sentences`` config before any extra layer (a layer may not reuse one's name).
SENTENCE_COLUMNS = frozenset(c.name for c in release_columns(SENTENCES))


@cache
def definition_schema() -> dict:
    """JSON Schema of a definition file."""
    return record_schema(LAYER_DEFINITION)


def parse_definition(data: dict, where: str) -> LayerDefinition:
    error = next(iter(Draft202012Validator(definition_schema()).iter_errors(data)), None)
    if error is not None:
        field = ".".join(map(str, error.absolute_path)) or "(definition)"
        raise CorpusError(where, "definition", field, error.message, error.instance)
    return LayerDefinition(data["name"], data["kind"], tuple(data["labels"]), data["description"])


def load_definitions(annotations_root: Path) -> list[LayerDefinition]:
    """Definitions under ``annotations/layers/``, sorted by name; names must be new columns."""
    folder = annotations_root / paths.LAYERS_DIR
    defs = []
    for path in sorted(folder.glob(paths.definition_file("*"))) if folder.is_dir() else []:
        defn = parse_definition(read_json_file(path, "a layer definition (JSON)"), str(path))
        if defn.name != path.stem or defn.name in SENTENCE_COLUMNS or defn.name in ANNOTATION_RECORDS:
            raise CorpusError(path, "definition", "name", f"'{path.stem}', not a column of the sentences config "
                              "nor the name of an annotation file", defn.name)
        defs.append(defn)
    return defs
