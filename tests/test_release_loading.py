"""The release loads the same with datasets (both paths), pandas, polars, DuckDB and pyarrow."""

from __future__ import annotations

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from claimcorpus.release.release import data_path
from claimcorpus.schema.features import CONFIGS

from .conftest import ROOT


@pytest.fixture
def offline(tmp_path, monkeypatch):
    """Offline mode and a fresh cache folder, so nothing stale or remote is used."""
    import datasets

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True, raising=False)
    return str(tmp_path / "hf-cache")


def manifest_rows(config: str) -> int:
    import json

    manifest = json.loads((ROOT / "dataset" / "manifest.json").read_text())
    return next(e["rows"] for e in manifest["files"] if e["path"] == data_path(config))


@pytest.mark.parametrize("config", list(CONFIGS))
def test_load_dataset_both_paths_agree(offline, config):
    import datasets

    from_root = datasets.load_dataset(str(ROOT), config, cache_dir=offline)
    from_release = datasets.load_dataset(str(ROOT / "dataset"), config, cache_dir=offline + "-release")
    assert list(from_root) == list(from_release) == ["test"]
    assert from_root["test"].features == from_release["test"].features == CONFIGS[config]
    assert from_root["test"].num_rows == from_release["test"].num_rows == manifest_rows(config)
    assert from_root["test"].to_list() == from_release["test"].to_list()


def test_default_config_is_sentences_with_class_label_names(offline):
    import datasets

    ds = datasets.load_dataset(str(ROOT), cache_dir=offline)["test"]
    assert ds.features["claim_type"].names == list(CONFIGS["sentences"]["claim_type"].names)
    assert ds.features["sources"].feature["source_type"].names[0] == "author"
    assert ds.num_rows == manifest_rows("sentences")


@pytest.mark.parametrize("config", list(CONFIGS))
def test_other_readers_agree(config):
    path = ROOT / "dataset" / data_path(config)
    expected = manifest_rows(config)
    assert pq.read_table(path).num_rows == expected
    assert len(pd.read_parquet(path)) == expected
    assert pl.read_parquet(path).height == expected
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchall()[0][0] == expected


def test_label_names_survive_in_parquet_metadata():
    import datasets

    schema = pq.read_schema(ROOT / "dataset" / data_path("claims"))
    features = datasets.Features.from_arrow_schema(schema)
    assert features["verification_status"].names == [
        "supported", "refuted", "conflicting", "unverified", "not_checkable"]
    label = duckdb.sql(
        f"SELECT verification_status FROM read_parquet('{ROOT / 'dataset' / data_path('claims')}') LIMIT 1"
    ).fetchall()[0][0]
    assert 0 <= label < len(features["verification_status"].names)
