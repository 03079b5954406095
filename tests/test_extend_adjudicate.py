"""adjudicate: majority votes, decisions, provenance, refusals; always on temp copies of the project."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimcorpus.cli import main
from claimcorpus.corpus.jsonl import read_jsonl
from claimcorpus.extend.voting import majority
from claimcorpus.schema.jsonschemas import check_record

from .conftest import tree_digest


def cli(project: Path, *args) -> int:
    return main(["--root", str(project), *map(str, args)])


def records(path: Path) -> list[dict]:
    return [rec for _, rec in read_jsonl(path)]


def without_notes(recs: list[dict], field: str | None = None) -> list[dict]:
    out = []
    for rec in recs:
        rec = {k: v for k, v in rec.items() if k != "note"}
        if field:
            rec[field] = [{k: v for k, v in item.items() if k != "note"} for item in rec[field]]
        out.append(rec)
    return out


@pytest.fixture
def three_passes(doc_folder: Path) -> Path:
    """The real passes A and B plus C = a copy of B, and no gold/: B's values always have a majority."""
    shutil.copytree(doc_folder / "annotators" / "ann-b", doc_folder / "annotators" / "ann-c")
    shutil.rmtree(doc_folder / "gold")
    return doc_folder


def test_majority():
    assert majority({"a": "x", "b": "x", "c": "y"}) == ("x", 2)
    assert majority({"a": "x", "b": "y"}) is None
    assert majority({"a": True, "b": True}) == (True, 2)


def test_existing_gold_is_never_overwritten_without_force(project, doc_folder, capsys):
    before = tree_digest(doc_folder)
    assert cli(project, "adjudicate", doc_folder, "--base", "ann-a") == 2
    assert "--force" in capsys.readouterr().err
    assert tree_digest(doc_folder) == before


def test_three_annotators_majority_and_provenance(project, three_passes):
    folder = three_passes
    assert cli(project, "adjudicate", folder, "--annotators", "ann-a", "ann-b", "ann-c", "--base", "ann-b") == 0
    gold, ann_b = folder / "gold", folder / "annotators" / "ann-b"
    assert records(gold / "sentence_labels.jsonl") == without_notes(records(ann_b / "sentence_labels.jsonl"))
    for layer in ("hedge_cues", "artifacts"):
        assert records(gold / f"{layer}.jsonl") == without_notes(records(ann_b / f"{layer}.jsonl"), layer)
    assert records(gold / "claims.jsonl") == records(ann_b / "claims.jsonl")
    provenance = records(gold / "adjudication.jsonl")
    for i, line in enumerate(provenance, start=1):
        check_record("adjudication", line, gold / "adjudication.jsonl", f"line {i}")
    reasons = {line["reason"] for line in provenance}
    assert "majority 2/3" in reasons and any("base annotator ann-b" in r for r in reasons)
    assert cli(project, "check-annotations", gold) == 0


def test_ties_list_the_items_and_write_nothing(project, three_passes, capsys):
    before = tree_digest(three_passes)
    assert cli(project, "adjudicate", three_passes, "--annotators", "ann-a", "ann-b", "--base", "ann-a") == 2
    err = capsys.readouterr().err
    template = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert template and {"layer", "item", "field", "annotators", "gold", "reason"} <= set(template[0])
    assert "decisions.jsonl" in err and "(decisions)" in err
    assert tree_digest(three_passes) == before


def test_decisions_override_and_unused_decisions_fail(project, three_passes, capsys):
    folder = three_passes
    sid = records(folder / "sentences.jsonl")[0]["sentence_id"]
    decision = {"layer": "sentence_labels", "item": sid, "field": "hedge_level", "gold": "possible",
                "reason": "adjudicator's decision in a test, overriding the majority"}
    (folder / "decisions.jsonl").write_text(json.dumps(decision) + "\n")
    args = ("adjudicate", folder, "--annotators", "ann-a", "ann-b", "ann-c", "--base", "ann-b")
    assert cli(project, *args) == 0
    assert records(folder / "gold" / "sentence_labels.jsonl")[0]["hedge_level"] == "possible"
    main_claim = records(folder / "gold" / "sentence_labels.jsonl")[0]["main_claim_id"]
    aligned = next(c for c in records(folder / "gold" / "claims.jsonl") if c["claim_id"] == main_claim)
    assert aligned["hedge_level"] == "possible"
    assert decision["reason"] in {line["reason"] for line in records(folder / "gold" / "adjudication.jsonl")}

    shutil.rmtree(folder / "gold")
    (folder / "decisions.jsonl").write_text(json.dumps({**decision, "item": sid + "x"}) + "\n")
    assert cli(project, *args) == 2
    err = capsys.readouterr().err
    assert "decisions.jsonl" in err and "line 1" in err and "'item'" in err
    assert not (folder / "gold").exists()


def test_force_keeps_other_gold_files_and_fails_atomically(project, doc_folder, capsys):
    """gold/verification.jsonl is kept and re-checked: against pass A's claims it fails; nothing changes."""
    shutil.copytree(doc_folder / "annotators" / "ann-a", doc_folder / "annotators" / "ann-c")
    before = tree_digest(doc_folder / "gold")
    assert cli(project, "adjudicate", doc_folder, "--annotators", "ann-a", "ann-c", "--base", "ann-a",
               "--force") == 2
    err = capsys.readouterr().err
    assert "verification.jsonl" in err and "not written" in err
    assert tree_digest(doc_folder / "gold") == before
    assert not list(doc_folder.glob(".staging-*"))
