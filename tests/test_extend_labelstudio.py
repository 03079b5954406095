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


def region_ids(tasks: list[dict]) -> set[str]:
    return {r["id"] for t in tasks for p in t["predictions"] for r in p["result"] if "start" in r["value"]}


@pytest.mark.parametrize("annotator", ["gold", "ann-a", "ann-b"])
def test_every_exported_region_id_is_renderable(project, doc_folder, tmp_path, annotator):
    """Label Studio draws a region only when its id has no ':' (it lists the others without highlighting)."""
    from claimcorpus.extend.labelstudio.export import RENDERABLE_ID

    ids = region_ids(export(project, doc_folder, annotator, tmp_path))
    assert any(i.endswith("_mention") for i in ids) and any(i.endswith("_span") for i in ids)
    assert [i for i in ids if ":" in i or not RENDERABLE_ID.fullmatch(i)] == []


def old_ids(tasks: list[dict]) -> list[dict]:
    """An export made before 0.3: source and claim regions named ``<id>:mention``, ``:cue``, ``:span``."""
    for task in tasks:
        for ann in task["annotations"]:
            for item in ann["result"]:
                for part in ("mention", "cue", "span"):
                    if item["id"].endswith(f"_{part}"):
                        item["id"] = item["id"][:-len(part) - 1] + ":" + part
    return tasks


def test_exports_with_the_old_region_ids_still_import(project, doc_folder, tmp_path):
    tasks = old_ids(as_labelstudio_export(export(project, doc_folder, "gold", tmp_path)))
    assert any(":" in r["id"] for r in tasks[0]["annotations"][0]["result"])
    assert cli(project, "import-labelstudio", write(tmp_path, tasks), doc_folder, "--annotator", "old") == 0
    for layer in LAYERS:
        assert (doc_folder / "annotators" / "old" / f"{layer}.jsonl").read_bytes() == \
            (doc_folder / "gold" / f"{layer}.jsonl").read_bytes(), layer


def as_default_export(tasks: list[dict], embed: bool = True) -> list[dict]:
    """Label Studio's default JSON export: prediction ids only, ``completed_by`` a user id, and the
    prediction an annotation was made from embedded in it (``prediction``)."""
    out = as_labelstudio_export(tasks)
    for i, task in enumerate(out, start=1):
        prediction = {**task["predictions"][0], "id": 500 + i, "task": i, "score": None}
        task["predictions"] = [500 + i]
        for ann in task["annotations"]:
            ann.update(completed_by=3, parent_prediction=500 + i, **({"prediction": prediction} if embed else {}))
    return out


def test_default_export_serves_predictions_through_the_annotations(project, doc_folder, tmp_path):
    path = write(tmp_path, as_default_export(export(project, doc_folder, "ann-a", tmp_path)))
    assert cli(project, "import-labelstudio", path, doc_folder, "--annotator", "pred", "--from-predictions") == 0
    assert cli(project, "import-labelstudio", path, doc_folder, "--annotator", "by-3", "--completed-by", "3") == 0
    for name in ("pred", "by-3"):
        for layer in LAYERS:
            assert (doc_folder / "annotators" / name / f"{layer}.jsonl").read_bytes() == \
                (doc_folder / "annotators" / "ann-a" / f"{layer}.jsonl").read_bytes(), (name, layer)


def test_options_the_export_cannot_serve_name_the_setting(project, doc_folder, tmp_path, capsys):
    tasks = export(project, doc_folder, "gold", tmp_path)
    ids_only = write(tmp_path, as_default_export(tasks, embed=False), "ids.json")
    capsys.readouterr()
    assert cli(project, "import-labelstudio", ids_only, doc_folder, "--annotator", "p", "--from-predictions") == 2
    err = capsys.readouterr().err
    assert "ids only" in err and '"predictions": {"only_id": false}' in err, err
    assert cli(project, "import-labelstudio", ids_only, doc_folder, "--annotator", "e", "--completed-by",
               "someone@example.com") == 2
    err = capsys.readouterr().err
    assert "user ids only" in err and '"annotations__completed_by": {"only_id": false}' in err, err
    assert not (doc_folder / "annotators" / "p").exists() and not (doc_folder / "annotators" / "e").exists()


def test_snapshot_with_full_users_filters_by_email(project, doc_folder, tmp_path):
    tasks = as_labelstudio_export(export(project, doc_folder, "gold", tmp_path))
    for task in tasks:
        first_ann = task["annotations"][0]
        first_ann["completed_by"] = {"id": 1, "email": "a@example.com", "first_name": "", "last_name": ""}
        task["annotations"].append({**copy.deepcopy(first_ann), "completed_by": {"id": 2, "email": "b@example.com"}})
    path = write(tmp_path, tasks)
    assert cli(project, "import-labelstudio", path, doc_folder, "--annotator", "b", "--completed-by",
               "b@example.com") == 0
    assert cli(project, "import-labelstudio", path, doc_folder, "--annotator", "one", "--completed-by", "1") == 0


def test_each_task_shows_its_context(project, doc_folder, tmp_path):
    tasks = export(project, doc_folder, "gold", tmp_path)
    sentences = [json.loads(line) for line in (doc_folder / "sentences.jsonl").read_text().splitlines()]
    for task, sent in zip(tasks, sentences):
        context = task["data"]["context"]
        assert f"⟦{sent['text']}⟧" in context
        neighbours = [s for s in sentences if abs(s["paragraph"] - sent["paragraph"]) == 1]
        assert neighbours and all(s["text"] in context for s in neighbours)
    assert 'value="$context"' in label_config()


def test_claims_follow_edited_sentence_labels(project, doc_folder, tmp_path):
    """A sentence's hedge level changed in Label Studio: its main claim takes it (as adjudicate does)."""
    tasks = as_labelstudio_export(export(project, doc_folder, "gold", tmp_path))
    result = tasks[2]["annotations"][0]["result"]
    first(result, "hedge_level")["value"]["choices"] = ["probable"]
    assert cli(project, "import-labelstudio", write(tmp_path, tasks), doc_folder, "--annotator", "edit") == 0
    claims = [json.loads(line) for line in (doc_folder / "annotators" / "edit" / "claims.jsonl").read_text()
              .splitlines()]
    main_id = tasks[2]["data"]["claims"][0]["claim_id"]
    labels = [json.loads(line) for line in (doc_folder / "annotators" / "edit" / "sentence_labels.jsonl")
              .read_text().splitlines()][2]
    assert next(c for c in claims if c["claim_id"] == labels["main_claim_id"])["hedge_level"] == "probable"
    assert main_id.startswith(tasks[2]["data"]["sentence_id"])
