"""The public API: every exported name imports, and the main ones work on a scratch project."""

from __future__ import annotations

import importlib.resources

import pytest

import claimcorpus

from .conftest import DOC, tree_digest


@pytest.mark.parametrize("name", claimcorpus.__all__)
def test_every_exported_name_imports(name):
    assert getattr(claimcorpus, name) is not None
    assert name in dir(claimcorpus)


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError):
        claimcorpus.no_such_name  # noqa: B018


def test_build_read_verify_and_load(project):
    before = tree_digest(project / "dataset")
    built = claimcorpus.build_release(project, workers=1)
    assert isinstance(built, claimcorpus.ReleaseBuilt) and built.written.batches == 1
    assert tree_digest(project / "dataset") == before
    tables = claimcorpus.read_release(project / "dataset")
    assert {c: t.num_rows for c, t in tables.items()} == {c: t.num_rows for c, t in built.tables.items()}
    assert claimcorpus.verify_release(project / "dataset")["sentences"].num_rows == 42
    docs = claimcorpus.load_corpus(project / "annotations")
    assert [d.document.doc_id for d in docs] == [DOC]
    assert isinstance(docs[0], claimcorpus.AnnotatedDocument)
    one = claimcorpus.load_annotated(project / "annotations" / "documents" / DOC)
    assert len(one.sentences.rows) == 42
    assert claimcorpus.recover(project) == []
    assert "claim_type" in claimcorpus.INVENTORIES


def test_configs_read_with_label_names(project):
    df = claimcorpus.read_config("claims", root=project)
    assert set(df["claim_type"].cat.categories) == set(claimcorpus.INVENTORIES["claim_type"])
    assert claimcorpus.read_config("claims", labels="codes", root=project / "dataset")["claim_type"].dtype.kind == "i"
    assert claimcorpus.duckdb_view_sql("claims", root=project).startswith('CREATE OR REPLACE VIEW "claims"')


def test_write_tables_is_the_chain_alone(project, tmp_path):
    written = claimcorpus.write_tables(project / "annotations", tmp_path / "out")
    assert written.rows["sentences"] == 42 and (tmp_path / "out" / "sentences").is_dir()


def test_errors_are_corpus_errors(project):
    (project / "annotations" / "documents" / DOC / "sentences.jsonl").write_text("{", encoding="utf-8")
    with pytest.raises(claimcorpus.CorpusError) as caught:
        claimcorpus.load_corpus(project / "annotations")
    assert "sentences.jsonl" in str(caught.value)


def test_top_level_holds_only_the_api_errors_paths_and_cli():
    package = importlib.resources.files("claimcorpus")
    modules = sorted(p.name for p in package.iterdir() if p.name.endswith(".py"))
    assert modules == ["__init__.py", "__main__.py", "errors.py", "paths.py"]


def test_python_dash_m_runs_the_command_line():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "claimcorpus", "--help"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("usage: claimcorpus")
