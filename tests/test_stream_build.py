"""The streaming build writes exactly the files of the in-memory build (one shard or several)."""

from __future__ import annotations

import random

import pytest

from claimcorpus.build.pipeline import build_tables, load_corpus
from claimcorpus.build.stream_build import build_streaming, streamable
from claimcorpus.errors import CorpusError
from claimcorpus.perf.synthetic import letter_table, load_template, write_clone, write_corpus
from claimcorpus.release.release import verify_release, write_release

from .conftest import DOC, ROOT, tree_digest


def in_memory(root, out, shard_rows):
    docs = load_corpus(root)
    write_release(build_tables(docs, root), out, None, docs[0].definitions, shard_rows)
    return tree_digest(out)


def parquet_digest(folder):
    return {k: v for k, v in tree_digest(folder).items() if k.endswith(".parquet")}


def test_real_corpus_is_byte_identical_to_the_release(project, tmp_path):
    result = build_streaming(project / "annotations", tmp_path / "stream")
    assert result.streamed
    assert tree_digest(tmp_path / "stream") == in_memory(project / "annotations", tmp_path / "memory", 250_000)
    assert parquet_digest(tmp_path / "stream") == parquet_digest(ROOT / "dataset")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    return write_corpus(ROOT / "annotations" / "documents" / DOC, tmp_path_factory.mktemp("synth"), 5)


@pytest.mark.parametrize(("batch_rows", "shard_rows"), [(50, 100), (1, 42), (1000, 64)])
def test_several_batches_and_shards_match_in_memory(synthetic, tmp_path, batch_rows, shard_rows):
    result = build_streaming(synthetic, tmp_path / "stream", batch_rows=batch_rows, shard_rows=shard_rows)
    assert result.streamed and result.rows["sentences"] == 5 * 42
    expected = in_memory(synthetic, tmp_path / "memory", shard_rows)
    assert sum(k.startswith("sentences/") for k in expected) > 1
    assert tree_digest(tmp_path / "stream") == expected
    verify_release(tmp_path / "stream")


def test_worker_processes_write_the_same_files(synthetic, tmp_path):
    result = build_streaming(synthetic, tmp_path / "stream", batch_rows=50, shard_rows=100, workers=2)
    assert result.rows["sentences"] == 5 * 42
    assert set(result.worker_seconds) == {"load + JSON Schema", "invariants", "join + encode"}
    assert tree_digest(tmp_path / "stream") == in_memory(synthetic, tmp_path / "memory", 100)


def test_a_fault_in_a_worker_arrives_located(tmp_path):
    """The error crosses the process boundary with its file, record and field; nothing is written."""
    root = write_corpus(ROOT / "annotations" / "documents" / DOC, tmp_path / "broken", 4)
    labels = root / "documents" / "synth-000003" / "gold" / "sentence_labels.jsonl"
    labels.write_text(labels.read_text().replace('"hedge_level": "attributed"', '"hedge_level": "maybe"', 1))
    with pytest.raises(CorpusError) as caught:
        build_streaming(root, tmp_path / "out", batch_rows=42, workers=2)
    assert caught.value.file == str(labels) and caught.value.field == "hedge_level"
    assert caught.value.record.startswith("line ") and caught.value.found == "maybe"
    assert not (tmp_path / "out").exists()


def test_a_worker_that_dies_stops_the_build_with_a_clear_error(synthetic):
    from claimcorpus.build.batch_join import joined_batches, plan_batches
    from claimcorpus.build.stream_build import document_folders

    from .worker_jobs import die

    folders = document_folders(synthetic)
    with pytest.raises(RuntimeError, match=r"a batch worker process died .*--workers 1"):
        list(joined_batches(plan_batches(folders, 42), [f.name for f in folders], workers=2, job=die))


def test_ids_that_cannot_stream_fall_back_to_the_in_memory_build(tmp_path):
    """``x-a-s000`` sorts before ``x-s000``: the batches would not concatenate in id order."""
    template = load_template(ROOT / "annotations" / "documents" / DOC)
    root, rng = tmp_path / "annotations", random.Random(0)
    for doc_id in ("x", "x-a"):
        write_clone(template, root / "documents" / doc_id, doc_id, letter_table(rng))
    result = build_streaming(root, tmp_path / "stream", batch_rows=1, shard_rows=50)
    assert not result.streamed
    assert tree_digest(tmp_path / "stream") == in_memory(root, tmp_path / "memory", 50)


def test_streamable():
    assert streamable(["a", "a0", "b", "b-"]) is False
    assert streamable(["a", "a0", "ab", "b"])
    assert not streamable(["a", "a-b"]) and not streamable(["b", "a"]) and not streamable([])


def test_a_fault_leaves_the_release_untouched(synthetic, tmp_path):
    out = tmp_path / "stream"
    build_streaming(synthetic, out, batch_rows=50, shard_rows=100)
    before = tree_digest(out)
    broken = tmp_path / "broken"
    write_corpus(ROOT / "annotations" / "documents" / DOC, broken, 3)
    sentences = broken / "documents" / "synth-000002" / "sentences.jsonl"
    sentences.write_text(sentences.read_text().replace('"index": 3,', '"index": 4,', 1))
    with pytest.raises(CorpusError):
        build_streaming(broken, out, batch_rows=50, shard_rows=100)
    assert tree_digest(out) == before


def test_pandera_errors_of_a_batch_name_the_global_row():
    import pyarrow as pa
    import pyarrow.parquet as pq

    from claimcorpus.schema.pandera_checks import validate_table

    table = pq.read_table(ROOT / "dataset" / "documents" / "test-00000-of-00001.parquet")
    index = table.schema.get_field_index("n_sentences")
    bad = table.set_column(index, table.schema.field(index), pa.array([0], pa.int32()))
    with pytest.raises(CorpusError, match=rf"row 7 \({DOC}\)"):
        validate_table("documents", bad, "<documents table>", row_offset=7)
    with pytest.raises(CorpusError, match=rf"row 0 \({DOC}\)"):
        validate_table("documents", bad, "<documents table>")


def test_cli_build_streams_above_the_bound_and_writes_the_same_release(project, monkeypatch, capsys):
    """Card, figures and Croissant come from the tables read back from the shards: the same files."""
    from claimcorpus.build import release_build
    from claimcorpus.cli import main

    calls = []
    monkeypatch.setattr(release_build, "STREAM_ABOVE", 41)
    monkeypatch.setattr(release_build, "build_streaming", lambda *a, **k: calls.append(k) or build_streaming(*a, **k))
    assert main(["--root", str(project), "build", "--workers", "1"]) == 0
    assert len(calls) == 1 and calls[0]["workers"] == 1
    assert tree_digest(project / "dataset") == tree_digest(ROOT / "dataset")
    for card in ("README.md", "dataset_card.md"):
        assert (project / card).read_bytes() == (ROOT / card).read_bytes()
    assert "42 sentences" in capsys.readouterr().out
