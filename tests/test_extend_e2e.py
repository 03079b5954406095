"""Extending the corpus through the CLI alone: add a document, annotate it twice, adjudicate, build, load."""

from __future__ import annotations

import json
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from claimcorpus.corpus.jsonl import read_jsonl
from claimcorpus.schema.labels import HEDGE_RANK

from .conftest import DOC
from .extend_synthetic import DOC_ID, PASS_X, PASS_Y, TEXT, cli, new_document, write_pass

BELIEVE = TEXT.partition("\n")[2].index("believe")  # body offset of the cue only one pass marked
DECISIONS = [
    {"layer": "sentence_labels", "item": f"{DOC_ID}-s001", "field": "claim_type", "gold": "prediction",
     "reason": "the repairs have not happened yet: a forecast of duration (scheme rule 2)"},
    {"layer": "hedge_cues", "item": f"{DOC_ID}-s002 {BELIEVE}-{BELIEVE + 7} 'believe'", "field": "presence",
     "gold": True,
     "reason": "'believe' is a doxastic cue held by the residents (scheme section 4)"},
]


def add_and_annotate(project: Path, tmp_path: Path) -> Path:
    doc_folder = new_document(project, tmp_path)
    write_pass(doc_folder, "ann-x", PASS_X, with_believe_cue=True)
    write_pass(doc_folder, "ann-y", PASS_Y, with_believe_cue=False)
    for name in ("ann-x", "ann-y"):
        assert cli(project, "check-annotations", doc_folder / "annotators" / name) == 0
    return doc_folder


def expected_figures(doc_folder: Path, field: str, level: str) -> tuple[float, float]:
    """Kappa (scikit-learn) and alpha (krippendorff) computed straight from the two passes' files."""
    a, b = ([rec[field] for _, rec in read_jsonl(doc_folder / "annotators" / n / "sentence_labels.jsonl")]
            for n in ("ann-x", "ann-y"))
    index = HEDGE_RANK if level == "ordinal" else {v: i for i, v in enumerate(sorted(set(a + b), key=str))}
    data = np.array([[index[v] for v in a], [index[v] for v in b]], dtype=float)
    kappa = cohen_kappa_score([str(v) for v in a], [str(v) for v in b])
    return round(float(kappa), 4), round(float(krippendorff.alpha(reliability_data=data,
                                                                 level_of_measurement=level)), 4)


def test_extend_through_the_cli(project, tmp_path, capsys, monkeypatch):
    doc_folder = add_and_annotate(project, tmp_path)
    capsys.readouterr()
    assert cli(project, "agreement") == 0
    report = json.loads(capsys.readouterr().out)[DOC_ID]
    for field, level in (("claim_type", "nominal"), ("hedge_level", "ordinal")):
        kappa, alpha = expected_figures(doc_folder, field, level)
        assert report["sentence_labels"][field]["pairs"]["ann-x~ann-y"]["kappa"] == kappa
        assert report["sentence_labels"][field]["alpha"] == alpha
    assert cli(project, "agreement", "--update") == 0

    assert cli(project, "adjudicate", doc_folder, "--base", "ann-x") == 2
    assert not (doc_folder / "gold").exists()
    (doc_folder / "decisions.jsonl").write_text("".join(json.dumps(d) + "\n" for d in DECISIONS))
    assert cli(project, "adjudicate", doc_folder, "--base", "ann-x") == 0
    provenance = [rec for _, rec in read_jsonl(doc_folder / "gold" / "adjudication.jsonl")]
    assert {r["reason"] for r in provenance} >= {d["reason"] for d in DECISIONS}

    assert cli(project, "build") == 0
    assert cli(project, "validate") == 0
    loaded = load_release(project, tmp_path, monkeypatch)
    assert set(loaded["documents"]["doc_id"]) == {DOC, DOC_ID}
    rows = {r["sentence_id"]: r for r in loaded["sentences"] if r["doc_id"] == DOC_ID}
    assert len(rows) == 5 and rows[f"{DOC_ID}-s001"]["claim_type"] == 4  # prediction
    assert rows[f"{DOC_ID}-s004"]["claim_type"] == 0 and rows[f"{DOC_ID}-s000"]["verification_status"] is None
    claims = [c for c in loaded["claims"] if c["doc_id"] == DOC_ID]
    assert len(claims) == 4 and all(c["verification_status"] is None for c in claims)


def load_release(project: Path, tmp_path: Path, monkeypatch) -> dict:
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True, raising=False)
    return {config: datasets.load_dataset(str(project), config, cache_dir=str(tmp_path / "hf"))["test"]
            for config in ("sentences", "claims", "documents")}
