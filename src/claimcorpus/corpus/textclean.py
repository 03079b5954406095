"""``text_clean``: a sentence with its translation artifacts corrected."""

from __future__ import annotations

import re

SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
MULTI_SPACE = re.compile(r"\s{2,}")


def clean_text(text: str, offset: int, artifacts: list[dict]) -> str:
    """Apply each artifact's correction (spans are document offsets; ``offset`` is the
    sentence start), then normalise the spacing the edits leave behind."""
    out = text
    for art in sorted(artifacts, key=lambda a: a["start"], reverse=True):
        start, end = art["start"] - offset, art["end"] - offset
        out = out[:start] + art["correction"] + out[end:]
    out = MULTI_SPACE.sub(" ", out)
    out = SPACE_BEFORE_PUNCT.sub(r"\1", out)
    return out.strip()
