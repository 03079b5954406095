"""Size and nesting limits of every input read from data: defined here once.

Chosen well above what the corpus needs (the committed annotations: lines of
at most ~2 KB, strings of at most ~500 characters, nesting depth 5; the
release's ``croissant.json``: depth 9) and well below what would let one
hostile file exhaust memory or the recursion limit. An input beyond a limit is
rejected with a :class:`~claimcorpus.errors.CorpusError` naming the file,
record and field.
"""

from __future__ import annotations

#: One JSON Lines record (one line, in bytes).
MAX_LINE_BYTES = 1 << 20
#: One string value or key of any JSON input, in characters.
MAX_FIELD_CHARS = 100_000
#: Nesting of arrays and objects in any JSON input (``{"a": [1]}`` is depth 2).
MAX_DEPTH = 32
#: One JSON file (``document.json``, layer definitions, ``manifest.json``, a Label Studio export, ...).
MAX_JSON_FILE_BYTES = 64 << 20
#: One source text (``source.txt``).
MAX_SOURCE_BYTES = 64 << 20
#: An over-long JSON Lines record is still read up to this size, to name the field that is too long.
DIAGNOSE_BYTES = 64 << 20
