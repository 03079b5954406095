"""JSON Schemas: generated from the label inventories, current on disk, and satisfied by the data."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from jsonschema import Draft202012Validator

from claimcorpus.release.release import data_path
from claimcorpus.schema import labels
from claimcorpus.schema.features import CONFIGS
from claimcorpus.schema.json_schema import all_schemas, annotation_schemas, stale_schemas

from .conftest import DOC, ROOT


def test_schema_files_are_current():
    assert stale_schemas(ROOT / "schema") == []


@pytest.mark.parametrize("rel", sorted(all_schemas()))
def test_schemas_are_valid_draft_2020_12(rel):
    schema = json.loads((ROOT / "schema" / rel).read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_inventories_have_one_source():
    schemas = annotation_schemas()
    assert schemas["sentence_labels"]["properties"]["claim_type"]["enum"] == list(labels.CLAIM_TYPES)
    assert schemas["hedge_cues"]["properties"]["hedge_cues"]["items"]["properties"]["category"]["enum"] == \
        list(labels.HEDGE_CATEGORIES)
    for config, features in CONFIGS.items():
        for name, feature in features.items():
            if hasattr(feature, "names"):
                key = {"primary_source_type": "source_type"}.get(name, name)
                assert tuple(feature.names) == labels.INVENTORIES[key], (config, name)


@pytest.mark.parametrize("config", list(CONFIGS))
def test_every_release_record_validates(config):
    schema = json.loads((ROOT / "schema" / "release" / f"{config}.schema.json").read_text())
    validator = Draft202012Validator(schema)
    rows = pq.read_table(ROOT / "dataset" / data_path(config)).to_pylist()
    assert rows
    for row in rows:
        errors = list(validator.iter_errors(row))
        assert not errors, (row.get(next(iter(row))), errors[0].message)


def test_every_annotation_file_validates():
    folder = ROOT / "annotations" / "documents" / DOC
    files = [p for p in folder.rglob("*.jsonl") if p.stem in annotation_schemas()]
    assert len(files) >= 8
    for path in files:
        validator = Draft202012Validator(annotation_schemas()[path.stem])
        for line in path.read_text().splitlines():
            assert not list(validator.iter_errors(json.loads(line))), path
