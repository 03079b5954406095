"""The release loads the same with datasets (both paths), pandas, polars, DuckDB and pyarrow."""

from __future__ import annotations

import os

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from claimcorpus.features import CONFIGS
from claimcorpus.release import data_path

from .conftest import ROOT


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    cache = tmp_path_factory.mktemp("hf-cache")
    saved = {k: os.environ.get(k) for k in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "HF_DATASETS_CACHE")}
    os.environ.update({"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "HF_DATASETS_CACHE": str(cache)})
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def manifest_rows(config: str) -> int:
    import json

    manifest = json.loads((ROOT / "dataset" / "manifest.json").read_text())
    return next(e["rows"] for e in manifest["files"] if e["path"] == data_path(config))


@pytest.mark.parametrize("config", list(CONFIGS))
def test_load_dataset_both_paths_agree(offline, config):
    import datasets

    from_root = datasets.load_dataset(str(ROOT), config)
    from_release = datasets.load_dataset(str(ROOT / "dataset"), config)
    assert list(from_root) == list(from_release) == ["test"]
    assert from_root["test"].features == from_release["test"].features == CONFIGS[config]
    assert from_root["test"].num_rows == from_release["test"].num_rows == manifest_rows(config)
    assert from_root["test"].to_list() == from_release["test"].to_list()


def test_default_config_is_sentences_with_class_label_names(offline):
    import datasets

    ds = datasets.load_dataset(str(ROOT))["test"]
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
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0] == expected


def test_label_names_survive_in_parquet_metadata():
    import datasets

    schema = pq.read_schema(ROOT / "dataset" / data_path("claims"))
    features = datasets.Features.from_arrow_schema(schema)
    assert features["verification_status"].names == [
        "supported", "refuted", "conflicting", "unverified", "not_checkable"]
    label = duckdb.sql(
        f"SELECT verification_status FROM read_parquet('{ROOT / 'dataset' / data_path('claims')}') LIMIT 1"
    ).fetchone()[0]
    assert 0 <= label < len(features["verification_status"].names)
