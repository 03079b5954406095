"""Token view: BIO tags of the span layers over a documented regex tokenizer.

Tokenizer (:data:`TOKEN`): a token is a run of word characters with inner
hyphens (``so-called``, ``Britain-based``), or a possessive ``'s``/``’s``, or
any other single non-space character (punctuation). Offsets are
sentence-relative ``[start, end)`` into ``text``.

Tags per layer: ``B-<TAG>``, ``I-<TAG>``, ``O``. A span becomes the tokens it
touches. It round-trips (tags -> the same character span) when it starts and
ends on token boundaries and does not overlap another span of its layer;
every span that does not is reported, with the span the tags give back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .gold import Gold
from .tasks import TASKS

TOKEN = re.compile(r"\w+(?:-\w+)*|[’']s\b|[^\w\s]")
LAYERS = {"source_mention": ("source_mention_spans", "SRC"), "attribution_cue": ("attribution_cue_spans", "CUE"),
          "hedge_cue": ("hedge_cue_spans", "HEDGE")}


def tokenize(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN.finditer(text)]


@dataclass
class Report:
    """Spans per layer, and those that do not round-trip."""

    spans: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LAYERS, 0))
    problems: list[dict] = field(default_factory=list)


def touched(tokens: list[tuple[int, int]], span: tuple[int, int]) -> list[int]:
    return [k for k, (s, e) in enumerate(tokens) if s < span[1] and span[0] < e]


def bio_tags(tokens: list[tuple[int, int]], spans: list[tuple[int, int]], tag: str) -> tuple[list[str], dict]:
    """Tags of one layer, and the spans that could not be tagged, with the reason."""
    tags, skipped = ["O"] * len(tokens), {}
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        ks = touched(tokens, span)
        if not ks or any(tags[k] != "O" for k in ks):
            skipped[span] = "overlaps another span of the layer" if ks else "covers no token"
            continue
        tags[ks[0]] = f"B-{tag}"
        for k in ks[1:]:
            tags[k] = f"I-{tag}"
    return tags, skipped


def spans_from_tags(tokens: list[tuple[int, int]], tags: list[str]) -> list[tuple[int, int]]:
    """Character spans of BIO runs (an ``I-`` without a ``B-`` starts a run)."""
    spans, current = [], None
    for (s, e), tag in zip(tokens, tags):
        if tag.startswith("B-") or (tag.startswith("I-") and current is None):
            current = [s, e]
            spans.append(current)
        elif tag.startswith("I-"):
            current[1] = e
        else:
            current = None
    return [tuple(s) for s in spans]


def sentence_row(row: dict, report: Report) -> dict:
    tokens = tokenize(row["text"])
    out = {"sentence_id": row["sentence_id"], "doc_id": row["doc_id"], "fold": row["fold"],
           "tokens": [row["text"][s:e] for s, e in tokens], "offsets": [list(t) for t in tokens]}
    for layer, (task_name, tag) in LAYERS.items():
        spans = TASKS[task_name].gold(row)
        if spans is None:
            out[f"{layer}_tags"] = None
            continue
        tags, skipped = bio_tags(tokens, spans, tag)
        back = set(spans_from_tags(tokens, tags))
        report.spans[layer] += len(spans)
        for span in spans:
            if span not in back:
                reason = skipped.get(span, "boundary inside a token")
                got = [list(b) for b in back if b[0] < span[1] and span[0] < b[1]]
                report.problems.append({"sentence_id": row["sentence_id"], "layer": layer, "span": list(span),
                                        "text": row["text"][span[0]:span[1]], "round_trip": got, "reason": reason})
        out[f"{layer}_tags"] = tags
    return out


def token_rows(gold: Gold) -> tuple[list[dict], Report]:
    """One row per sentence with tokens, offsets and the tags of each layer (null if not annotated)."""
    report = Report()
    return [sentence_row(r, report) for r in gold.rows["sentences"]], report


def report_text(report: Report) -> str:
    lines = [f"{layer}: {n} spans, {n - sum(p['layer'] == layer for p in report.problems)} round-trip exactly"
             for layer, n in report.spans.items()]
    lines += [f"  {p['sentence_id']} {p['layer']} {p['span']} {p['text']!r}: {p['reason']}; tags give back "
              f"{p['round_trip']}" for p in report.problems]
    return "\n".join(lines)
