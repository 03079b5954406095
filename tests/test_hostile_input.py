"""Hostile and broken inputs: every command ends with the one-line error and exit 2, and changes nothing.

Each case damages a scratch copy of the project, runs one command through
``claimcorpus.cli.main``, and checks: exit code 2, one line on stderr naming
the file, record and field, no traceback, and the whole project tree
byte-identical afterwards (release, cards, annotation files).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claimcorpus.cli import main
from claimcorpus.guard.limits import MAX_DEPTH, MAX_FIELD_CHARS, MAX_LINE_BYTES
from claimcorpus.release.lock import LOCK_NAME
from claimcorpus.release.release import PARQUET_OPTIONS

from .conftest import DOC, tree_digest

DOC_DIR = Path("annotations") / "documents" / DOC
SENTENCES_PQ = "dataset/sentences/test-00000-of-00001.parquet"
CLAIMS_PQ = "dataset/claims/test-00000-of-00001.parquet"
DOCUMENTS_PQ = "dataset/documents/test-00000-of-00001.parquet"


@dataclass
class Case:
    id: str
    damage: Callable[[Path], None]
    command: Callable[[Path], list[str]]
    file: str
    record: str
    field: str

    def __repr__(self) -> str:
        return self.id


def build(_: Path) -> list[str]:
    return ["build"]


def validate(_: Path) -> list[str]:
    return ["validate"]


def project_state(project: Path) -> dict[str, str]:
    """Every file's digest except the (empty, git-ignored) build lock, which a build creates and keeps."""
    return {k: v for k, v in tree_digest(project).items() if k != LOCK_NAME}


def run_rejected(project: Path, args: list[str], capsys) -> str:
    before = project_state(project)
    code = main(["--root", str(project), *map(str, args)])
    captured = capsys.readouterr()
    assert code == 2, captured
    assert project_state(project) == before, "a rejected input changed the project"
    err = captured.err
    assert "Traceback" not in err and "Traceback" not in captured.out
    assert err.startswith("error: ") and err.count("\n") == 1, err
    return err


def assert_located(err: str, case: Case) -> None:
    assert case.file in err, err
    assert f"record {case.record}" in err, err
    assert f"field '{case.field}'" in err, err


# --- damage helpers ---------------------------------------------------------------------------------------------

