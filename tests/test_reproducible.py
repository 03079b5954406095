"""Builds are byte-identical, and the committed release is what the annotations give."""

from __future__ import annotations

from claimcorpus.cli import main

from .conftest import ROOT, tree_digest


def test_two_builds_are_byte_identical(built):
    first = tree_digest(built / "dataset")
    assert main(["--root", str(built), "build"]) == 0
    assert tree_digest(built / "dataset") == first


def test_committed_release_matches_a_fresh_build(built):
    assert tree_digest(built / "dataset") == tree_digest(ROOT / "dataset")
    assert (built / "dataset_card.md").read_text() == (ROOT / "dataset_card.md").read_text()
    assert (built / "README.md").read_text() == (ROOT / "README.md").read_text()
