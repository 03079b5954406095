"""Colours shared by the figures and the HTML viewer, so both read the same way."""

from __future__ import annotations

#: One colour per verification status (scheme order), and one for unlabelled rows.
VERIFICATION_COLOURS = {
    "supported": "#2e9e5b",
    "refuted": "#d1495b",
    "conflicting": "#e8a33d",
    "unverified": "#6c8ebf",
    "not_checkable": "#a0a0a0",
}
UNLABELLED_COLOUR = "#e4e4e4"
BAR_COLOUR = "#4c72b0"
