"""add-document and accept-sentences: verbatim registration, refusals, validated acceptance."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from claimcorpus.cli import main
from claimcorpus.corpus.jsonl import read_jsonl
from claimcorpus.schema.jsonschemas import check_record

from .conftest import DOC, tree_digest
from .extend_synthetic import DOC_ID, TEXT


def cli(project: Path, *args) -> int:
    return main(["--root", str(project), *map(str, args)])


def text_file(tmp_path: Path, text: str = TEXT, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_add_document_copies_verbatim_and_proposes(project, tmp_path):
    src = text_file(tmp_path, TEXT.replace("\n\n", "\r\n\n", 1))
    assert cli(project, "add-document", src, "--doc-id", DOC_ID, "--set", "original_publisher=Test Gazette",
               "--set", "original_publisher_basis=named on the test fixture") == 0
    folder = project / "annotations" / "documents" / DOC_ID
    assert (folder / "source.txt").read_bytes() == src.read_bytes()
    meta = json.loads((folder / "document.json").read_text())
    check_record("document", meta, folder / "document.json", DOC_ID)
    assert meta["source_sha256"] == hashlib.sha256(src.read_bytes()).hexdigest()
    assert meta["header"] == {"date": "2024-03-05"} and meta["date"] == "2024-03-05" and meta["body_offset"] == 18
    assert meta["original_publisher"] == "Test Gazette" and meta["original_url"] is None
    assert meta["original_url_basis"].startswith("unknown")
    proposals = [rec for _, rec in read_jsonl(folder / "sentences.proposed.jsonl")]
    assert [p["text"] for p in proposals][-1] == "By Jane Doe"
    assert all(p["review"].startswith("to review") for p in proposals)
    assert not list((project / "annotations").glob(".staging-*"))


def test_same_text_or_same_id_is_refused_and_nothing_written(project, tmp_path, capsys):
    before = tree_digest(project / "annotations")
    al_tanf = project / "annotations" / "documents" / DOC / "source.txt"
    assert cli(project, "add-document", al_tanf, "--doc-id", "another-id") == 2
    assert "source_sha256" in capsys.readouterr().err
    assert cli(project, "add-document", text_file(tmp_path), "--doc-id", DOC) == 2
    err = capsys.readouterr().err
    assert "'doc_id'" in err and DOC in err
    assert tree_digest(project / "annotations") == before


def test_missing_date_or_bad_metadata_writes_nothing(project, tmp_path, capsys):
    before = tree_digest(project / "annotations")
    no_header = text_file(tmp_path, TEXT.partition("\n")[2])
    assert cli(project, "add-document", no_header, "--doc-id", DOC_ID, "--no-header") == 2
    assert "'date'" in capsys.readouterr().err
    assert cli(project, "add-document", no_header, "--doc-id", DOC_ID, "--no-header", "--date", "5 March") == 2
    assert "'date'" in capsys.readouterr().err
    assert cli(project, "add-document", text_file(tmp_path), "--doc-id", "Bad_Id") == 2
    assert "'doc_id'" in capsys.readouterr().err
    assert tree_digest(project / "annotations") == before


def registered(project: Path, tmp_path: Path) -> Path:
    assert cli(project, "add-document", text_file(tmp_path), "--doc-id", DOC_ID) == 0
    return project / "annotations" / "documents" / DOC_ID


def test_accept_sentences_renumbers_and_validates(project, tmp_path):
    folder = registered(project, tmp_path)
    proposal = folder / "sentences.proposed.jsonl"
    recs = [rec for _, rec in read_jsonl(proposal)]
    first, second = recs[0], recs.pop(1)  # a reviewer merges the first two sentences
    first.update(end=second["end"], text=first["text"] + " " + second["text"], review="merged by the reviewer")
    proposal.write_text("".join(json.dumps(r) + "\n" for r in recs))
    assert cli(project, "accept-sentences", folder) == 0
    accepted = [rec for _, rec in read_jsonl(folder / "sentences.jsonl")]
    assert [r["sentence_id"] for r in accepted] == [f"{DOC_ID}-s{i:03d}" for i in range(4)]
    assert accepted[0]["review"] == "merged by the reviewer" and accepted[1]["review"].startswith("accepted:")
    assert not proposal.exists()
    assert cli(project, "check-annotations", folder / "gold") == 0


def test_accept_sentences_rejects_a_bad_review_and_writes_nothing(project, tmp_path, capsys):
    folder = registered(project, tmp_path)
    proposal = folder / "sentences.proposed.jsonl"
    recs = [rec for _, rec in read_jsonl(proposal)]
    recs[1]["end"] -= 1  # boundary moved, text not updated
    proposal.write_text("".join(json.dumps(r) + "\n" for r in recs))
    before = tree_digest(folder)
    assert cli(project, "accept-sentences", folder) == 2
    err = capsys.readouterr().err
    assert "sentences.proposed.jsonl" in err and "line 2" in err and "span.text" in err
    assert tree_digest(folder) == before


def test_accept_sentences_refuses_to_replace_annotated_boundaries(project, capsys):
    folder = project / "annotations" / "documents" / DOC
    (folder / "sentences.proposed.jsonl").write_text((folder / "sentences.jsonl").read_text())
    assert cli(project, "accept-sentences", folder) == 2
    assert "--force" in capsys.readouterr().err
    assert cli(project, "accept-sentences", folder, "--force") == 2
    assert "annotation layers" in capsys.readouterr().err
