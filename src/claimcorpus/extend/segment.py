"""Sentence boundary proposals: pysbd inside each paragraph, fragments flagged for review.

pysbd is rule-based (the Golden Rules of sentence boundary disambiguation),
deterministic and needs no model download, so a proposal is reproducible on
any machine. Its proposals are only a starting point: the gold boundaries are
the reviewed ``sentences.jsonl`` of each document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pysbd

from ..corpus.document import paragraph_spans

#: A proposed segment that looks like a machine-translation leftover rather than a sentence.
FRAGMENT_RE = re.compile(r"^(?:[a-z][^.!?]*[.!?]?|\W+|\S+\.)$")


@dataclass(frozen=True)
class Proposal:
    start: int
    end: int
    paragraph: int
    fragment: bool  # suggested merge into the previous segment of the paragraph


def looks_like_fragment(segment: str) -> bool:
    """Lower-case start, punctuation only, or a single word: not a sentence of its own."""
    return bool(FRAGMENT_RE.match(segment.strip()))


def propose(text: str) -> list[Proposal]:
    """Propose whitespace-trimmed sentence spans over ``text``, with paragraph index."""
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    proposals = []
    for para, (p_start, p_end) in enumerate(paragraph_spans(text)):
        for span in segmenter.segment(text[p_start:p_end]):
            chunk = span.sent
            start = p_start + span.start + len(chunk) - len(chunk.lstrip())
            end = p_start + span.start + len(chunk.rstrip())
            if end > start:
                proposals.append(Proposal(start, end, para, looks_like_fragment(text[start:end])))
    return proposals

