"""The column-wise label encoder gives exactly what datasets' Features.encode_example gives."""

from __future__ import annotations

import pyarrow as pa
import pytest

from claimcorpus.build.annotator_labels import annotator_label_rows
from claimcorpus.build.rows import release_rows
from claimcorpus.build.tables import to_table
from claimcorpus.corpus.corpus import load_corpus
from claimcorpus.schema.features import CONFIGS, ID_COLUMNS, table_schemas

from .conftest import ROOT


@pytest.fixture(scope="module")
def rows():
    out = release_rows(load_corpus(ROOT / "annotations"))
    out["annotator_labels"] = annotator_label_rows(ROOT / "annotations")
    return out


def reference(config: str, rows: list[dict]) -> pa.Table:
    features = CONFIGS[config]
    ordered = sorted(rows, key=lambda r: r[ID_COLUMNS[config]])
    return pa.Table.from_pylist([features.encode_example(r) for r in ordered], schema=features.arrow_schema)


@pytest.mark.parametrize("config", list(CONFIGS))
def test_equal_to_encode_example(rows, config):
    table = to_table(config, rows[config], table_schemas()[config])
    expected = reference(config, rows[config])
    assert table.equals(expected) and table.schema.metadata == expected.schema.metadata


def test_nulls_and_empty_lists_are_kept(rows):
    sample = [dict(r) for r in rows["sentences"][:3]]
    sample[0].update(claim_type=None, hedge_cues=[], sources=None, is_claim=None)
    assert to_table("sentences", sample, table_schemas()["sentences"]).equals(reference("sentences", sample))


def test_unknown_label_is_an_error(rows):
    sample = [dict(r) for r in rows["sentences"][:2]]
    sample[1]["claim_type"] = "rumour"
    with pytest.raises(ValueError, match="rumour"):
        to_table("sentences", sample, table_schemas()["sentences"])
