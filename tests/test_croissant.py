"""croissant.json: valid for mlcroissant, checksums equal to the manifest, fields from the features."""

from __future__ import annotations

import json
import shutil

import mlcroissant as mlc
import pytest
from datasets import ClassLabel, Features

from claimcorpus.cli import main
from claimcorpus.publish.croissant import NAME, write_croissant
from claimcorpus.release.release import data_path, read_manifest, read_tables
from claimcorpus.schema.features import CONFIGS

#: Deprecation notices from mlcroissant's own dependencies (rdflib, pandas), not from this project.
pytestmark = [pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated"),
              pytest.mark.filterwarnings("ignore:The inplace keyword")]


@pytest.fixture(scope="module")
def jsonld(release) -> dict:
    return json.loads((release / NAME).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dataset(release) -> mlc.Dataset:
    """Loading raises ``mlc.ValidationError`` on any error in the metadata."""
    return mlc.Dataset(jsonld=str(release / NAME))


def test_listed_in_the_manifest(release):
    assert NAME in {entry["path"] for entry in read_manifest(release)["files"]}


def test_mlcroissant_loads_without_errors(dataset):
    assert dataset.metadata.name == "claimcorpus"
    assert not dataset.metadata.ctx.issues.errors


def test_sha256_of_every_parquet_file_matches_the_manifest(release, jsonld):
    manifest = {e["path"]: e["sha256"] for e in read_manifest(release)["files"]}
    objects = {o["contentUrl"]: o["sha256"] for o in jsonld["distribution"] if o["@type"] == "cr:FileObject"}
    assert set(objects) == {data_path(c) for c in CONFIGS}
    for path, sha in objects.items():
        assert sha == manifest[path], path


def test_a_field_per_column_and_class_labels_documented(release, jsonld):
    record_sets = {rs["@id"]: rs for rs in jsonld["recordSet"]}
    for config, table in read_tables(release).items():
        fields = {f["name"]: f for f in record_sets[config]["field"]}
        features = Features.from_arrow_schema(table.schema)
        assert list(fields) == list(features)
        for column, feature in features.items():
            if isinstance(feature, ClassLabel):
                ref = fields[column]["references"]["field"]["@id"]
                labels = record_sets[ref.split("/")[0]]["data"]
                assert [row[ref.replace("/id", "/name")] for row in labels] == feature.names
                assert all(name in fields[column]["description"] for name in feature.names)


def test_license_citation_description_from_the_card(jsonld):
    assert jsonld["license"][0]["name"] and jsonld["description"]
    assert "citeAs" not in jsonld or jsonld["citeAs"].startswith("@")


@pytest.mark.parametrize("config", list(CONFIGS))
def test_records_load_with_the_manifest_row_counts(release, dataset, config):
    rows = {e["path"]: e["rows"] for e in read_manifest(release)["files"]}
    records = list(dataset.records(config))
    assert len(records) == rows[data_path(config)]


def test_deterministic(release, tmp_path):
    copy = shutil.copytree(release, tmp_path / "dataset")
    tables = read_tables(copy)
    first = write_croissant(copy, tables).read_bytes()
    assert write_croissant(copy, tables).read_bytes() == first == (release / NAME).read_bytes()


def test_cli_prints_the_release_document(built, capsys):
    assert main(["--root", str(built), "croissant"]) == 0
    assert capsys.readouterr().out == (built / "dataset" / NAME).read_text(encoding="utf-8")


def test_extra_layer_columns_are_described(project, doc_folder):
    from .test_extra_layers import PLACES, STANCE, build_with_both_layers

    build_with_both_layers(project, doc_folder)
    doc = json.loads((project / "dataset" / NAME).read_text(encoding="utf-8"))
    sets = {rs["@id"]: rs for rs in doc["recordSet"]}
    fields = {f["name"]: f for f in sets["sentences"]["field"]}
    assert fields[STANCE["name"]]["references"]["field"]["@id"] == f"label_{STANCE['name']}/id"
    assert [f["name"] for f in fields[PLACES["name"]]["subField"]] == ["start", "end", "text", "label"]
    assert [row[f"label_{PLACES['name']}.label/name"] for row in sets[f"label_{PLACES['name']}.label"]["data"]] \
        == PLACES["labels"]
    records = list(mlc.Dataset(jsonld=str(project / "dataset" / NAME)).records("sentences"))
    assert records[0][f"sentences/{STANCE['name']}"] == STANCE["labels"].index("neutral")


def test_version_and_date_published(jsonld):
    import datetime

    import claimcorpus

    assert jsonld["version"] == claimcorpus.__version__
    assert datetime.date.fromisoformat(jsonld["datePublished"]).isoformat() == claimcorpus.__release_date__


def test_croissant_bytes_equal_the_standard_library_encoding(release):
    """orjson writes the file; its bytes are those of json.dumps(indent=2, ensure_ascii=False)."""
    import json

    from claimcorpus.publish.croissant import croissant_jsonld, dumps
    from claimcorpus.release.release import read_tables

    doc = croissant_jsonld(release, read_tables(release))
    doc["description"] += " – non-ASCII “quotes”, an empty list and dict:"
    doc["x-empty"] = [[], {}, None, 1.5, -0.0]
    assert dumps(doc) == json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
