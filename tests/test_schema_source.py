"""One schema source: the JSON Schemas, ``datasets`` features and pandera schemas derived from the
field model agree with each other and with the model."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from datasets import ClassLabel

from claimcorpus.errors import CorpusError
from claimcorpus.release.release import data_path
from claimcorpus.schema import ids
from claimcorpus.schema.configs import release_for
from claimcorpus.schema.features import configs_for
from claimcorpus.schema.fields import LABEL, LIST, STRUCT, Field, release_columns
from claimcorpus.schema.json_schema import annotation_schemas, release_record_schemas
from claimcorpus.schema.layer_defs import parse_definition
from claimcorpus.schema.pandera_checks import validate_table
from claimcorpus.schema.pandera_schemas import python_pattern, schema_for
from claimcorpus.schema.records import ANNOTATION_RECORDS, LAYER_DEFINITION

from .conftest import ROOT

LAYERS = [parse_definition({"name": "stance", "level": "sentence", "kind": "label", "labels": ["pro", "con"],
                            "description": "A test-only label layer."}, "test"),
          parse_definition({"name": "places", "level": "sentence", "kind": "spans", "labels": ["country", "site"],
                            "description": "A test-only span layer."}, "test")]
ID_PATTERNS = [v for k, v in vars(ids).items() if k.isupper() and isinstance(v, str) and v.startswith("^")]


def walk(fields):
    """Every field, nested ones included."""
    for field in fields:
        yield field
        yield from walk(field.fields)
        if field.item is not None:
            yield from walk([field.item])


def json_types(schema: dict) -> set:
    kind = schema["type"]
    return set(kind) if isinstance(kind, list) else {kind}


@pytest.mark.parametrize("definitions", [(), LAYERS], ids=["plain", "with-layers"])
def test_every_column_has_a_feature_a_json_property_and_a_pandera_column_or_a_mark(definitions):
    features, schemas = configs_for(definitions), release_record_schemas(definitions)
    for config, record in release_for(definitions).items():
        columns = {c.name: c for c in release_columns(record)}
        pandera = schema_for(config, definitions).columns
        assert list(features[config]) == list(columns), config
        assert set(schemas[config]["properties"]) == set(columns) == set(schemas[config]["required"]), config
        for name, column in columns.items():
            prop = schemas[config]["properties"][name]
            assert ("null" in json_types(prop)) == column.nullable, (config, name)
            if column.nested or not column.checked:
                assert name not in pandera, (config, name)
                continue
            assert pandera[name].nullable == (column.nullable and not column.filled), (config, name)
            assert pandera[name].unique == column.unique, (config, name)


@pytest.mark.parametrize("definitions", [(), LAYERS], ids=["plain", "with-layers"])
def test_label_inventories_are_equal_in_every_form(definitions):
    features, schemas = configs_for(definitions), release_record_schemas(definitions)
    for config, record in release_for(definitions).items():
        for column in release_columns(record):
            feature, prop = features[config][column.name], schemas[config]["properties"][column.name]
            while column.type == LIST:
                column, feature, prop = column.item, feature.feature, prop["items"]
            if column.type == LABEL:
                assert isinstance(feature, ClassLabel) and feature.names == list(column.inventory)
                assert prop["maximum"] == len(column.inventory) - 1
                assert prop["description"].endswith(f"{len(column.inventory) - 1}={column.inventory[-1]}")
            if column.type == STRUCT:
                for sub in column.fields:
                    if sub.type == LABEL:
                        assert feature[sub.name].names == list(sub.inventory), (config, column.name, sub.name)


def test_annotation_enums_and_pandera_label_domains_follow_the_inventory():
    schemas = annotation_schemas()
    for name, record in ANNOTATION_RECORDS.items():
        for field in record.fields:
            if field.type == LABEL:
                assert schemas[name]["properties"][field.name]["enum"] == field.allowed
    claim_type = schema_for("claims").columns["claim_type"].checks[0].statistics["allowed_values"]
    assert list(claim_type) == [i for i, v in enumerate(ANNOTATION_RECORDS["claims"]["claim_type"].inventory)
                                if v != "not_claim"]


def all_model_fields() -> list[Field]:
    records = [*ANNOTATION_RECORDS.values(), LAYER_DEFINITION, *release_for(LAYERS).values()]
    return [f for r in records for f in walk(r.fields)]


def test_every_pattern_is_one_object_of_the_ids_module():
    patterns = [f.pattern for f in all_model_fields() if f.pattern is not None]
    assert patterns and all(any(p is q for q in ID_PATTERNS) for p in patterns), set(patterns) - set(ID_PATTERNS)


def test_pandera_and_json_schema_use_the_same_pattern_objects():
    """The JSON Schema holds the ids module's object; pandera its Python spelling (final ``$`` as ``\\Z``)."""
    sentences = schema_for("sentences").columns["sentence_id"].checks[0].statistics["pattern"]
    assert sentences == python_pattern(ids.SENTENCE_ID) == ids.SENTENCE_ID[:-1] + r"\Z"
    assert annotation_schemas()["sentences"]["properties"]["sentence_id"]["pattern"] is ids.SENTENCE_ID
    evidence = schema_for("evidence").columns["evidence_id"].checks[0].statistics["pattern"]
    assert evidence == python_pattern(ids.RELEASE_EVIDENCE_ID)
    assert annotation_schemas()["evidence"]["properties"]["evidence_id"]["pattern"] is ids.EVIDENCE_ID


def test_pandera_rejects_a_null_where_the_release_json_schema_does():
    """``relation`` is not nullable in the model, so pandera now agrees with the JSON Schema."""
    table = pq.read_table(ROOT / "dataset" / data_path("evidence"))
    index = table.schema.get_field_index("relation")
    values = [None, *table.column(index).to_pylist()[1:]]
    bad = table.set_column(index, table.schema.field(index), pa.array(values, table.schema.field(index).type))
    with pytest.raises(CorpusError, match="relation"):
        validate_table("evidence", bad, "<evidence table>")
