"""What the HTML viewer shows, read from the release Parquet files as plain JSON-able dicts.

Label ids are decoded to names with the features stored in each file's
schema; null labels (not yet adjudicated) stay ``None`` and the page shows
them as unlabelled. Columns of declared extra layers are shown too: a label
column as a label (and a filter), a span column as marks. Each sentence's
text is cut into pieces at every span boundary so overlapping marks (source
mention, attribution cue, hedge cue, artifact, extra spans) can be drawn together.
"""

from __future__ import annotations

from pathlib import Path

from datasets import ClassLabel, Features, List

from ..release.shards import read_config
from ..schema.features import CONFIGS, table_features

UNLABELLED = "(unlabelled)"
SENTENCE_LABELS = ("is_claim", "check_worthy", "claimbuster_label", "claim_type", "hedge_level", "uncertain",
                   "uncertain_incl_attributed", "primary_source_type", "has_anonymous_source",
                   "verification_status", "attribution_status", "fold")
FILTERS = ("claim_type", "verification_status", "hedge_level", "primary_source_type", "claimbuster_label")


def decode(feature, value):
    """Replace ``ClassLabel`` ids by names, recursively through lists and structs."""
    if value is None:
        return None
    if isinstance(feature, ClassLabel):
        return feature.int2str(value)
    if isinstance(feature, List):
        return [decode(feature.feature, v) for v in value]
    if isinstance(feature, dict):
        return {k: decode(feature[k], v) for k, v in value.items()}
    return value


def read_rows(dataset_dir: Path, config: str) -> tuple[list[dict], Features]:
    """Decoded rows of one config, and its features (from the file's schema)."""
    table = read_config(dataset_dir, config)
    features = table_features(table.schema)
    return [{k: decode(features[k], v) for k, v in row.items()} for row in table.to_pylist()], features


def extra_columns(features: Features) -> tuple[list[str], list[str]]:
    """Extra-layer columns of ``sentences``: (label columns, span columns)."""
    extra = [c for c in features if c not in CONFIGS["sentences"]]
    return ([c for c in extra if isinstance(features[c], ClassLabel)],
            [c for c in extra if isinstance(features[c], List)])


def marks(sentence: dict, span_columns: list[str] = ()) -> list[dict]:
    """Spans inside the sentence: ``kind``, document offsets and a note for the tooltip."""
    out = [{"kind": "extra", "start": span["start"], "end": span["end"], "note": f"{column}: {span['label']}"}
           for column in span_columns for span in sentence[column] or []]
    for src in sentence["sources"] or []:
        who = f"{src['entity']} ({src['source_type']}, {src['affiliation']})"
        out.append({"kind": "mention", "start": src["mention_start"], "end": src["mention_end"],
                    "note": f"source: {who}"})
        out.append({"kind": "cue", "start": src["cue_start"], "end": src["cue_end"],
                    "note": f"attribution cue ({src['attitude']}) of {src['entity']}"})
    for cue in sentence["hedge_cues"] or []:
        out.append({"kind": "hedge", "start": cue["start"], "end": cue["end"], "note": f"hedge cue: {cue['category']}"})
    for art in sentence["artifacts"] or []:
        fix = f" -> {art['correction']!r}" if art["correction"] is not None else ""
        out.append({"kind": "artifact", "start": art["start"], "end": art["end"],
                    "note": f"artifact: {art['type']}{fix}"})
    return [m for m in out if m["start"] is not None and m["end"] is not None]


def pieces(sentence: dict, span_columns: list[str] = ()) -> list[dict]:
    """The sentence text cut at every mark boundary; each piece lists the marks covering it."""
    base, text, spans = sentence["start"], sentence["text"], marks(sentence, span_columns)
    cuts = sorted({0, len(text)} | {min(max(p - base, 0), len(text)) for m in spans for p in (m["start"], m["end"])})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        over = [m for m in spans if m["start"] - base <= a and m["end"] - base >= b]
        out.append({"text": text[a:b], "marks": sorted({m["kind"] for m in over}),
                    "notes": [m["note"] for m in over]})
    return out


def sentence_view(s: dict, label_columns: list[str], span_columns: list[str]) -> dict:
    labels = {f: s[f] for f in (*SENTENCE_LABELS, *label_columns)}
    return {"id": s["sentence_id"], "doc_id": s["doc_id"], "paragraph": s["paragraph"], "text": s["text"],
            "text_clean": s["text_clean"], "pieces": pieces(s, span_columns), "labels": labels,
            "sources": s["sources"] or [], "hedge_cues": s["hedge_cues"] or [], "artifacts": s["artifacts"] or [],
            "claim_ids": s["claim_ids"] or [], "main_claim_id": s["main_claim_id"]}


def filter_options(sentences: list[dict], features: Features, fields: list[str]) -> dict[str, list[str]]:
    """Per filter field: the label names in scheme order, plus ``UNLABELLED`` if some row has none."""
    return {f: list(features[f].names) + ([UNLABELLED] if any(s[f] is None for s in sentences) else [])
            for f in fields}


def view_data(dataset_dir: Path) -> dict:
    """Everything the page needs, keyed for lookups from JavaScript."""
    sentences, features = read_rows(dataset_dir, "sentences")
    label_columns, span_columns = extra_columns(features)
    claims: dict[str, list[dict]] = {}
    for claim in read_rows(dataset_dir, "claims")[0]:
        claims.setdefault(claim["sentence_id"], []).append(claim)
    documents = [{k: v for k, v in d.items() if k != "text"} for d in read_rows(dataset_dir, "documents")[0]]
    return {"documents": documents, "sentences": [sentence_view(s, label_columns, span_columns) for s in sentences],
            "claims": claims, "evidence": {e["evidence_id"]: e for e in read_rows(dataset_dir, "evidence")[0]},
            "filters": filter_options(sentences, features, [*FILTERS, *label_columns]), "unlabelled": UNLABELLED}
