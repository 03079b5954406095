"""The annotator_labels config: per-annotator sentence labels with per-sentence agreement."""

from __future__ import annotations

from collections import Counter

import pyarrow.parquet as pq
import pytest

from claimcorpus.corpus.jsonl import read_jsonl
from claimcorpus.release.release import data_path
from claimcorpus.schema.features import ANNOTATOR_LABELS, PASS_FIELDS

from .conftest import DOC, ROOT


def passes() -> dict[str, dict]:
    folder = ROOT / "annotations" / "documents" / DOC / "annotators"
    return {name: {rec["sentence_id"]: rec for _, rec in read_jsonl(folder / name / "sentence_labels.jsonl")}
            for name in ("ann-a", "ann-b")}


def released_rows():
    return pq.read_table(ROOT / "dataset" / data_path("annotator_labels")).to_pylist()


def test_rows_and_agreement_match_the_passes():
    labels = passes()
    rows = released_rows()
    assert len(rows) == sum(len(p) for p in labels.values())
    claim_types = ANNOTATOR_LABELS["claim_type"]
    for row in rows:
        given = [p[row["sentence_id"]] for p in labels.values()]
        assert row["n_annotators"] == 2 and row["annotation_id"] == f"{row['sentence_id']}/{row['annotator']}"
        for field in PASS_FIELDS:
            share = Counter(g[field] for g in given).most_common(1)[0][1] / len(given)
            assert row[f"agreement_{field}"] == pytest.approx(share)
        mine = labels[row["annotator"]][row["sentence_id"]]
        assert row["is_claim"] == mine["is_claim"]
        assert claim_types.int2str(row["claim_type"]) == mine["claim_type"]


def test_users_can_keep_only_unanimous_items():
    rows = released_rows()
    unanimous = {r["sentence_id"] for r in rows if r["agreement_claim_type"] == 1.0}
    disputed = {r["sentence_id"] for r in rows} - unanimous
    assert unanimous and disputed
    for sid in disputed:
        types = {r["claim_type"] for r in rows if r["sentence_id"] == sid}
        assert len(types) == 2
