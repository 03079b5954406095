"""Checks shared by the invariants of every layer: a span inside its bounds, unique ids."""

from __future__ import annotations

from ..errors import CorpusError


def span_ok(span: dict, text: str, bounds: tuple[int, int]) -> bool:
    """What :func:`check_span` checks, as a test (callers format the record only when it fails)."""
    start, end = span["start"], span["end"]
    return bounds[0] <= start < end <= bounds[1] and text[start:end] == span["text"]


def check_span(span: dict, text: str, bounds: tuple[int, int], file, where: str, field: str) -> None:
    """``[start, end)`` inside ``bounds``, non-empty, and ``text[start:end] == span.text``."""
    start, end = span["start"], span["end"]
    lo, hi = bounds
    if not lo <= start < end <= hi:
        raise CorpusError(file, where, field, f"0 <= {lo} <= start < end <= {hi}", [start, end])
    if text[start:end] != span["text"]:
        raise CorpusError(file, where, f"{field}.text", f"document[{start}:{end}] = {text[start:end]!r}",
                          span["text"])


def check_unique(items: list[tuple[int, str | None, str]], records, field: str) -> None:
    """``items`` are ``(line, record id or None, id)`` of ``records``; ids must be unique.

    The record is only formatted (``records.where``) for the error."""
    if len({item_id for _, _, item_id in items}) == len(items):
        return
    first: dict[str, tuple[int, str | None]] = {}
    for line, record_id, item_id in items:
        if item_id in first:
            raise CorpusError(records.path, records.where(line, record_id), field,
                              f"a unique id (also at {records.where(*first[item_id])})", item_id)
        first[item_id] = (line, record_id)
