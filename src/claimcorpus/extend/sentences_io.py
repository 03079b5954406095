"""Writing sentence-boundary proposals for review."""

from __future__ import annotations

from pathlib import Path

from ..corpus.document import load_document
from ..corpus.jsonl import dump_jsonl
from ..paths import PROPOSAL_NAME
from .segment import propose


def proposal_records(doc_id: str, text: str) -> list[dict]:
    """pysbd proposals; suspected fragments are merged into the previous sentence and flagged."""
    out: list[dict] = []
    for prop in propose(text):
        if prop.fragment and out and out[-1]["paragraph"] == prop.paragraph:
            out[-1]["end"] = prop.end
            out[-1]["review"] = f"to review: fragment {text[prop.start:prop.end]!r} merged into this sentence"
            continue
        out.append({"start": prop.start, "end": prop.end, "paragraph": prop.paragraph,
                    "review": "to review: pysbd boundary"})
    return [{"sentence_id": f"{doc_id}-s{i:03d}", "index": i, "paragraph": r["paragraph"],
             "start": r["start"], "end": r["end"], "text": text[r["start"]:r["end"]], "review": r["review"]}
            for i, r in enumerate(out)]


def write_proposal(doc_folder: Path) -> Path:
    doc = load_document(doc_folder)
    path = doc_folder / PROPOSAL_NAME
    dump_jsonl(proposal_records(doc.doc_id, doc.text), path)
    return path
