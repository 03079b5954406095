"""Model-assisted pre-annotation: a new document's tasks carry the models' proposal, with scores."""

from __future__ import annotations

import json

from claimcorpus.extend.labelstudio.export import RENDERABLE_ID

from .extend_synthetic import cli, new_document


def test_a_new_document_is_pre_annotated_by_the_models(project, tmp_path, capsys):
    doc_folder = new_document(project, tmp_path)
    capsys.readouterr()
    out = tmp_path / "tasks.json"
    assert cli(project, "export-labelstudio", doc_folder, "--out", out) == 0  # no gold: the models
    assert "rules + tfidf_lr" in capsys.readouterr().out
    tasks = json.loads(out.read_text())
    assert len(tasks) == 5
    for task in tasks:
        (prediction,) = task["predictions"]
        assert prediction["model_version"].startswith("claimcorpus ") and 0 < prediction["score"] <= 1
        controls = {r["from_name"]: r for r in prediction["result"]}
        assert {"is_claim", "check_worthy", "claim_type", "hedge_level"} <= set(controls)
        assert all(0 <= controls[c]["score"] <= 1 for c in ("is_claim", "claim_type", "hedge_level"))
        assert all(RENDERABLE_ID.fullmatch(r["id"]) for r in prediction["result"])
    first = {r["from_name"]: r for r in tasks[0]["predictions"][0]["result"]}
    assert first["source_mention"]["value"]["text"] == "Officials" and first["attribution_cue"]["value"]["text"] \
        == "said"
    second = {r["from_name"]: r for r in tasks[1]["predictions"][0]["result"]}
    assert second["hedge_cue"]["value"]["text"] == "may" and second["hedge_cue"]["value"]["labels"] == \
        ["epistemic_modal"]

    again = tmp_path / "again.json"
    assert cli(project, "export-labelstudio", doc_folder, "--out", again) == 0
    assert again.read_bytes() == out.read_bytes()  # deterministic


def test_the_proposal_imports_as_a_pass(project, tmp_path):
    doc_folder = new_document(project, tmp_path)
    out = tmp_path / "tasks.json"
    assert cli(project, "export-labelstudio", doc_folder, "--out", out) == 0
    tasks = json.loads(out.read_text())
    export = [{"id": i, "data": t["data"], "predictions": t["predictions"], "annotations": []}
              for i, t in enumerate(tasks, start=1)]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export))
    assert cli(project, "import-labelstudio", path, doc_folder, "--annotator", "models", "--from-predictions") == 0
    folder = doc_folder / "annotators" / "models"
    assert sorted(p.name for p in folder.iterdir()) == ["claims.jsonl", "hedge_cues.jsonl", "sentence_labels.jsonl",
                                                        "sources.jsonl"]
    assert cli(project, "check-annotations", folder) == 0
