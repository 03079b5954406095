"""Model-assisted pre-annotation of a document without labels: a proposal of every layer, with scores.

Sources, attribution cues and hedge cues come from the rule baseline
(:mod:`.rules`); the sentence labels from TF-IDF + logistic regression
classifiers (:func:`.models.tfidf_logreg`, seed 0) trained on the sentences of
the released corpus (rows of the document itself left out). Nothing is
downloaded and the run is deterministic on CPU (one BLAS thread).

The proposal is made of layer records that pass the schemas and invariants of
a pass, so it can be exported as Label Studio predictions and, once corrected
and imported, go through ``agreement``, ``adjudicate`` and ``build``:

* ``sentence_labels``: ``is_claim``, then ``claim_type`` among the claim types
  (``not_claim`` when not a claim), ``check_worthy`` (false when not a claim)
  and ``hedge_level``; each label's score is the classifier's probability of it.
  A field whose training rows have a single label falls back to the rules
  (no score).
* ``sources``: one source per attribution cue (its mention guessed by the
  rules, source type from the mention, attitude ``assertion``: the lexicon's
  cues are neutral reporting verbs); the author when the sentence has none.
* ``hedge_cues``: the rules' cues, held by the closest source whose mention
  comes before the cue (else the sentence's first source).
* ``claims``: one claim per claim sentence, the sentence itself, with the
  sentence labels. A sentence that is not a claim gets one too, outside the
  layers (``spare_claims``: the export carries it read-only, without a region),
  so that an annotator who makes it a claim has a claim to choose; the import
  drops the claims of sentences that are not claims.
* a span's score is the rules' exact-span precision for its layer on the
  released corpus (how often such a span is right), not a per-span confidence.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import __version__
from ..schema.labels import CLAIM_TYPES, HEDGE_LEVELS
from .gold import load_gold
from .models import SEED, tfidf_logreg
from .rules import analyse, mention_for, rule_prediction, source_type
from .tasks import TASKS

FIELDS = ("is_claim", "claim_type", "check_worthy", "hedge_level")
SPAN_TASKS = {"hedge_cues": "hedge_cue_spans", "mention": "source_mention_spans", "cue": "attribution_cue_spans"}
MIN_CLAIM_TEXT = 10  # claims.schema.json: minLength of a claim's text
MODEL_VERSION = f"claimcorpus {__version__} rules + tfidf_lr (seed {SEED})"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "source"


def classifier_labels(train: list[dict], texts: list[str]) -> dict[str, list[tuple[object, float | None] | None]]:
    """Per field, ``(label, probability)`` per text, or ``None`` where the field cannot be trained."""
    out = {}
    for field in FIELDS:
        rows = [r for r in train if r[field] is not None]
        labels = [r[field] for r in rows]
        if len(set(labels)) < 2:
            out[field] = [None] * len(texts)
            continue
        model = tfidf_logreg().fit([r["text"] for r in rows], labels)
        classes = [c.item() if hasattr(c, "item") else c for c in model.classes_]
        probs = model.predict_proba(texts)
        out[field] = [dict(zip(classes, (float(p) for p in row))) for row in probs]
    return out


def pick(probs: dict | None, allowed: tuple) -> tuple[object, float] | None:
    """The most probable allowed label (ties: first in ``allowed``) and its probability."""
    if probs is None:
        return None
    candidates = [lab for lab in allowed if lab in probs]
    if not candidates:
        return None
    best = max(candidates, key=lambda lab: (probs[lab], -allowed.index(lab)))
    return best, probs[best]


def sentence_labels(text: str, probs: dict) -> tuple[dict, dict]:
    """Consistent labels of one sentence (invariants of sentence_labels) and the score of each."""
    rules = analyse(text)
    scores: dict[str, float] = {}

    def choose(field, allowed, fallback):
        got = pick(probs[field], allowed)
        if got is None:
            return fallback
        scores[field] = got[1]
        return got[0]

    is_claim = choose("is_claim", (True, False), rules.is_claim)
    claim_type = choose("claim_type", CLAIM_TYPES[1:], rules.claim_type(allow_not_claim=False))
    worthy = choose("check_worthy", (True, False), rules.worthiness()[0]) if is_claim else False
    if not is_claim and probs["is_claim"] is not None:
        scores["check_worthy"] = scores["is_claim"]
    hedge = choose("hedge_level", HEDGE_LEVELS, rules.hedge_level)
    labels = {"is_claim": is_claim, "check_worthy": worthy, "claim_type": claim_type if is_claim else "not_claim",
              "hedge_level": hedge}
    if not is_claim:
        scores.pop("claim_type", None)
        if "is_claim" in scores:
            scores["claim_type"] = scores["is_claim"]
    return labels, {**scores, "_claim_type": claim_type}


def doc_span(text: str, span: tuple[int, int], start: int) -> dict:
    return {"start": start + span[0], "end": start + span[1], "text": text[span[0]:span[1]]}


def sources_of(sent: dict) -> list[dict]:
    """The rules' sources of a sentence: one per attribution cue, else the author."""
    sid, text, start = sent["sentence_id"], sent["text"], sent["start"]
    out = []
    for cue in analyse(text).cues:
        mention = mention_for(text, cue)
        if mention is not None and not (mention[1] <= cue[0] or cue[1] <= mention[0]):
            mention = None  # overlapping the cue: no mention
        mention_text = text[mention[0]:mention[1]] if mention else None
        out.append({"source_id": f"{sid}-src{len(out) + 1}", "entity": slug(mention_text or "unnamed source"),
                    "mention": doc_span(text, mention, start) if mention else None,
                    "cue": doc_span(text, cue, start),
                    "source_type": source_type(mention_text) if mention_text else "unnamed_individual",
                    "affiliation": "other", "countries": [], "count": None, "attitude": "assertion",
                    "location": "in_sentence", "parent": None})
    if not out:
        out.append({"source_id": f"{sid}-src1", "entity": "author", "mention": None, "cue": None,
                    "source_type": "author", "affiliation": "media", "countries": [], "count": None,
                    "attitude": "assertion", "location": "author", "parent": None})
    return out


