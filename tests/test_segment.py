"""Sentence boundary proposals and the reviewed gold boundaries."""

from __future__ import annotations

import json

from claimcorpus.corpus.document import load_document
from claimcorpus.extend.segment import looks_like_fragment, propose
from claimcorpus.extend.sentences_io import proposal_records

from .conftest import DOC, ROOT

FOLDER = ROOT / "annotations" / "documents" / DOC
FRAGMENTS = ["intelligence.", "East.", "responsible.", "at the end of the month.", "pass.", "."]


def gold_sentences():
    return [json.loads(line) for line in (FOLDER / "sentences.jsonl").read_text().splitlines()]


def test_pysbd_splits_off_exactly_the_known_fragments():
    text = load_document(FOLDER).text
    flagged = [text[p.start:p.end] for p in propose(text) if p.fragment]
    assert flagged == FRAGMENTS


def test_gold_boundaries_are_the_reviewed_proposal():
    doc = load_document(FOLDER)
    proposal = proposal_records(doc.doc_id, doc.text)
    gold = gold_sentences()
    strip = lambda recs: [{k: r[k] for k in ("sentence_id", "paragraph", "start", "end")} for r in recs]  # noqa: E731
    assert strip(proposal) == strip(gold)
    merged = [g for g in gold if g["review"].startswith("merged")]
    assert len(merged) == len(FRAGMENTS)


def test_no_fragment_is_a_sentence_of_its_own():
    for sent in gold_sentences():
        assert not looks_like_fragment(sent["text"]), sent["sentence_id"]


def test_fragment_heuristic():
    assert looks_like_fragment("intelligence.") and looks_like_fragment(".") and looks_like_fragment("East.")
    assert not looks_like_fragment("Iran denied it.")
    assert not looks_like_fragment("US officials said Iran carried out the attack.")
