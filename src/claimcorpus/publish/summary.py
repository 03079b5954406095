"""Statistics of a release: counts and label distributions, computed from the tables."""

from __future__ import annotations

from collections import Counter

import pyarrow as pa
from datasets import ClassLabel

from ..schema.features import CONFIGS, table_features

SENTENCE_FIELDS = ("is_claim", "check_worthy", "claimbuster_label", "claim_type", "hedge_level",
                   "primary_source_type", "has_anonymous_source", "verification_status",
                   "attribution_status", "fold")
CLAIM_FIELDS = ("claim_type", "check_worthy", "source_type", "hedge_level", "verification_status",
                "attribution_status")
EVIDENCE_FIELDS = ("relation", "independence")
NESTED = {"sources": ("source_type", "affiliation", "attitude", "location"),
          "hedge_cues": ("category",), "artifacts": ("type",)}


def decode(config: str, column: str, values: list, features=None) -> list:
    feature = (features or CONFIGS[config])[column]
    if hasattr(feature, "int2str"):
        return [None if v is None else feature.int2str(v) for v in values]
    return values


def distribution(values: list) -> dict[str, int]:
    counts = Counter("null" if v is None else str(v).lower() if isinstance(v, bool) else str(v)
                     for v in values)
    return dict(sorted(counts.items()))


def nested_distribution(table: pa.Table, column: str, field: str) -> dict[str, int]:
    feature = CONFIGS["sentences"][column].feature[field]
    items = [item[field] for row in table.column(column).to_pylist() for item in row or []]
    return distribution([feature.int2str(v) for v in items])


def release_stats(tables: dict[str, pa.Table]) -> dict:
    """Counts and per-field label distributions of a release (all from the tables)."""
    s, c, e, d = (tables[k] for k in ("sentences", "claims", "evidence", "documents"))
    stats = {
        "documents": d.num_rows, "sentences": s.num_rows, "claims": c.num_rows, "evidence": e.num_rows,
        "paragraphs": sum(d.column("n_paragraphs").to_pylist()),
        "artifacts": sum(len(a or []) for a in s.column("artifacts").to_pylist()),
        "sources": sum(len(a or []) for a in s.column("sources").to_pylist()),
        "hedge_cues": sum(len(a or []) for a in s.column("hedge_cues").to_pylist()),
        "sentence_labels": {f: distribution(decode("sentences", f, s.column(f).to_pylist()))
                            for f in SENTENCE_FIELDS},
        "claim_labels": {f: distribution(decode("claims", f, c.column(f).to_pylist())) for f in CLAIM_FIELDS},
        "evidence_labels": {f: distribution(decode("evidence", f, e.column(f).to_pylist()))
                            for f in EVIDENCE_FIELDS},
        "nested_labels": {f"{col}.{f}": nested_distribution(s, col, f)
                          for col, fields in NESTED.items() for f in fields},
        "extra_layers": extra_layer_stats(s),
    }
    return stats


def extra_layer_stats(sentences: pa.Table) -> dict[str, dict[str, int]]:
    """Distributions of declared extra layer columns (labels, or span labels)."""
    features = table_features(sentences.schema)
    out = {}
    for column in sentences.column_names:
        if column in CONFIGS["sentences"]:
            continue
        values = sentences.column(column).to_pylist()
        if isinstance(features[column], ClassLabel):
            out[column] = distribution(decode("sentences", column, values, features))
        else:
            names = features[column].feature["label"]
            out[column] = distribution([names.int2str(s["label"]) for row in values for s in row or []])
    return out


def format_summary(stats: dict) -> str:
    lines = ["claimcorpus release",
             "  " + ", ".join(f"{stats[k]} {k}" for k in ("documents", "paragraphs", "sentences",
                                                           "claims", "evidence", "artifacts"))]
    for group in ("sentence_labels", "claim_labels", "evidence_labels", "nested_labels", "extra_layers"):
        if not stats[group]:
            continue
        lines.append(f"  {group.replace('_', ' ')}:")
        for field, dist in stats[group].items():
            lines.append(f"    {field:<24} " + "  ".join(f"{k}={v}" for k, v in dist.items()))
    return "\n".join(lines)
