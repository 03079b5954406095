"""Label names for pandas, polars, Arrow and DuckDB users: every label column of every config, nested ones
included, reads as the names of the `datasets` ClassLabel the release declares, and nothing else changes."""

from __future__ import annotations

import datasets
import duckdb
import pyarrow.parquet as pq
import pytest
from datasets import ClassLabel, List

import claimcorpus
from claimcorpus.schema.features import CONFIGS

from .conftest import ROOT

DATASET = ROOT / "dataset"


def has_label(feature) -> bool:
    """A ``datasets`` feature that is or holds a ``ClassLabel``."""
    if isinstance(feature, ClassLabel):
        return True
    if isinstance(feature, List):
        return has_label(feature.feature)
    return isinstance(feature, dict) and any(has_label(f) for f in feature.values())


def decoded(value, feature):
    """A stored value with every ClassLabel code replaced by its name, as ``datasets`` defines them."""
    if value is None:
        return None
    if isinstance(feature, ClassLabel):
        return feature.int2str(value)
    if isinstance(feature, List):
        return [decoded(v, feature.feature) for v in value]
    if isinstance(feature, dict):
        return {k: decoded(value[k], f) for k, f in feature.items()}
    return value


@pytest.fixture(scope="module")
def hf():
    """Every config as ``datasets`` loads it, with its features."""
    return {c: datasets.load_dataset("parquet", data_files=str(DATASET / c / "*.parquet"), split="train")
            for c in CONFIGS}


def expected_rows(ds) -> list[dict]:
    return [{k: decoded(row[k], ds.features[k]) for k in ds.features} for row in ds.with_format("arrow")
            .data.to_pylist()]


def test_every_config_has_its_label_columns_checked(hf):
    labelled = {c: [k for k, f in hf[c].features.items() if has_label(f)] for c in CONFIGS}
    assert "sources" in labelled["sentences"] and "hedge_cues" in labelled["sentences"]
    assert all(labelled[c] for c in ("sentences", "claims", "evidence", "annotator_labels"))


@pytest.mark.parametrize("config", list(CONFIGS))
def test_arrow_and_polars_hold_the_classlabel_names(hf, config):
    expected = expected_rows(hf[config])
    assert claimcorpus.read_config(config, root=ROOT, engine="arrow").to_pylist() == expected
    assert claimcorpus.read_config(config, root=DATASET, engine="polars").to_dicts() == expected


@pytest.mark.parametrize("config", list(CONFIGS))
def test_pandas_holds_the_classlabel_names_as_ordered_categories(hf, config):
    df = claimcorpus.read_config(config, root=ROOT)
    expected = expected_rows(hf[config])
    for name, feature in hf[config].features.items():
        if isinstance(feature, ClassLabel):
            assert list(df[name].cat.categories) == feature.names
            assert [None if v != v else v for v in df[name].astype(object)] == [r[name] for r in expected]
        elif has_label(feature):
            got = df[name].map(lambda v: None if v is None else list(v)).tolist()
            want = [r[name] for r in expected]
            assert [[{k: it[k] for k in ("source_type", "category") if k in it} for it in g or []] for g in got] \
                == [[{k: it[k] for k in ("source_type", "category") if k in it} for it in w or []] for w in want]


@pytest.mark.parametrize("config", list(CONFIGS))
def test_duckdb_view_holds_the_classlabel_names(hf, config):
    con = duckdb.connect()
    con.execute(claimcorpus.duckdb_view_sql(config, root=ROOT))
    cursor = con.execute(f'SELECT * FROM "{config}"')
    columns = [d[0] for d in cursor.description]
    got = [dict(zip(columns, row)) for row in cursor.fetchall()]
    assert columns == list(hf[config].features)
    assert got == expected_rows(hf[config])


def test_codes_are_the_stored_table_and_the_files_are_untouched():
    path = DATASET / "claims" / "test-00000-of-00001.parquet"
    before = path.read_bytes()
    assert claimcorpus.read_config("claims", labels="codes", root=ROOT, engine="arrow").equals(pq.read_table(path))
    claimcorpus.read_config("claims", root=ROOT)
    duckdb.connect().execute(claimcorpus.duckdb_view_sql("claims", root=ROOT, view="c"))
    assert path.read_bytes() == before


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"name": "../claims"}, "config"), ({"name": "sentences", "labels": "ids"}, "labels"),
    ({"name": "sentences", "engine": "spark"}, "engine")])
def test_bad_arguments_are_corpus_errors(kwargs, field):
    with pytest.raises(claimcorpus.CorpusError) as caught:
        claimcorpus.read_config(root=ROOT, **kwargs)
    assert caught.value.field == field


def test_a_folder_without_the_config_is_a_corpus_error(tmp_path):
    with pytest.raises(claimcorpus.CorpusError, match="missing"):
        claimcorpus.read_config("sentences", root=tmp_path)
    with pytest.raises(claimcorpus.CorpusError, match="missing"):
        claimcorpus.duckdb_view_sql("claims", root=tmp_path)
