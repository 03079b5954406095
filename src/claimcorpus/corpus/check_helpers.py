"""Checks shared by the invariants of every layer: a span inside its bounds, unique ids."""

from __future__ import annotations

from ..errors import CorpusError


def check_span(span: dict, text: str, bounds: tuple[int, int], file, where: str, field: str) -> None:
    """``[start, end)`` inside ``bounds``, non-empty, and ``text[start:end] == span.text``."""
    start, end = span["start"], span["end"]
    lo, hi = bounds
    if not lo <= start < end <= hi:
        raise CorpusError(file, where, field, f"0 <= {lo} <= start < end <= {hi}", [start, end])
    if text[start:end] != span["text"]:
        raise CorpusError(file, where, f"{field}.text", f"document[{start}:{end}] = {text[start:end]!r}",
                          span["text"])


def check_unique(items: list[tuple[str, str]], file, field: str) -> None:
    """``items`` are ``(where, id)`` pairs; ids must be unique."""
    first: dict[str, str] = {}
    for where, item_id in items:
        if item_id in first:
            raise CorpusError(file, where, field, f"a unique id (also at {first[item_id]})", item_id)
        first[item_id] = where
