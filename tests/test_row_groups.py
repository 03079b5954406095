"""Shards are written in fixed-size row groups as they fill: same tables, memory bounded by the setting."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from claimcorpus.build.chain import write_tables
from claimcorpus.build.plan import plan_batches
from claimcorpus.build.sink import TableSink
from claimcorpus.build.steps import join_batch
from claimcorpus.cli import main
from claimcorpus.errors import CorpusError
from claimcorpus.perf.synthetic import write_corpus
from claimcorpus.release import shard_writer
from claimcorpus.release.release import read_tables
from claimcorpus.release.row_digest import table_digest
from claimcorpus.release.shard_writer import ShardWriter
from claimcorpus.release.shards import ROW_GROUP_ROWS, shard_files
from claimcorpus.schema.features import table_schemas

from .conftest import DOC, ROOT


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    return write_corpus(ROOT / "annotations" / "documents" / DOC, tmp_path_factory.mktemp("synth"), 5)


def row_groups(path):
    meta = pq.ParquetFile(path).metadata
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


def test_the_committed_release_is_one_row_group_per_file_below_the_default():
    files = sorted((ROOT / "dataset").glob("*/test-*.parquet"))
    assert files and all(len(row_groups(f)) == 1 and row_groups(f)[0] < ROW_GROUP_ROWS for f in files)


def test_a_small_row_group_setting_gives_groups_of_that_size_and_the_same_tables(synthetic, tmp_path):
    write_tables(synthetic, tmp_path / "default", batch_rows=50)
    written = write_tables(synthetic, tmp_path / "small", batch_rows=50, shard_rows=100, row_group_rows=16)
    for config, table in read_tables(tmp_path / "default").items():
        shards = shard_files(tmp_path / "small", config)
        assert len(shards) == max(1, -(-table.num_rows // 100))
        for shard in shards:
            rows = written.files[f"{config}/{shard.name}"]
            full, rest = divmod(rows, 16)
            assert row_groups(shard) == [16] * full + ([rest] if rest or not rows else [])
        assert read_tables(tmp_path / "small")[config].equals(table)
        assert len(row_groups(shard_files(tmp_path / "default", config)[0])) == 1


def test_the_writer_flushes_each_full_row_group_and_holds_less_than_one(tmp_path):
    table = pa.table({"id": [f"r{i:05d}" for i in range(1000)], "n": list(range(1000))})
    writer = ShardWriter("sentences", tmp_path, table.slice(0, 0), shard_rows=400, row_group_rows=10)
    written_groups = []
    for start in range(0, 1000, 7):
        writer.append(table.slice(start, 7))
        assert writer.pending_rows < 10  # what the writer holds, however many rows went through
        assert sum(t.num_rows for t in writer.pending) == writer.pending_rows
        written_groups.append(len(writer.written) * 40 + len(writer.file_groups))
        assert written_groups[-1] == min(start + 7, 1000) // 10  # every full group is already in the file
    files = writer.close()
    assert list(files.values()) == [400, 400, 200]
    for rel in files:
        assert row_groups(tmp_path / rel) == [10] * (files[rel] // 10)
    assert pa.concat_tables(pq.read_table(tmp_path / rel) for rel in sorted(files)).equals(table)


def test_the_sink_holds_at_most_one_row_group_per_config_between_batches(synthetic, tmp_path):
    sink = TableSink(tmp_path / "out", row_group_rows=8)
    for batch in plan_batches(synthetic, table_schemas(), 42):
        sink.append(join_batch(batch).tables)
        assert all(w.pending_rows < 8 for w in sink.writers.values())
    sink.finish()
    assert read_tables(tmp_path / "out")["sentences"].num_rows == 5 * 42


@pytest.mark.parametrize("row_group_rows", [16_384, 2], ids=["one group, compared as kept", "groups by digest"])
def test_a_row_group_that_reads_back_different_is_refused(tmp_path, monkeypatch, row_group_rows):
    table = pa.table({"id": ["a", "b", "c"], "n": [1, 2, 3]})
    read_row_group, group_changed = pq.ParquetFile.read_row_group, 0 if row_group_rows > 3 else 1

    def altered(self, i, *args, **kwargs):
        group = read_row_group(self, i, *args, **kwargs)
        return group.set_column(1, "n", pc.add(group.column(1), 1)) if i == group_changed else group

    monkeypatch.setattr(shard_writer.pq.ParquetFile, "read_row_group", altered)
    with pytest.raises(CorpusError, match="different content on reading back"):
        ShardWriter.write_table("claims", tmp_path, table, row_group_rows=row_group_rows)


def test_the_digest_ignores_layout_and_sees_content():
    schema = pa.schema({"id": pa.string(), "n": pa.int32(),
                        "spans": pa.list_(pa.struct({"start": pa.int32(), "text": pa.string()}))})
    table = pa.Table.from_pylist([{"id": "a", "n": 1, "spans": [{"start": 0, "text": "x"}]},
                                  {"id": "b", "n": None, "spans": []},
                                  {"id": "c", "n": 3, "spans": None},
                                  {"id": "d", "n": 4, "spans": [None, {"start": 2, "text": None}]}], schema)
    middle = table.slice(1, 3)
    fresh = pa.Table.from_pylist(middle.to_pylist(), schema)
    assert table_digest(pa.concat_tables([table.slice(0, 1), middle])) == table_digest(table)
    assert table_digest(middle) == table_digest(fresh)
    changed = fresh.to_pylist()
    changed[2]["spans"][1]["text"] = ""
    assert table_digest(pa.Table.from_pylist(changed, schema)) != table_digest(fresh)
    assert table_digest(table.slice(1, 2)) != table_digest(table.slice(2, 2))


def test_cli_row_group_setting_keeps_the_release_and_refuses_zero(project, capsys):
    assert main(["--root", str(project), "build", "--row-group-rows", "1000"]) == 0
    for rel in (ROOT / "dataset").rglob("*"):
        if rel.is_file():
            assert (project / "dataset" / rel.relative_to(ROOT / "dataset")).read_bytes() == rel.read_bytes()
    capsys.readouterr()
    assert main(["--root", str(project), "build", "--row-group-rows", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--row-group-rows" in err and "positive" in err
