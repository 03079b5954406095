"""Label Studio export/import: exact round trip, edits, and rejected imports that write nothing."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

from claimcorpus.cli import main
from claimcorpus.extend.labelstudio.config import label_config, validate_config

from .conftest import tree_digest

LAYERS = ("sentence_labels", "sources", "hedge_cues", "artifacts", "claims")


def cli(project: Path, *args) -> int:
    return main(["--root", str(project), *map(str, args)])


def export(project: Path, doc_folder: Path, annotator: str, tmp_path: Path) -> list[dict]:
    out = tmp_path / f"{annotator}-tasks.json"
    assert cli(project, "export-labelstudio", doc_folder, "--annotator", annotator, "--out", out) == 0
    return json.loads(out.read_text())


def as_labelstudio_export(tasks: list[dict]) -> list[dict]:
    """What Label Studio exports after an annotator submitted each pre-annotation unchanged."""
    out = []
    for i, task in enumerate(copy.deepcopy(tasks), start=1):
        result = [{**r, "origin": "prediction"} for r in task["predictions"][0]["result"]]
        out.append({"id": i, "data": task["data"], "meta": {}, "drafts": [], "predictions": task["predictions"],
                    "annotations": [{"id": 100 + i, "completed_by": 1, "result": result, "was_cancelled": False,
                                     "ground_truth": False, "lead_time": 3.2, "task": i}]})
    return out


def write(tmp_path: Path, tasks: list[dict], name: str = "export.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(tasks))
    return path


def source_folder(doc_folder: Path, annotator: str) -> Path:
    return doc_folder / "gold" if annotator == "gold" else doc_folder / "annotators" / annotator


@pytest.mark.parametrize("annotator", ["gold", "ann-a", "ann-b"])
def test_round_trip_is_exact(project, doc_folder, tmp_path, annotator):
    tasks = export(project, doc_folder, annotator, tmp_path)
    assert cli(project, "import-labelstudio", write(tmp_path, as_labelstudio_export(tasks)), doc_folder,
               "--annotator", "rt") == 0
    for layer in LAYERS:
        original = (source_folder(doc_folder, annotator) / f"{layer}.jsonl").read_bytes()
        assert (doc_folder / "annotators" / "rt" / f"{layer}.jsonl").read_bytes() == original, layer


def test_config_and_predictions_pass_label_studio_sdk(project, doc_folder, tmp_path):
    sdk = pytest.importorskip("label_studio_sdk.label_interface")
    xml = label_config()
    assert validate_config(xml) == "label-studio-sdk"
    interface = sdk.LabelInterface(xml)
    for task in export(project, doc_folder, "ann-a", tmp_path):
        assert interface.validate_prediction(task["predictions"][0], return_errors=True) == []
    assert (tmp_path / "ann-a-tasks.label_config.xml").read_text() == xml


def test_edits_made_in_label_studio_are_imported(project, doc_folder, tmp_path):
    tasks = as_labelstudio_export(export(project, doc_folder, "gold", tmp_path))
    result = tasks[2]["annotations"][0]["result"]
    next(r for r in result if r["from_name"] == "hedge_level")["value"]["choices"] = ["probable"]
    next(r for r in result if r["from_name"] == "hedge_cue")["value"]["labels"] = ["epistemic_lexical"]
    text = tasks[2]["data"]["text"]
    value = {"start": 0, "end": 4, "text": text[:4]}
    result += [{"id": "new-art", "from_name": "artifact", "to_name": "text", "type": "labels",
                "value": {**value, "labels": ["garbled_phrase"]}, "meta": {"text": ["a test note"]}},
               {"id": "new-art", "from_name": "correction", "to_name": "text", "type": "textarea",
                "value": {**value, "text": ["Four"]}}]
    assert cli(project, "import-labelstudio", write(tmp_path, tasks), doc_folder, "--annotator", "ann-ls",
               "--layers", "sentence_labels", "hedge_cues", "artifacts") == 0
    folder = doc_folder / "annotators" / "ann-ls"
    assert sorted(p.name for p in folder.iterdir()) == ["artifacts.jsonl", "hedge_cues.jsonl",
                                                        "sentence_labels.jsonl"]
    third = [json.loads(line) for line in (folder / "artifacts.jsonl").read_text().splitlines()][2]
    start = tasks[2]["data"]["sentence_start"]
    assert {"start": start, "end": start + 4, "text": text[:4], "type": "garbled_phrase", "correction": "Four",
            "note": "a test note"} in third["artifacts"]
    labels = [json.loads(line) for line in (folder / "sentence_labels.jsonl").read_text().splitlines()]
    assert labels[2]["hedge_level"] == "probable"


def first(result: list[dict], control: str) -> dict:
    return next(r for r in result if r["from_name"] == control)


def break_label(tasks):
    first(tasks[0]["annotations"][0]["result"], "hedge_cue")["value"]["labels"] = ["speculation"]
    return "value.labels", "speculation"


def break_offsets(tasks):
    first(tasks[0]["annotations"][0]["result"], "hedge_cue")["value"]["end"] = 10_000
    return "value.start", "10000"


def break_text(tasks):
    first(tasks[0]["annotations"][0]["result"], "hedge_cue")["value"]["text"] = "something else"
    return "value.text", "something else"


def break_version(tasks):
    tasks[3]["data"]["document_sha256"] = "0" * 64
    return "data.document_sha256", "0000"


def break_control(tasks):
    first(tasks[0]["annotations"][0]["result"], "is_claim")["from_name"] = "claimness"
    return "from_name", "claimness"


def break_coverage(tasks):
    del tasks[5]
    return "data.sentence_id", "-s005"


def break_new_source(tasks):
    result = tasks[0]["annotations"][0]["result"]
    result.append({**copy.deepcopy(first(result, "source_mention")), "id": "brand-new"})
    result[-1]["value"].update(start=0, end=2, text=tasks[0]["data"]["text"][:2])
    return "'id'", "not in Label Studio"


def break_holder(tasks):
    first(tasks[0]["annotations"][0]["result"], "holder")["value"]["choices"] = ["al-tanf-drone-2021-s001-src1"]
    return "hedge_cues.jsonl (not written)", "holder"


@pytest.mark.parametrize("breaker", [break_label, break_offsets, break_text, break_version, break_control,
                                     break_coverage, break_new_source, break_holder])
def test_bad_imports_name_the_problem_and_write_nothing(project, doc_folder, tmp_path, capsys, breaker):
    tasks = as_labelstudio_export(export(project, doc_folder, "gold", tmp_path))
    field, found = breaker(tasks)
    path = write(tmp_path, tasks)
    before = tree_digest(doc_folder)
    capsys.readouterr()
    assert cli(project, "import-labelstudio", path, doc_folder, "--annotator", "ann-ls") == 2
    err = capsys.readouterr().err
    assert field in err and found in err, err
    assert tree_digest(doc_folder) == before
    assert not (doc_folder / "annotators" / "ann-ls").exists()


def test_second_copy_of_an_annotator_is_refused_unless_forced(project, doc_folder, tmp_path, capsys):
    path = write(tmp_path, as_labelstudio_export(export(project, doc_folder, "ann-b", tmp_path)))
    before = tree_digest(doc_folder)
    assert cli(project, "import-labelstudio", path, doc_folder, "--annotator", "ann-b") == 2
    assert "annotators/ann-b" in capsys.readouterr().err
    assert tree_digest(doc_folder) == before
    assert cli(project, "import-labelstudio", path, doc_folder, "--annotator", "ann-b", "--force") == 0
    assert tree_digest(doc_folder) == before


def test_several_annotations_need_a_choice(project, doc_folder, tmp_path, capsys):
    tasks = as_labelstudio_export(export(project, doc_folder, "gold", tmp_path))
    for task in tasks:
        task["annotations"].append({**copy.deepcopy(task["annotations"][0]), "completed_by": 7})
    path = write(tmp_path, tasks)
    assert cli(project, "import-labelstudio", path, doc_folder, "--annotator", "ls-1") == 2
    assert "--completed-by" in capsys.readouterr().err
    assert cli(project, "import-labelstudio", path, doc_folder, "--annotator", "ls-7", "--completed-by", "7") == 0


def test_works_without_label_studio_sdk(project, doc_folder, tmp_path, monkeypatch):
    from claimcorpus.extend.labelstudio import config as labelstudio_config

    monkeypatch.setitem(sys.modules, "label_studio_sdk.label_interface", None)
    labelstudio_config.sdk_interface.cache_clear()
    try:
        assert validate_config(label_config()) == "xml"
        tasks = export(project, doc_folder, "gold", tmp_path)
        assert cli(project, "import-labelstudio", write(tmp_path, as_labelstudio_export(tasks)), doc_folder,
                   "--annotator", "rt") == 0
    finally:
        labelstudio_config.sdk_interface.cache_clear()
