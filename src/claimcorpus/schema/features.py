"""``datasets`` features of each release config, derived from :mod:`.configs`.

The Arrow schema written to Parquet is ``features.arrow_schema``: it carries
the features as metadata, so ``ClassLabel`` names survive ``load_dataset``.
"""

from __future__ import annotations

from functools import lru_cache

import pyarrow as pa
from datasets import ClassLabel, Features, List, Value

from .configs import ID_COLUMNS, PASS_FIELDS, RELEASE, release_for
from .fields import LABEL, LIST, STRUCT, Field, Record, release_columns
from .table_schema import TableSchema

__all__ = ["ANNOTATOR_LABELS", "CLAIMS", "CONFIGS", "DOCUMENTS", "EVIDENCE", "ID_COLUMNS", "PASS_FIELDS",
           "SENTENCES", "configs_for", "feature", "features", "table_features", "table_schemas"]


def feature(field: Field):
    """The ``datasets`` feature of one release column (as :func:`.release_columns` gives it)."""
    if field.type == LABEL:
        return ClassLabel(names=list(field.inventory))
    if field.type == LIST:
        return List(feature(field.item))
    if field.type == STRUCT:
        return {f.name: feature(f) for f in field.fields}
    return Value(field.type)


def features(record: Record) -> Features:
    return Features({c.name: feature(c) for c in release_columns(record)})


#: Release configs in order; the first is the default.
CONFIGS: dict[str, Features] = {name: features(record) for name, record in RELEASE.items()}
SENTENCES, CLAIMS, EVIDENCE, DOCUMENTS, ANNOTATOR_LABELS = CONFIGS.values()


def configs_for(definitions=()) -> dict[str, Features]:
    """The configs' features with the columns of declared extra layers added to ``sentences``."""
    if not definitions:
        return CONFIGS
    return {**CONFIGS, "sentences": features(release_for(definitions)["sentences"])}


@lru_cache(maxsize=8)
def table_schemas(definitions: tuple = ()) -> dict[str, TableSchema]:
    """Each config's columns and Arrow schema (features metadata included), for encoding without ``datasets``.

    The dict is shared: read it, do not change it."""
    configs = configs_for(definitions)
    return {name: TableSchema(tuple(release_columns(record)), configs[name].arrow_schema)
            for name, record in release_for(definitions).items()}


def table_features(schema: pa.Schema) -> Features:
    """``Features.from_arrow_schema(schema)``, parsed once per distinct schema (metadata included).

    The card, the Croissant file and their checks all read the features of the same few schemas.
    The object is shared: read it, do not change it."""
    return features_of_schema(schema.serialize().to_pybytes())


@lru_cache(maxsize=32)
def features_of_schema(serialized: bytes) -> Features:
    return Features.from_arrow_schema(pa.ipc.read_schema(pa.py_buffer(serialized)))
