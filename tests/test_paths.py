"""File and folder names are defined once, in :mod:`claimcorpus.paths`."""

from __future__ import annotations

import json

from claimcorpus import paths
from claimcorpus.publish.figures import FOLDER
from claimcorpus.release.release import data_path
from claimcorpus.schema.json_schema import all_schemas
from claimcorpus.schema.layers import LAYERS, annotator_folder

from .conftest import DOC, ROOT


def test_the_committed_tree_uses_the_names():
    doc = ROOT / paths.ANNOTATIONS / paths.DOCUMENTS / DOC
    for name in (paths.META_NAME, paths.SOURCE_NAME, paths.SENTENCES_NAME, paths.EVIDENCE_NAME,
                 paths.EVIDENCE_SEARCHES_NAME):
        assert (doc / name).is_file(), name
    gold = annotator_folder(doc, paths.GOLD)
    assert all(layer.path(gold).is_file() for layer in LAYERS)
    assert (gold / paths.PROVENANCE_NAME).is_file()
    assert any((doc / paths.ANNOTATORS).iterdir())
    assert (ROOT / paths.ANNOTATIONS / paths.AGREEMENT_NAME).is_file()


def test_the_release_uses_the_names():
    dataset = ROOT / paths.DATASET
    manifest = json.loads((dataset / paths.MANIFEST).read_text())
    listed = {entry["path"] for entry in manifest["files"]}
    assert {paths.README, paths.CROISSANT, f"{FOLDER}/{paths.FIGURES_KEY}"} <= listed
    assert manifest["split"] == paths.SPLIT
    for config, entry in manifest["configs"].items():
        assert entry == data_path(config) == paths.shard_name(config, 0, 1)
        assert sorted((dataset / config).glob(paths.SHARD_GLOB)) == [dataset / entry]
    assert all((ROOT / paths.SCHEMA_DIR / rel).is_file() for rel in all_schemas())
