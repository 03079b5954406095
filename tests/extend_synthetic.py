"""A small synthetic, test-only document and two annotator passes over it (written by the tests)."""

from __future__ import annotations

import json
from pathlib import Path

from claimcorpus.cli import main
from claimcorpus.corpus.document import load_document
from claimcorpus.corpus.jsonl import read_jsonl

DOC_ID = "bridge-closure-test"
TEXT = (" date 2024-03-05\n\n"
        "Officials said the bridge was closed on Monday after inspectors found cracks. "
        "The repairs may take three weeks.\n\n"
        "Some residents believe the closure was ordered too late. The city council will meet on Friday.\n\n"
        "By Jane Doe\n")
#: Per sentence: claim type of the main claim (None: not a claim), check-worthy, hedge level, claim phrase.
PASS_X = [("event", True, "attributed", "the bridge was closed on Monday"),
          ("prediction", False, "possible", "The repairs may take three weeks"),
          ("other", False, "probable", "the closure was ordered too late"),
          ("event", True, "certain", "The city council will meet on Friday"),
          (None, False, "certain", None)]
PASS_Y = [PASS_X[0], ("quantity", False, "possible", "The repairs may take three weeks"), *PASS_X[2:]]


def author(sid: str, n: int = 1) -> dict:
    return {"source_id": f"{sid}-src{n}", "entity": "author", "mention": None, "cue": None, "source_type": "author",
            "affiliation": "media", "countries": [], "count": None, "attitude": "assertion", "location": "author",
            "parent": None}


def span(body: str, phrase: str, start: int) -> dict:
    pos = body.index(phrase, start)
    return {"start": pos, "end": pos + len(phrase), "text": phrase}


def named(sid: str, n: int, body: str, start: int, mention: str, cue: str, attitude: str) -> dict:
    return {"source_id": f"{sid}-src{n}", "entity": mention.lower().replace(" ", "-"),
            "mention": span(body, mention, start), "cue": span(body, cue, start), "source_type": "unnamed_group",
            "affiliation": "other", "countries": [], "count": None, "attitude": attitude, "location": "in_sentence",
            "parent": None}


def sentence_records(sent: dict, body: str, spec: tuple, with_believe_cue: bool) -> dict:
    """Records of every layer for one sentence of the synthetic document."""
    sid, start = sent["sentence_id"], sent["start"]
    claim_type, worthy, hedge, phrase = spec
    sources = [author(sid)]
    if sent["index"] == 0:
        sources = [named(sid, 1, body, start, "Officials", "said", "assertion")]
    if sent["index"] == 2:
        sources.append(named(sid, 2, body, start, "Some residents", "believe", "belief"))
    cues = []
    if sent["index"] == 1:
        cues = [{**span(body, "may", start), "category": "epistemic_modal", "holder": f"{sid}-src1"}]
    if sent["index"] == 2 and with_believe_cue:
        cues = [{**span(body, "believe", start), "category": "doxastic", "holder": f"{sid}-src2"}]
    claims = [] if claim_type is None else [{
        "claim_id": f"{sid}-c1", "sentence_id": sid, "text": phrase + " (synthetic test claim).",
        "span": span(body, phrase, start), "claim_type": claim_type, "check_worthy": worthy,
        "source_id": sources[-1]["source_id"], "hedge_level": hedge}]
    labels = {"sentence_id": sid, "is_claim": claim_type is not None, "check_worthy": worthy,
              "claim_type": claim_type or "not_claim", "hedge_level": hedge,
              "main_claim_id": f"{sid}-c1" if claim_type else None}
    return {"sentence_labels": labels, "sources": {"sentence_id": sid, "sources": sources},
            "hedge_cues": {"sentence_id": sid, "hedge_cues": cues}, "artifacts": {"sentence_id": sid, "artifacts": []},
            "claims": claims}


def write_pass(doc_folder: Path, name: str, specs: list, with_believe_cue: bool) -> Path:
    """Write ``annotators/<name>/`` for the synthetic document."""
    body = load_document(doc_folder).text
    folder = doc_folder / "annotators" / name
    folder.mkdir(parents=True)
    layers: dict[str, list] = {}
    for (_, sent), spec in zip(read_jsonl(doc_folder / "sentences.jsonl"), specs):
        for layer, recs in sentence_records(sent, body, spec, with_believe_cue).items():
            layers.setdefault(layer, []).extend(recs if isinstance(recs, list) else [recs])
    for layer, recs in layers.items():
        (folder / f"{layer}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return folder


def cli(project: Path, *args) -> int:
    """``claimcorpus --root project ...``."""
    return main(["--root", str(project), *map(str, args)])


def new_document(project: Path, tmp_path: Path) -> Path:
    """Register :data:`TEXT` as :data:`DOC_ID` in ``project`` and accept its sentences; the document folder."""
    text_file = tmp_path / "article.txt"
    text_file.write_text(TEXT, encoding="utf-8")
    assert cli(project, "add-document", text_file, "--doc-id", DOC_ID) == 0
    doc_folder = project / "annotations" / "documents" / DOC_ID
    assert cli(project, "accept-sentences", doc_folder) == 0
    return doc_folder
