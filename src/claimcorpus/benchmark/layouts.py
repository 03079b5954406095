"""TSV prediction layouts: this corpus's own and the CheckThat! 2021-24 check-worthiness ones.

A layout is recognised by its header line alone (names compared without case
or surrounding space). Each column maps onto a key of the record the checker
reads: ``id`` (this corpus's ``sentence_id`` or ``claim_id``), ``label``,
``score`` or ``topic`` (the row's ``doc_id``); ``run_id`` is read and ignored.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    """One accepted TSV layout: its header and the record key of each column (``None``: ignored)."""

    source: str
    header: tuple[str, ...]
    keys: tuple[str | None, ...]


LAYOUTS = (
    Layout("claimcorpus", ("id", "label"), ("id", "label")),
    Layout("claimcorpus", ("id", "label", "score"), ("id", "label", "score")),
    Layout("claimcorpus (scores only)", ("id", "score"), ("id", "score")),
    Layout("CheckThat! 2021 task 1a", ("topic_id", "tweet_id", "score", "run_id"), ("topic", "id", "score", None)),
    Layout("CheckThat! 2022 task 1", ("topic", "tweet_id", "class_label", "run_id"), ("topic", "id", "label", None)),
    Layout("CheckThat! 2023 task 1", ("tweet_id", "class_label", "run_id"), ("id", "label", None)),
    Layout("CheckThat! 2023-24 task 1", ("id", "class_label", "run_id"), ("id", "label", None)),
)


def header_text(layout: Layout) -> str:
    return "<TAB>".join(layout.header)


def find_layout(header_line: str) -> Layout | None:
    """The layout whose header is ``header_line`` (``None`` if there is none)."""
    names = tuple(name.strip().lower() for name in header_line.split("\t"))
    return next((layout for layout in LAYOUTS if layout.header == names), None)


def expected_headers() -> str:
    """The accepted header lines, for an error message."""
    return "a header line, one of " + ", ".join(f"'{header_text(layout)}'" for layout in LAYOUTS)


def record_of(layout: Layout, fields: list[str]) -> dict:
    """The checker's record of one TSV row (``_tsv`` marks string-typed values)."""
    record = {key: value.strip() for key, value in zip(layout.keys, fields) if key is not None}
    return {**record, "_tsv": True}
