"""The one build chain: batches, shards and worker processes change nothing in the files written."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest

from claimcorpus.build import batch_rows, chain
from claimcorpus.build.chain import write_tables
from claimcorpus.build.plan import plan_batches, streamable
from claimcorpus.build.release_build import seal
from claimcorpus.build.runners import run_pool
from claimcorpus.build.step_clock import StepClock
from claimcorpus.cli import main
from claimcorpus.errors import CorpusError, WorkerDied
from claimcorpus.perf.synthetic import letter_table, load_template, write_clone, write_corpus
from claimcorpus.release.publish import STAGING_NAME
from claimcorpus.schema.features import table_schemas
from claimcorpus.validate.verify import verify_release

from .conftest import DOC, ROOT, tree_digest


def built(root, out, **options):
    """Tables written by the chain, sealed with a manifest; the tree digest."""
    written = write_tables(root, out, **options)
    seal(out, written.files, root, StepClock())
    return written, tree_digest(out)


def one_batch(root, out, shard_rows):
    return built(root, out, batch_rows=10**9, shard_rows=shard_rows)[1]


def parquet_digest(folder):
    return {k: v for k, v in tree_digest(folder).items() if k.endswith(".parquet")}


def test_real_corpus_gives_the_released_parquet_files(project, tmp_path):
    written, _ = built(project / "annotations", tmp_path / "out")
    assert written.batches == 1 and written.rows["sentences"] == 42
    assert parquet_digest(tmp_path / "out") == parquet_digest(ROOT / "dataset")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    return write_corpus(ROOT / "annotations" / "documents" / DOC, tmp_path_factory.mktemp("synth"), 5)


@pytest.mark.parametrize(("batch_rows", "shard_rows"), [(50, 100), (1, 42), (1000, 64)])
def test_several_batches_and_shards_match_one_batch(synthetic, tmp_path, batch_rows, shard_rows):
    written, digest = built(synthetic, tmp_path / "batched", batch_rows=batch_rows, shard_rows=shard_rows)
    assert written.rows["sentences"] == 5 * 42
    assert written.batches == len(plan_batches(synthetic, table_schemas(), batch_rows))
    expected = one_batch(synthetic, tmp_path / "one", shard_rows)
    assert sum(k.startswith("sentences/") for k in expected) > 1
    assert digest == expected
    verify_release(tmp_path / "batched")


@pytest.mark.parametrize("part_rows", [1, 50])
def test_batches_encoded_in_parts_match_one_batch(synthetic, tmp_path, monkeypatch, part_rows):
    """A worker encodes its rows every ``PART_ROWS`` sentences; the parts concatenate to the same tables."""
    monkeypatch.setattr(batch_rows, "PART_ROWS", part_rows)
    written, digest = built(synthetic, tmp_path / "parts", batch_rows=130, shard_rows=100)
    assert written.batches == 2 and written.rows["sentences"] == 5 * 42
    assert digest == one_batch(synthetic, tmp_path / "one", 100)


def test_worker_processes_write_the_same_files(synthetic, tmp_path, handed_over):
    received = handed_over
    clock = StepClock()
    written, digest = built(synthetic, tmp_path / "pool", batch_rows=50, shard_rows=100, workers=2, clock=clock)
    assert len(received) == written.batches  # every batch came over as files
    assert written.batches > 1 and written.rows["sentences"] == 5 * 42
    assert {"load + JSON Schema", "invariants", "join + encode", "pandera"} <= set(clock.seconds)
    assert digest == one_batch(synthetic, tmp_path / "one", 100)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one", "pool"]  # the batch files' folder is gone


def test_a_batch_handed_over_as_files_reads_back_as_written_and_is_deleted(synthetic, tmp_path):
    from claimcorpus.build.handoff import join_to_files, read_back
    from claimcorpus.build.steps import join_batch

    batch = plan_batches(synthetic, table_schemas(), 100)[1]
    sent = join_to_files(batch, str(tmp_path))
    assert sorted(sent.files) == ["annotator_labels", "claims", "documents", "evidence", "sentences"]
    assert all(Path(path).parent == tmp_path for path in sent.files.values())
    received = read_back(sent)
    assert list(tmp_path.iterdir()) == []
    direct = join_batch(batch).tables
    for config, table in direct.items():
        assert received.tables[config].schema == table.schema
        assert received.tables[config].equals(table)
        chunks = [[len(c) for c in t.column(0).chunks if len(c)] for t in (received.tables[config], table)]
        assert chunks[0] == chunks[1]  # the same chunks (an empty table may come back with none)


def test_a_fault_in_a_worker_arrives_located(tmp_path):
    """The error crosses the process boundary with its file, record and field; nothing is written."""
    root = write_corpus(ROOT / "annotations" / "documents" / DOC, tmp_path / "broken", 4)
    labels = root / "documents" / "synth-000003" / "gold" / "sentence_labels.jsonl"
    labels.write_text(labels.read_text().replace('"hedge_level": "attributed"', '"hedge_level": "maybe"', 1))
    with pytest.raises(CorpusError) as caught:
        write_tables(root, tmp_path / "out", batch_rows=42, workers=2)
    assert caught.value.file == str(labels) and caught.value.field == "hedge_level"
    assert caught.value.record.startswith("line ") and caught.value.found == "maybe"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken"]  # no batch files left beside the output


def test_a_worker_that_dies_stops_the_run_with_a_clear_error():
    from .worker_jobs import die

    with pytest.raises(WorkerDied, match=r"a worker process died .*--workers 1"):
        list(run_pool(die, range(3), workers=2))


def test_workers_and_the_build_allocate_arrow_memory_from_the_system_pool(monkeypatch):
    import pyarrow as pa

    from claimcorpus.build.memory_pool import POOL_VARIABLE, system_pool

    from .worker_jobs import arrow_pool, arrow_pool_variable

    monkeypatch.delenv(POOL_VARIABLE, raising=False)
    assert list(run_pool(arrow_pool, range(2), workers=2)) == ["system", "system"]
    assert list(run_pool(arrow_pool_variable, range(2), workers=2)) == ["system", "system"]
    assert POOL_VARIABLE not in os.environ  # set in the workers, not here
    caller_pool = next(non_system_pools(), None)
    if caller_pool is None:
        pytest.skip("this pyarrow has only the system pool")
    previous = pa.default_memory_pool()
    pa.set_memory_pool(caller_pool)
    try:
        with system_pool():
            assert pa.default_memory_pool().backend_name == "system" and os.environ[POOL_VARIABLE] == "system"
        # a library call leaves the caller's pool and environment as they were
        assert pa.default_memory_pool().backend_name == caller_pool.backend_name != "system"
        assert POOL_VARIABLE not in os.environ
    finally:
        pa.set_memory_pool(previous)


def non_system_pools():
    import pyarrow as pa

    for make_pool in (pa.mimalloc_memory_pool, pa.jemalloc_memory_pool):
        try:
            yield make_pool()
        except NotImplementedError:
            continue


def test_a_pool_the_user_names_is_kept_in_the_workers(monkeypatch):

    from .worker_jobs import arrow_pool

    pool = next(non_system_pools(), None)
    if pool is None:
        pytest.skip("this pyarrow has only the system pool")
    backend = pool.backend_name
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", backend)
    assert list(run_pool(arrow_pool, range(2), workers=2)) == [backend, backend]


def test_cli_build_on_a_full_disk_is_one_line_exit_1_and_keeps_the_release(project, capsys, monkeypatch):
    import errno

    from claimcorpus.release import shard_writer

    def full_disk(self, table):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.folder / "sentences"))

    monkeypatch.setattr(shard_writer.ShardWriter, "append", full_disk)
    before = {name: tree_digest(project / name) for name in ("dataset", "annotations")}
    cards = {card: (project / card).read_bytes() for card in ("README.md", "dataset_card.md")}
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"error: {os.strerror(errno.ENOSPC)}: ") and err.rstrip().endswith("sentences")
    assert {name: tree_digest(project / name) for name in before} == before
    assert {card: (project / card).read_bytes() for card in cards} == cards
    assert not (project / STAGING_NAME).exists()  # the failed build's stage is gone


@pytest.mark.parametrize(("error", "line"), [
    (OSError(13, "Permission denied", "/r/dataset"), "Permission denied: /r/dataset"),
    (OSError(18, "Invalid cross-device link", "/a", None, "/b"), "Invalid cross-device link: /a -> /b"),
    (OSError("syncfs failed"), "syncfs failed"),
])
def test_a_system_failure_is_described_in_one_line(error, line):
    from claimcorpus.cli import system_failure

    assert system_failure(error) == line


def test_cli_build_whose_worker_dies_is_one_line_exit_1_and_keeps_the_release(project, capsys, monkeypatch):
    from .worker_jobs import die

    monkeypatch.setattr(chain, "runner_for", lambda workers, items, scheduler: lambda job, work:
                        run_pool(die, work, workers=2))
    before = {name: tree_digest(project / name) for name in ("dataset", "annotations")}
    cards = {card: (project / card).read_bytes() for card in ("README.md", "dataset_card.md")}
    assert main(["--root", str(project), "build", "--workers", "2"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: a worker process died") and "Traceback" not in err
    assert {name: tree_digest(project / name) for name in before} == before
    assert {card: (project / card).read_bytes() for card in cards} == cards


def test_ids_that_cannot_stream_are_built_as_one_batch(tmp_path):
    """``x-a-s000`` sorts before ``x-s000``: the batches would not concatenate in id order."""
    template = load_template(ROOT / "annotations" / "documents" / DOC)
    root, rng = tmp_path / "annotations", random.Random(0)
    for doc_id in ("x", "x-a"):
        write_clone(template, root / "documents" / doc_id, doc_id, letter_table(rng))
    assert len(plan_batches(root, table_schemas(), 1)) == 1
    written, digest = built(root, tmp_path / "out", batch_rows=1, shard_rows=50)
    assert written.batches == 1 and digest == one_batch(root, tmp_path / "one", 50)


def test_streamable():
    assert streamable(["a", "a0", "b", "b-"]) is False
    assert streamable(["a", "a0", "ab", "b"])
    assert not streamable(["a", "a-b"]) and not streamable(["b", "a"]) and not streamable([])


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


def test_cli_build_in_batches_writes_the_same_release(project, capsys):
    """Card, figures and Croissant come from the tables read back from the shards: the same files."""
    from claimcorpus.cli import main

    assert main(["--root", str(project), "build", "--workers", "1", "--batch-rows", "5"]) == 0
    assert tree_digest(project / "dataset") == tree_digest(ROOT / "dataset")
    for card in ("README.md", "dataset_card.md"):
        assert (project / card).read_bytes() == (ROOT / card).read_bytes()
    assert "42 sentences" in capsys.readouterr().out


def test_progress_is_drawn_on_a_terminal_only(monkeypatch, capsys):
    import io

    from claimcorpus.build.plan import Batch
    from claimcorpus.build.progress import progress_bar

    batches = [Batch((ROOT,), 10, {}), Batch((ROOT, ROOT), 20, {})]
    with progress_bar(batches) as bar:
        assert bar.bar is None
        bar.advance(batches[0])
    assert capsys.readouterr().err == ""

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with progress_bar(batches) as bar:
        for batch in batches:
            bar.advance(batch)
    drawn = terminal.getvalue()
    assert "100%" in drawn and "documents 3/3" in drawn and "sentences/s" in drawn and "<00:00" in drawn


def test_scratch_folders_of_killed_builds_are_removed_by_the_next_build(synthetic, tmp_path):
    """A build killed outright leaves its batch files' folder; the next build on this machine beside the same output
    removes it, and leaves alone those of running processes, of other machines or PID namespaces (containers) and of
    other outputs."""
    from claimcorpus.build.handoff import pid_namespace, scratch_prefix, this_host, this_machine

    assert pid_namespace().startswith("ns") or sys.platform != "linux"

    out, gone_pid = tmp_path / "pool", 2**22 + 1  # above any pid Linux hands out
    gone = tmp_path / f"{scratch_prefix(out, gone_pid)}abcd_123"
    other_output = tmp_path / f"pool-batches-{this_machine()}-{gone_pid}"  # its folders' names start like a pid's
    kept = [tmp_path / f"{scratch_prefix(out, os.getpid())}abcd_123",  # a running build's
            tmp_path / f".pool-batches-elsewhere-{gone_pid}-abcd_123",  # made on another machine
            tmp_path / f".pool-batches-{this_host()}+ns1-{gone_pid}-abcd_123",  # in another container of this one
            tmp_path / f"{scratch_prefix(out)}\u00b2-abcd_123",  # not a pid
            tmp_path / f"{scratch_prefix(other_output, os.getpid())}abcd_123",  # another output's, running
            tmp_path / f"{scratch_prefix(out, gone_pid)}abcd_1234"]  # not a name made here
    for folder in (gone, *kept):
        (folder / "sentences-1.arrow").parent.mkdir()
        (folder / "sentences-1.arrow").write_bytes(b"left")
    built(synthetic, out, batch_rows=50, shard_rows=100, workers=2)
    assert not gone.exists()
    assert [folder.is_dir() for folder in kept] == [True] * len(kept)