def holder_of(sources: list[dict], cue_start: int) -> str:
    before = [s for s in sources if s["mention"] and s["mention"]["start"] <= cue_start]
    return (max(before, key=lambda s: s["mention"]["start"]) if before else sources[0])["source_id"]


def hedge_cues_of(sent: dict, sources: list[dict]) -> list[dict]:
    text, start = sent["text"], sent["start"]
    out, taken = [], []
    for s, e, category in analyse(text).hedges:
        if any(s < te and ts < e for ts, te in taken):
            continue  # an overlapping cue of another category: the first one is kept
        taken.append((s, e))
        out.append({**doc_span(text, (s, e), start), "category": category, "holder": holder_of(sources, start + s)})
    return out


def claim_of(sent: dict, labels: dict, claim_type: str, sources: list[dict]) -> dict | None:
    """The sentence as its one claim (without its final punctuation as span)."""
    text, start = sent["text"], sent["start"]
    end = len(text.rstrip(" .!?;:\"”’"))
    if len(text) < MIN_CLAIM_TEXT or end == 0:
        return None
    attributed = [s for s in sources if s["source_type"] != "author"]
    return {"claim_id": f"{sent['sentence_id']}-c1", "sentence_id": sent["sentence_id"], "text": text,
            "span": doc_span(text, (0, end), start), "claim_type": claim_type, "check_worthy": labels["check_worthy"],
            "source_id": (attributed or sources)[0]["source_id"], "hedge_level": labels["hedge_level"]}


def rule_precision(rows: list[dict]) -> dict[str, float | None]:
    """Exact-span precision of the rules per span layer over the released sentences."""
    out = {}
    for field, name in SPAN_TASKS.items():
        task, hits, total = TASKS[name], 0, 0
        for row in rows:
            gold = task.gold(row)
            if gold is None:
                continue
            predicted = {tuple(s) for s in rule_prediction(task, row["text"])["spans"]}
            hits, total = hits + len(predicted & set(gold)), total + len(predicted)
        out[field] = hits / total if total else None
    return out


def propose(doc_id: str, sentences: list[dict], release: Path) -> dict:
    """The proposal for every sentence of ``doc_id``: layer records, scores and the model version.

    ``scores``: ``sentence_id -> key -> score``, the key a sentence-label field, or a layer field with
    the span in document offsets (``hedge_cues 12-17``, ``mention ...``, ``cue ...``, ``claims ...``).
    """
    from threadpoolctl import threadpool_limits

    released = load_gold(release).rows["sentences"]
    train = [r for r in released if r["doc_id"] != doc_id]
    with threadpool_limits(limits=1):
        probs = classifier_labels(train, [s["text"] for s in sentences])
    precision = rule_precision(released)
    layers: dict[str, list] = {"sentence_labels": [], "sources": [], "hedge_cues": [], "claims": []}
    scores: dict[str, dict] = {}
    spare: dict[str, list] = {}
    for i, sent in enumerate(sentences):
        sid = sent["sentence_id"]
        labels, label_scores = sentence_labels(sent["text"], {f: probs[f][i] for f in FIELDS})
        claim_type = label_scores.pop("_claim_type")
        sources = sources_of(sent)
        cues = hedge_cues_of(sent, sources)
        claim = claim_of(sent, labels, claim_type, sources)
        if labels["is_claim"] and claim is None:  # too short to be a claim text: not a claim
            labels.update(is_claim=False, check_worthy=False, claim_type="not_claim")
        labels["main_claim_id"] = claim["claim_id"] if labels["is_claim"] else None
        layers["sentence_labels"].append({"sentence_id": sid, **labels})
        layers["sources"].append({"sentence_id": sid, "sources": sources})
        layers["hedge_cues"].append({"sentence_id": sid, "hedge_cues": cues})
        if claim and labels["is_claim"]:
            layers["claims"].append(claim)
        elif claim:
            spare[sid] = [claim]
        scores[sid] = dict(label_scores)
        if labels["is_claim"] and "is_claim" in label_scores:
            scores[sid]["main_claim_id"] = label_scores["is_claim"]
        for field, spans in (("hedge_cues", cues), ("mention", [s["mention"] for s in sources]),
                             ("cue", [s["cue"] for s in sources])):
            for span in spans:
                if span and precision[field] is not None:
                    scores[sid][f"{field} {span['start']}-{span['end']}"] = precision[field]
        if claim and claim["span"] and "claim_type" in label_scores and labels["is_claim"]:
            scores[sid][f"claims {claim['span']['start']}-{claim['span']['end']}"] = label_scores["claim_type"]
    return {"model_version": MODEL_VERSION, "annotator": "models", "layers": layers, "scores": scores,
            "spare_claims": spare, "trained_on": len(train)}
