"""A release above the row threshold is sharded; every reader sees the same rows as unsharded."""

from __future__ import annotations

import json

import duckdb
import pytest

from claimcorpus.build.chain import write_tables
from claimcorpus.build.release_build import seal
from claimcorpus.build.step_clock import StepClock
from claimcorpus.perf.synthetic import write_corpus
from claimcorpus.publish.card import front_matter
from claimcorpus.publish.croissant import croissant_jsonld
from claimcorpus.release.release import read_tables
from claimcorpus.release.shards import shard_files
from claimcorpus.schema.features import CONFIGS
from claimcorpus.validate.verify import verify_release

from .conftest import DOC, ROOT


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    """The same synthetic tables released unsharded and with 100 rows per shard."""
    root = write_corpus(ROOT / "annotations" / "documents" / DOC, tmp_path_factory.mktemp("synth"), 3)
    out = tmp_path_factory.mktemp("releases")
    for name, shard_rows in (("single", 250_000), ("sharded", 100)):
        written = write_tables(root, out / name, shard_rows=shard_rows)
        tables = read_tables(out / name)
        (out / name / "README.md").write_text(front_matter(tables, "", with_info=False), encoding="utf-8")
        seal(out / name, written.files, root, StepClock())
    return out / "single", out / "sharded", tables


def test_shard_names_are_deterministic_and_manifest_lists_them(releases):
    _, sharded, tables = releases
    names = [p.name for p in shard_files(sharded, "claims")]
    count = -(-tables["claims"].num_rows // 100)
    assert names == [f"test-{i:05d}-of-{count:05d}.parquet" for i in range(count)]
    manifest = json.loads((sharded / "manifest.json").read_text())
    assert manifest["configs"]["claims"] == [f"claims/{n}" for n in names]
    assert manifest["configs"]["documents"] == "documents/test-00000-of-00001.parquet"
    rows = {e["path"]: e["rows"] for e in manifest["files"]}
    assert sum(rows[f"claims/{n}"] for n in names) == tables["claims"].num_rows


def test_verify_and_read_back_equal(releases):
    single, sharded, tables = releases
    verify_release(sharded)
    for config, table in read_tables(sharded).items():
        assert table.equals(tables[config]) and table.equals(read_tables(single)[config])


def test_load_dataset_and_duckdb_read_all_shards(releases, tmp_path):
    import datasets

    single, sharded, _ = releases
    for config in ("sentences", "claims"):
        one = datasets.load_dataset(str(single), config, split="test", cache_dir=str(tmp_path / "a"))
        many = datasets.load_dataset(str(sharded), config, split="test", cache_dir=str(tmp_path / "b"))
        assert many.features == one.features == CONFIGS[config]
        assert many.to_list() == one.to_list()
        query = f"SELECT * FROM read_parquet('{{}}/{config}/test-*.parquet') ORDER BY 1"
        assert (duckdb.sql(query.format(sharded)).fetchall() == duckdb.sql(query.format(single)).fetchall())


def test_streaming_reads_the_shards_in_order(releases, tmp_path):
    import datasets

    _, sharded, tables = releases
    stream = datasets.load_dataset(str(sharded), "sentences", split="test", streaming=True)
    assert [row["sentence_id"] for row in stream] == tables["sentences"].column("sentence_id").to_pylist()


def test_croissant_describes_sharded_configs_as_file_sets(releases):
    _, sharded, tables = releases
    doc = croissant_jsonld(sharded, tables)
    kinds = {d["@id"]: d["@type"] for d in doc["distribution"]}
    assert kinds["claims-parquet"] == "cr:FileSet" and kinds["documents-parquet"] == "cr:FileObject"
    claims = next(rs for rs in doc["recordSet"] if rs["@id"] == "claims")
    assert all("fileSet" in f["source"] for f in claims["field"] if "source" in f)