def rewrite_bytes(rel: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / rel
        os.chmod(path, 0o644)
        path.write_bytes(change(path.read_bytes()))
    return apply


def replace_line(rel: str, line_no: int, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def edit(data: bytes) -> bytes:
        lines = data.split(b"\n")
        lines[line_no - 1] = change(lines[line_no - 1])
        return b"\n".join(lines)
    return rewrite_bytes(rel, edit)


def edit_json(rel: str, change: Callable[[dict], object]) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / rel
        data = json.loads(path.read_text(encoding="utf-8"))
        data = change(data) or data
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return apply


def utf16(data: bytes) -> bytes:
    return data.decode("utf-8").encode("utf-16")


def bad_utf8(data: bytes) -> bytes:
    """An invalid UTF-8 byte inside the first string value."""
    i = data.index(b'"', data.index(b":")) + 1
    return data[:i] + b"\xff\xfe" + data[i:]


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def with_note(value: bytes) -> Callable[[bytes], bytes]:
    return lambda line: line[:-1] + b', "note": ' + value + b"}"


def source_changed(change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    """Change ``source.txt`` and record its new sha256 in ``document.json`` (so only the change is wrong)."""
    def apply(project: Path) -> None:
        rewrite_bytes(str(DOC_DIR / "source.txt"), change)(project)
        digest = hashlib.sha256((project / DOC_DIR / "source.txt").read_bytes()).hexdigest()
        edit_json(str(DOC_DIR / "document.json"), lambda d: d.update(source_sha256=digest))(project)
    return apply


def manifest_matching(project: Path) -> None:
    """Update ``manifest.json`` to the files as they are now (what a careful forger would do)."""
    path = project / "dataset" / "manifest.json"
    manifest = json.loads(path.read_text())
    for entry in manifest["files"]:
        file = project / "dataset" / entry["path"]
        entry["sha256"], entry["bytes"] = hashlib.sha256(file.read_bytes()).hexdigest(), file.stat().st_size
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def then_manifest(*damages) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        for damage in damages:
            damage(project)
        manifest_matching(project)
    return apply


def parquet_edited(rel: str, change: Callable[[list[dict]], None]) -> Callable[[Path], None]:
    """Rewrite one Parquet file with ``change`` applied to its rows (schema and metadata kept)."""
    def apply(project: Path) -> None:
        path = project / rel
        table = pq.read_table(path)
        rows = table.to_pylist()
        change(rows)
        pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path, **PARQUET_OPTIONS)
    return apply


def first_with(rows: list[dict], field: str) -> dict:
    return next(r for r in rows if r[field])


def nested_item(field: str, key: str, change) -> Callable[[list[dict]], None]:
    def apply(rows: list[dict]) -> None:
        item = first_with(rows, field)[field][0]
        item[key] = change(item[key])
    return apply


def first_source_with(key: str, change) -> Callable[[list[dict]], None]:
    """Change ``key`` of the first source (``sources[0]`` of its sentence) whose span is set."""
    def apply(rows: list[dict]) -> None:
        source = next(r["sources"][0] for r in rows if r["sources"] and r["sources"][0][key] is not None)
        source[key] = change(source[key])
    return apply


def set_row(index: int, field: str, value) -> Callable[[list[dict]], None]:
    return lambda rows: rows[index].__setitem__(field, value)


def flip_text_clean(rows: list[dict]) -> None:
    row = first_with(rows, "artifacts")
    row["text_clean"] = row["text"]


def add_layer_file(text: bytes) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        (project / "annotations" / "layers").mkdir(exist_ok=True)
        (project / "annotations" / "layers" / "stance.json").write_bytes(text)
    return apply


def symlinked_entry(project: Path) -> None:
    """A manifest entry naming a symbolic link inside dataset/ that points outside it."""
    outside = project / "outside.txt"
    outside.write_text("secret\n")
    (project / "dataset" / "link.txt").symlink_to(outside)
    path = project / "dataset" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["files"].append({"path": "link.txt", "sha256": "0" * 64, "bytes": 7, "rows": None})
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def corrupt_footer(data: bytes) -> bytes:
    end = len(data) - 8
    return data[:end - 40] + bytes(b ^ 0x5A for b in data[end - 40:end]) + data[end:]


# --- the cases ---------------------------------------------------------------------------------------------------

GOLD = DOC_DIR / "gold"
BUILD_CASES = [
    Case("invalid-utf8-layer", replace_line(str(GOLD / "claims.jsonl"), 2, bad_utf8), build,
         "gold/claims.jsonl", "line 2", "(encoding)"),
    Case("utf16-layer", rewrite_bytes(str(GOLD / "hedge_cues.jsonl"), utf16), build,
         "gold/hedge_cues.jsonl", "line 1", "(encoding)"),
    Case("invalid-utf8-sentences", replace_line(str(DOC_DIR / "sentences.jsonl"), 3, bad_utf8), build,
         "sentences.jsonl", "line 3", "(encoding)"),
    Case("invalid-utf8-evidence", replace_line(str(DOC_DIR / "evidence.jsonl"), 1, bad_utf8), build,
         "evidence.jsonl", "line 1", "(encoding)"),
    Case("invalid-utf8-document-json", rewrite_bytes(str(DOC_DIR / "document.json"), bad_utf8), build,
         "document.json", "line 2", "(encoding)"),
    Case("utf16-document-json", rewrite_bytes(str(DOC_DIR / "document.json"), utf16), build,
         "document.json", "line 1", "(encoding)"),
    Case("invalid-utf8-source", source_changed(lambda d: d.replace(b"drone", b"dr\xffne", 1)), build,
         "source.txt", DOC, "(encoding)"),
    Case("utf16-source", source_changed(utf16), build, "source.txt", DOC, "(encoding)"),
    Case("deep-nesting-beyond-orjson", replace_line(str(GOLD / "sources.jsonl"), 1, with_note(nested(100_000))),
         build, "gold/sources.jsonl", "line 1", "(json)"),
    Case("deep-nesting-beyond-limit", replace_line(str(GOLD / "claims.jsonl"), 1, with_note(nested(MAX_DEPTH + 1))),
         build, "gold/claims.jsonl", "line 1", "note"),
    Case("deep-nesting-document-json", edit_json(str(DOC_DIR / "document.json"),
                                                 lambda d: d.update(header=json.loads(nested(500)))),
         build, "document.json", "(file)", "header"),
    Case("layer-definition-not-json", add_layer_file(b'{"name": "stance",'), build,
         "layers/stance.json", "line 1", "(json)"),
    Case("layer-definition-invalid-utf8", add_layer_file(b'{"name": "st\xffance"}'), build,
         "layers/stance.json", "line 1", "(encoding)"),
    Case("layer-definition-duplicate-key", add_layer_file(
        b'{"name": "stance", "level": "sentence", "kind": "label", "kind": "spans", "labels": ["a", "b"], '
        b'"description": "a stance layer"}'), build, "layers/stance.json", "line 1", "kind"),
    Case("source-file-missing", edit_json(str(DOC_DIR / "document.json"),
                                          lambda d: d.update(source_file="missing.txt")), build,
         "document.json", DOC, "source_file"),
    Case("source-file-outside", edit_json(str(DOC_DIR / "document.json"),
                                          lambda d: d.update(source_file="../../../../etc/hostname")), build,
         "document.json", DOC, "source_file"),
    Case("source-file-absolute", edit_json(str(DOC_DIR / "document.json"),
                                           lambda d: d.update(source_file="/etc/hostname")), build,
         "document.json", DOC, "source_file"),
    Case("huge-field", replace_line(str(DOC_DIR / "evidence.jsonl"), 1,
                                    lambda line: line.replace(b'"summary": "', b'"summary": "' + b"x" * 20_000_000, 1)),
         build, "evidence.jsonl", "line 1", "summary"),
    Case("field-above-limit", replace_line(str(GOLD / "claims.jsonl"), 1,
                                           with_note(b'"' + b"y" * (MAX_FIELD_CHARS + 1) + b'"')),
         build, "gold/claims.jsonl", "line 1", "note"),
    Case("line-above-limit", replace_line(str(GOLD / "claims.jsonl"), 2,
                                          with_note(json.dumps(["z" * 100] * (MAX_LINE_BYTES // 100)).encode())),
         build, "gold/claims.jsonl", "line 2", "(line)"),
    Case("duplicate-key-layer", replace_line(str(GOLD / "claims.jsonl"), 3,
                                             lambda line: line[:-1] + b', "claim_type": "event"}'), build,
         "gold/claims.jsonl", "line 3", "claim_type"),
    Case("duplicate-key-nested", replace_line(str(GOLD / "sources.jsonl"), 1, lambda line: line.replace(
        b'"entity": ', b'"entity": "x", "entity": ', 1)),
         build, "gold/sources.jsonl", "line 1", "entity"),
    Case("duplicate-key-document-json", rewrite_bytes(str(DOC_DIR / "document.json"),
                                                      lambda d: d.replace(b'"language": "en"',
                                                                          b'"language": "en", "language": "fr"')),
         build, "document.json", "line", "language"),
    Case("lone-surrogate", replace_line(str(GOLD / "claims.jsonl"), 1, with_note(b'"\\ud800"')), build,
         "gold/claims.jsonl", "line 1", "(encoding)"),
]


def manifest_cases() -> list[Case]:
    m = "dataset/manifest.json"
    return [
        Case("manifest-not-json", rewrite_bytes(m, lambda d: d[:-20]), validate, "manifest.json", "line", "(json)"),
        Case("manifest-invalid-utf8", rewrite_bytes(m, bad_utf8), validate, "manifest.json", "line", "(encoding)"),
        Case("manifest-is-a-list", edit_json(m, lambda d: [d]), validate, "manifest.json", "(file)", "(manifest)"),
        Case("manifest-without-files", edit_json(m, lambda d: d.pop("files") and None), validate,
             "manifest.json", "(manifest)", "files"),
        Case("manifest-entry-without-sha256", edit_json(m, lambda d: d["files"][1].pop("sha256") and None), validate,
             "manifest.json", "files[1]", "sha256"),
        Case("manifest-entry-not-an-object", edit_json(m, lambda d: d["files"].__setitem__(0, "README.md")), validate,
             "manifest.json", "files[0]", "(entry)"),
        Case("manifest-path-outside", edit_json(m, lambda d: d["files"][0].update(path="../../../../etc/hostname")),
             validate, "manifest.json", "files[0]", "path"),
        Case("manifest-path-absolute", edit_json(m, lambda d: d["files"][0].update(path="/etc/hostname")),
             validate, "manifest.json", "files[0]", "path"),
        Case("manifest-path-symlink-outside", symlinked_entry, validate, "manifest.json", "files[", "path"),
        Case("manifest-format", then_manifest(edit_json(m, lambda d: d.update(format="claimcorpus-release/9"))),
             validate, "manifest.json", "(manifest)", "format"),
        Case("manifest-configs", edit_json(m, lambda d: d["configs"].update(claims="../x.parquet")), validate,
             "manifest.json", "configs.claims", "configs"),
    ]


def release_cases() -> list[Case]:
    return [
        Case("parquet-footer-corrupt", then_manifest(rewrite_bytes(SENTENCES_PQ, corrupt_footer)), validate,
             "sentences/test-00000-of-00001.parquet", "(file)", "(parquet)"),
        Case("parquet-truncated", then_manifest(rewrite_bytes(SENTENCES_PQ, lambda d: d[: len(d) // 2])), validate,
             "sentences/test-00000-of-00001.parquet", "(file)", "(parquet)"),
        Case("source-mention-text", then_manifest(parquet_edited(SENTENCES_PQ, first_source_with(
            "mention_text", lambda t: t + "x"))), validate, "sentences", "row", "sources[0].mention_text"),
        Case("source-cue-start", then_manifest(parquet_edited(SENTENCES_PQ, first_source_with(
            "cue_end", lambda e: e + 10**6))), validate, "sentences", "row", "sources[0].cue_end"),
        Case("hedge-cue-text", then_manifest(parquet_edited(SENTENCES_PQ, nested_item(
            "hedge_cues", "text", lambda t: t.upper() + "!"))), validate, "sentences", "row", "hedge_cues[0].text"),
        Case("artifact-end", then_manifest(parquet_edited(SENTENCES_PQ, nested_item(
            "artifacts", "end", lambda e: e + 10**6))), validate, "sentences", "row", "artifacts[0].end"),
        Case("text-clean", then_manifest(parquet_edited(SENTENCES_PQ, flip_text_clean)), validate,
             "sentences", "row", "text_clean"),
        Case("claim-span-text", then_manifest(parquet_edited(CLAIMS_PQ, set_row(0, "span_text", "not the span")))
             , validate, "claims", "row 0", "span_text"),
        Case("claim-span-start", then_manifest(parquet_edited(CLAIMS_PQ, lambda rows: rows[1].update(
            span_start=rows[1]["span_start"] + 1)))
             , validate, "claims", "row 1", "span_text"),
        Case("derived-claimbuster-label", then_manifest(parquet_edited(SENTENCES_PQ, lambda rows: rows[0].update(
            claimbuster_label=(rows[0]["claimbuster_label"] + 1) % 3))), validate, "sentences", "row 0",
             "claimbuster_label"),
        Case("document-text-sha256", then_manifest(parquet_edited(DOCUMENTS_PQ, set_row(0, "text_sha256", "0" * 64))),
             validate, "documents", f"row 0 ({DOC})", "text_sha256"),
        Case("document-source-sha256", then_manifest(parquet_edited(DOCUMENTS_PQ,
                                                                    set_row(0, "source_sha256", "1" * 64))),
             validate, "documents", f"row 0 ({DOC})", "source_sha256"),
        Case("croissant-edited", then_manifest(edit_json("dataset/croissant.json", lambda d: d.update(
            name="something else"))), validate, "croissant.json", "(file)", "name"),
        Case("croissant-checksum", then_manifest(edit_json("dataset/croissant.json", lambda d: d["distribution"][0]
                                                           .update(sha256="2" * 64))),
             validate, "croissant.json", "(file)", "distribution[0].sha256"),
        Case("card-header", then_manifest(rewrite_bytes("dataset/README.md",
                                                        lambda d: d.replace(b"num_examples: 42", b"num_examples: 41",
                                                                            1))),
             validate, "README.md", "line", "(front matter)"),
    ]


@pytest.mark.parametrize("case", BUILD_CASES + manifest_cases() + release_cases(), ids=repr)
def test_rejected(project, capsys, case):
    case.damage(project)
    err = run_rejected(project, case.command(project), capsys)
    assert_located(err, case)


def test_source_outside_is_not_read(project, capsys):
    """``source_file`` pointing outside: refused by name, the outside file's sha256 is not printed."""
    outside = project / "outside.txt"
    outside.write_text("not part of the corpus\n")
    edit_json(str(DOC_DIR / "document.json"), lambda d: d.update(source_file="../../../outside.txt"))(project)
    err = run_rejected(project, ["build"], capsys)
    assert hashlib.sha256(outside.read_bytes()).hexdigest() not in err
    assert "'source_file'" in err and "plain file name" in err


def test_duplicate_key_fast_path_stays_exact():
    """Colons inside strings or escapes do not hide a duplicate, and do not invent one."""
    from claimcorpus.corpus.jsonl import parse_line
    from claimcorpus.errors import CorpusError

    assert parse_line(b'{"a": "x:y", "b": {"c": "http://z"}}') == {"a": "x:y", "b": {"c": "http://z"}}
    for line in (b'{"a": 1, "a": 2}', b'{"a": "x:y", "b": 1, "b": ":"}', b'{"k": {"a": 1, "a": 1}}',
                 b'{"a\\u003a": 1, "a:": 2}', b'{"a" : 1, "a" : 2}', b'{"a\\u0022": 1, "a\\"": 2}'):
        with pytest.raises(CorpusError, match="duplicate key"):
            parse_line(line)


# --- paths from options --------------------------------------------------------------------------------------------

@pytest.fixture
def ls_export(project, tmp_path) -> Path:
    """A Label Studio export of the gold layers, outside the project tree."""
    from .test_extend_labelstudio import as_labelstudio_export, export

    tasks = export(project, project / DOC_DIR, "gold", tmp_path)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(as_labelstudio_export(tasks)))
    return path


@pytest.mark.parametrize("annotator", ["../../../../escaped", "/tmp/escaped-abs", "../../../README.md", "a/b",
                                       "Ann A", "", ".", "..", "x" * 65])
@pytest.mark.parametrize("force", [False, True])
def test_import_annotator_is_a_name(project, ls_export, capsys, annotator, force, tmp_path):
    args = ["import-labelstudio", ls_export, project / DOC_DIR, "--annotator", annotator]
    err = run_rejected(project, args + (["--force"] if force else []), capsys)
    assert "record (annotator)" in err and "field 'annotator'" in err and "a name, not a path" in err
    assert not (tmp_path / "escaped").exists() and not Path("/tmp/escaped-abs").exists()
    assert (project / "README.md").is_file()


@pytest.mark.parametrize("args,field", [
    (["export-labelstudio", DOC_DIR, "--annotator", "../gold", "--out", "OUT"], "annotator"),
    (["adjudicate", DOC_DIR, "--annotators", "ann-a", "../../x", "--force"], "annotator"),
    (["adjudicate", DOC_DIR, "--annotators", "ann-a", "ann-b", "--base", "../ann-a", "--force"], "base"),
    (["check-annotations", DOC_DIR / "annotators" / "..x"], "annotator"),
], ids=["export", "adjudicate-annotators", "adjudicate-base", "check-annotations"])
def test_other_annotator_options(project, capsys, tmp_path, args, field):
    args = [project / a if isinstance(a, Path) else (tmp_path / "out.json" if a == "OUT" else a) for a in args]
    err = run_rejected(project, args, capsys)
    assert f"field '{field}'" in err


def test_add_document_doc_id_is_a_name(project, capsys, tmp_path):
    text = tmp_path / "new.txt"
    text.write_text(" date 2024-01-01\nA new text. It has two sentences.\n")
    err = run_rejected(project, ["add-document", text, "--doc-id", "../../escaped"], capsys)
    assert "record ../../escaped" in err and "field 'doc_id'" in err


@pytest.mark.parametrize("damage,field", [
    (lambda d: d.replace(b'"id": 1,', b'"id": 1, "id": 2,', 1), "id"),
    (lambda d: d[:40] + b"\xff" + d[40:], "(encoding)"),
    (lambda d: nested(100_000), "(json)"),
    (lambda d: d[:-3], "(json)"),
], ids=["duplicate-key", "invalid-utf8", "deep", "truncated"])
def test_hostile_labelstudio_export(project, ls_export, capsys, damage, field):
    ls_export.write_bytes(damage(ls_export.read_bytes()))
    err = run_rejected(project, ["import-labelstudio", ls_export, project / DOC_DIR, "--annotator", "ann-c"], capsys)
    assert "export.json" in err and f"field '{field}'" in err


# --- random bit flips ----------------------------------------------------------------------------------------------

FLIPS = [random.Random(seed).random() for seed in range(24)]


@pytest.mark.parametrize("position", FLIPS, ids=[f"flip{i}" for i in range(len(FLIPS))])
def test_bit_flip_in_sentences(project, capsys, position):
    """A flipped bit (manifest updated to match): reported in one line with exit 2, never a traceback."""
    def flip(data: bytes) -> bytes:
        i = int(position * len(data))
        return data[:i] + bytes([data[i] ^ (1 << int(position * 1000) % 8)]) + data[i + 1:]
    then_manifest(rewrite_bytes(SENTENCES_PQ, flip))(project)
    err = run_rejected(project, ["validate"], capsys)
    assert "error: " in err


# --- configs without rows ------------------------------------------------------------------------------------------

def test_empty_config_is_left_out_of_the_card(project, capsys, tmp_path):
    """Without annotator passes ``annotator_labels`` has 0 rows: written and validated, not in the card's
    configs (``load_dataset`` cannot load a 0-row split), and every listed config loads."""
    import shutil

    import datasets
    import yaml

    shutil.rmtree(project / DOC_DIR / "annotators")
    assert main(["--root", str(project), "build"]) == 0
    assert main(["--root", str(project), "validate"]) == 0
    capsys.readouterr()
    assert pq.read_metadata(project / "dataset/annotator_labels/test-00000-of-00001.parquet").num_rows == 0
    for card in (project / "dataset" / "README.md", project / "README.md", project / "dataset_card.md"):
        header = yaml.safe_load(card.read_text().split("---\n")[1])
        names = [c["config_name"] for c in header["configs"]]
        assert "annotator_labels" not in names and "sentences" in names
    assert "Configs without rows" in (project / "dataset" / "README.md").read_text()
    for config in ("sentences", "claims", "evidence", "documents"):
        ds = datasets.load_dataset(str(project / "dataset"), config, split="test", cache_dir=str(tmp_path / "hf"))
        assert ds.num_rows == pq.read_metadata(project / f"dataset/{config}/test-00000-of-00001.parquet").num_rows


@pytest.mark.parametrize("name", ["croissant.json", "README.md"])
def test_validate_requires_croissant_and_card(project, capsys, name):
    """Dropping the Croissant file or the card (and its manifest entry) does not switch their checks off."""
    (project / "dataset" / name).unlink()
    edit_json("dataset/manifest.json", lambda d: d.update(files=[e for e in d["files"] if e["path"] != name]))(project)
    err = run_rejected(project, ["validate"], capsys)
    assert name in err and "field 'path'" in err and "missing" in err


def test_annotator_agreement_is_rechecked(project, capsys):
    """``annotator_labels`` agreement shares are recomputed from its rows."""
    rel = "dataset/annotator_labels/test-00000-of-00001.parquet"
    then_manifest(parquet_edited(rel, set_row(0, "agreement_is_claim", 0.25)))(project)
    err = run_rejected(project, ["validate"], capsys)
    assert "annotator_labels/test-00000-of-00001.parquet" in err and "record row 0" in err
    assert "field 'agreement_is_claim'" in err
