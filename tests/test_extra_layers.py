"""A layer declared in one JSON file flows into schemas, checks, release features and card."""

from __future__ import annotations

import json

import datasets
import pytest

from claimcorpus.cli import main
from claimcorpus.errors import CorpusError
from claimcorpus.schema.json_schema import all_schemas
from claimcorpus.schema.layer_defs import load_definitions

STANCE = {"name": "stance_to_iran", "level": "sentence", "kind": "label",
          "labels": ["hostile", "neutral", "sympathetic"],
          "description": "Stance of the sentence towards Iran (test-only layer)."}
PLACES = {"name": "place_mentions", "level": "sentence", "kind": "spans", "labels": ["country", "site"],
          "description": "Mentions of places (test-only layer)."}


def declare(project, definition):
    folder = project / "annotations" / "layers"
    folder.mkdir(exist_ok=True)
    (folder / f"{definition['name']}.json").write_text(json.dumps(definition))


def sentences(doc_folder):
    return [json.loads(x) for x in (doc_folder / "sentences.jsonl").read_text().splitlines()]


def annotate(doc_folder, name, value_of):
    lines = [json.dumps({"sentence_id": s["sentence_id"], name: value_of(s)}) for s in sentences(doc_folder)]
    (doc_folder / "gold" / f"{name}.jsonl").write_text("\n".join(lines) + "\n")


def syria_spans(sentence):
    pos = sentence["text"].find("Syria")
    if pos < 0:
        return []
    start = sentence["start"] + pos
    return [{"start": start, "end": start + 5, "text": "Syria", "label": "country"}]


def build_with_both_layers(project, doc_folder):
    """Declare both test layers, annotate them in gold (stance: neutral) and build."""
    declare(project, STANCE)
    declare(project, PLACES)
    annotate(doc_folder, STANCE["name"], lambda s: "neutral")
    annotate(doc_folder, PLACES["name"], syria_spans)
    assert main(["--root", str(project), "build"]) == 0


def test_declared_layers_reach_load_dataset(project, doc_folder, tmp_path):
    declare(project, STANCE)
    declare(project, PLACES)
    annotate(doc_folder, "stance_to_iran", lambda s: "hostile" if "Iran" in s["text"] else "neutral")
    annotate(doc_folder, "place_mentions", syria_spans)
    assert main(["--root", str(project), "schemas", "--update"]) == 0
    assert (project / "schema" / "annotations" / "layers" / "stance_to_iran.schema.json").is_file()
    assert main(["--root", str(project), "build"]) == 0
    ds = datasets.load_dataset(str(project), cache_dir=str(tmp_path / "cache"))["test"]
    assert ds.features["stance_to_iran"].names == STANCE["labels"]
    assert ds.features["place_mentions"].feature["label"].names == PLACES["labels"]
    first = ds[0]
    assert ds.features["stance_to_iran"].int2str(first["stance_to_iran"]) == "hostile"
    assert first["place_mentions"][0]["text"] == "Syria"
    card = (project / "dataset_card.md").read_text()
    assert "`stance_to_iran`" in card and "`place_mentions`" in card
    assert main(["--root", str(project), "validate"]) == 0


def test_unknown_label_of_a_declared_layer_is_rejected(project, doc_folder, capsys):
    declare(project, STANCE)
    annotate(doc_folder, "stance_to_iran", lambda s: "angry")
    assert main(["--root", str(project), "build"]) == 2
    err = capsys.readouterr().err
    assert "stance_to_iran.jsonl" in err and "line 1" in err and "'stance_to_iran'" in err and "'angry'" in err


def test_definition_errors_are_clear(project):
    declare(project, {**STANCE, "labels": ["only-one"]})
    with pytest.raises(Exception, match="stance_to_iran.json.*labels"):
        load_definitions(project / "annotations")


@pytest.mark.parametrize("name", ["claims", "sentence_labels", "adjudication", "text_clean"])
def test_a_layer_named_like_an_annotation_file_or_a_column_is_refused(project, name):
    """Its file would be read as both (before: a KeyError deep in the build)."""
    declare(project, {**STANCE, "name": name})
    with pytest.raises(CorpusError, match=f"{name}.json.*name.*nor the name of an annotation file"):
        load_definitions(project / "annotations")


def test_declared_layer_schema_is_generated(project):
    declare(project, PLACES)
    schemas = all_schemas(load_definitions(project / "annotations"))
    record = schemas["annotations/layers/place_mentions.schema.json"]
    assert record["properties"]["place_mentions"]["items"]["properties"]["label"]["enum"] == ["country", "site"]
    assert "place_mentions" in schemas["release/sentences.schema.json"]["properties"]
