"""Every id and value pattern of the corpus, written once.

Patterns are anchored regular expressions with ASCII classes only (``[0-9]``,
not ``\\d``), so the JSON Schema files (ECMA-262) and the pandera checks
(Python ``re``, with the final ``$`` written ``\\Z``: Python's ``$`` also
matches before a final newline) accept exactly the same strings.

Evidence has two ids: ``evidence.jsonl`` numbers a document's evidence
locally (``ev-001``); the release prefixes the document id
(``<doc_id>-ev-001``) so that ids are unique across documents.
"""

from __future__ import annotations

SLUG = "[a-z0-9][a-z0-9-]*"
SENTENCE = SLUG + "-s[0-9]{3,}"
LOCAL_EVIDENCE = "ev-[0-9]{3,}"


def whole(body: str) -> str:
    """The pattern matching exactly ``body``."""
    return f"^{body}$"


DOC_ID = whole(SLUG)
#: Entities of a source entry share the slug shape of document ids.
ENTITY_ID = DOC_ID
SENTENCE_ID = whole(SENTENCE)
SOURCE_ID = whole(SENTENCE + "-src[0-9]+")
CLAIM_ID = whole(SENTENCE + "-c[0-9]+")
#: ``evidence_id`` of ``evidence.jsonl`` and the ``evidence`` list of ``verification.jsonl``.
EVIDENCE_ID = whole(LOCAL_EVIDENCE)
#: ``evidence_id`` of the release: ``<doc_id>-<local evidence id>``.
RELEASE_EVIDENCE_ID = whole(f"{SLUG}-{LOCAL_EVIDENCE}")
ANNOTATOR = "^[a-z0-9][a-z0-9_-]*$"
LAYER_NAME = "^[a-z][a-z0-9_]*$"

DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
SHA256 = "^[0-9a-f]{64}$"
LANGUAGE = "^[a-z]{2}$"
COUNTRY = "^[A-Z]{2}$"
#: Any http(s) address (document metadata) and one without whitespace (evidence).
URL_PREFIX = "^https?://"
URL = "^https?://[^\\s]+$"
