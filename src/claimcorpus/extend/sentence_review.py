"""Accepting reviewed sentence proposals: ``sentences.proposed.jsonl`` -> ``sentences.jsonl``.

Reviewers edit the proposal file (move boundaries, merge or split lines,
reword ``review``). Acceptance renumbers ids and indices by line order,
marks open reviews as accepted, runs the sentence invariants and writes
``sentences.jsonl`` atomically.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..corpus.annotations import SENTENCES_NAME, Records, load_records
from ..corpus.document import load_document
from ..corpus.jsonl import dump_jsonl
from ..errors import CorpusError
from ..paths import ANNOTATORS, GOLD
from .sentences_io import PROPOSAL_NAME
from .staging import check_sentence_records

OPEN_REVIEW = "to review: "


def accepted(doc_id: str, pos: int, rec: dict) -> dict:
    """``rec`` renumbered to position ``pos``, an open review marked as accepted."""
    review = rec["review"]
    if review.startswith(OPEN_REVIEW):
        review = "accepted: " + review[len(OPEN_REVIEW):] + " (claimcorpus accept-sentences)"
    return {**rec, "sentence_id": f"{doc_id}-s{pos:03d}", "index": pos, "review": review}


def refuse_annotated(doc_folder: Path, force: bool) -> None:
    """Existing boundaries are replaced only with ``force`` and only before any annotation."""
    target = doc_folder / SENTENCES_NAME
    if not target.exists():
        return
    if not force:
        raise CorpusError(target, "(file)", "(file)", "no sentences.jsonl yet (pass --force to replace it)",
                          "file exists")
    for folder in (doc_folder / GOLD, doc_folder / ANNOTATORS):
        if folder.exists():
            raise CorpusError(folder, "(folder)", "(folder)",
                              "no annotation layers (they point into the current boundaries)", "folder exists")


def accept_sentences(doc_folder: Path, force: bool = False) -> Path:
    """Validate the reviewed proposal and make it the document's ``sentences.jsonl``."""
    proposal = doc_folder / PROPOSAL_NAME
    if not proposal.is_file():
        raise CorpusError(proposal, "(file)", "(file)", "a proposal (claimcorpus propose-sentences)", "no file")
    refuse_annotated(doc_folder, force)
    doc_id = load_document(doc_folder).doc_id
    records = load_records(proposal, "sentences")
    records = Records(proposal, [(line, accepted(doc_id, pos, rec)) for pos, (line, rec) in enumerate(records.rows)])
    check_sentence_records(doc_folder, records)
    tmp = doc_folder / f".{SENTENCES_NAME}.tmp"
    dump_jsonl(records.records(), tmp)
    os.replace(tmp, doc_folder / SENTENCES_NAME)
    proposal.unlink()
    return doc_folder / SENTENCES_NAME
