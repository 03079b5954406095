"""Property tests of the span and tiling validators."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcorpus.corpus.annotations import AnnotatedDocument, Records
from claimcorpus.corpus.check_helpers import check_span
from claimcorpus.corpus.document import Document, paragraph_spans
from claimcorpus.corpus.invariants import check_sentences
from claimcorpus.errors import CorpusError

WORDS = st.text(alphabet="abcdefghij", min_size=1, max_size=8)


@st.composite
def text_and_span(draw):
    text = draw(st.text(min_size=1, max_size=60))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@given(text_and_span())
def test_a_true_slice_is_accepted(case):
    text, start, end = case
    check_span({"start": start, "end": end, "text": text[start:end]}, text, (0, len(text)), "f", "r", "span")


@given(text_and_span(), st.text(min_size=1, max_size=5))
def test_any_other_text_is_rejected(case, other):
    text, start, end = case
    if other == text[start:end]:
        return
    with pytest.raises(CorpusError):
        check_span({"start": start, "end": end, "text": other}, text, (0, len(text)), "f", "r", "span")


@given(text_and_span(), st.integers(1, 5))
def test_spans_outside_their_bounds_are_rejected(case, shift):
    text, start, end = case
    bounds = (start + shift, len(text))
    with pytest.raises(CorpusError):
        check_span({"start": start, "end": end, "text": text[start:end]}, text, bounds, "f", "r", "span")


def make_doc(text: str, spans: list[tuple[int, int]], paragraph_of) -> AnnotatedDocument:
    rows = [(i + 1, {"sentence_id": f"d-s{i:03d}", "index": i, "paragraph": paragraph_of(s),
                     "start": s, "end": e, "text": text[s:e], "review": "r"}) for i, (s, e) in enumerate(spans)]
    document = Document("d", {}, text.encode(), text, None)
    return AnnotatedDocument(document, Records("sentences.jsonl", rows), {}, None, "gold")


@st.composite
def tiled_document(draw):
    """Paragraphs of sentences separated by spaces and blank lines, with their true spans."""
    paragraphs = draw(st.lists(st.lists(st.lists(WORDS, min_size=1, max_size=4), min_size=1, max_size=3),
                               min_size=1, max_size=4))
    text, spans, para_starts = "", [], []
    for p, sentences in enumerate(paragraphs):
        if p:
            text += "\n\n"
        para_starts.append(len(text))
        for i, words in enumerate(sentences):
            if i:
                text += " "
            sentence = " ".join(words) + "."
            spans.append((len(text), len(text) + len(sentence)))
            text += sentence
    return text, spans, para_starts


def paragraph_lookup(starts):
    return lambda pos: max(i for i, s in enumerate(starts) if s <= pos)


@given(tiled_document())
def test_true_tiling_is_accepted(case):
    text, spans, starts = case
    check_sentences(make_doc(text, spans, paragraph_lookup(starts)))


@given(tiled_document(), st.data())
def test_dropping_a_sentence_is_rejected(case, data):
    text, spans, starts = case
    drop = data.draw(st.integers(0, len(spans) - 1))
    with pytest.raises(CorpusError, match="uncovered text|sentence_id"):
        check_sentences(make_doc(text, spans[:drop] + spans[drop + 1:], paragraph_lookup(starts)))


@given(tiled_document(), st.data())
def test_overlapping_sentences_are_rejected(case, data):
    text, spans, starts = case
    if len(spans) < 2:
        return
    i = data.draw(st.integers(1, len(spans) - 1))
    start, end = spans[i]
    spans = spans[:i] + [(spans[i - 1][1] - 1, end)] + spans[i + 1:]
    with pytest.raises(CorpusError):
        check_sentences(make_doc(text, spans, paragraph_lookup(starts)))


def paragraphs_by_definition(text: str) -> list[tuple[int, int]]:
    """Runs of characters none of which starts a newline-blank-line, whitespace-trimmed (the slow regex)."""
    spans = []
    for block in re.finditer(r"(?s)(?:(?!\n[ \t]*\n).)+", text):
        chunk = block.group()
        start, end = block.start() + len(chunk) - len(chunk.lstrip()), block.start() + len(chunk.rstrip())
        if end > start:
            spans.append((start, end))
    return spans


@given(st.text(alphabet="ab \t\n\r\u2028\u00a0", max_size=40))
def test_paragraph_spans_follow_their_definition(text):
    assert paragraph_spans(text) == paragraphs_by_definition(text)


def test_paragraph_spans_of_typical_layouts():
    assert paragraph_spans("One.\n\nTwo.\n \t\nThree.\n") == [(0, 4), (6, 10), (14, 20)]
    assert paragraph_spans("a\nb\n\n\n\n c ") == [(0, 3), (8, 9)] and paragraph_spans(" \n\n\t") == []
