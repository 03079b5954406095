"""Label inventories of annotation scheme v1: the one source of truth.

The order of every tuple is fixed by the scheme: it becomes the ``ClassLabel``
ids of the release. JSON Schemas, pandera checks and Arrow/datasets features
are all generated from these tuples.
"""

from __future__ import annotations

CLAIM_TYPES = ("not_claim", "event", "quantity", "causal", "prediction", "position", "other")
#: Precedence when a main claim fits several types (highest first).
CLAIM_TYPE_PRECEDENCE = ("causal", "quantity", "prediction", "position", "event", "other")
CLAIMBUSTER_LABELS = ("NFS", "UFS", "CFS")

SOURCE_TYPES = (
    "author",
    "named_individual",
    "unnamed_individual",
    "named_group",
    "unnamed_group",
    "document_or_media",
)
ANONYMOUS_SOURCE_TYPES = ("unnamed_individual", "unnamed_group")
AFFILIATIONS = (
    "government",
    "military",
    "intelligence",
    "armed_group",
    "media",
    "ngo",
    "other",
    "none",
)
ATTITUDES = ("assertion", "belief", "denial", "accusation", "other")
SOURCE_LOCATIONS = ("in_sentence", "earlier_sentence", "author")

HEDGE_LEVELS = ("certain", "attributed", "probable", "possible")
HEDGE_LEVEL_FACTBANK = {
    "certain": "CT",
    "attributed": "Uu",
    "probable": "PR",
    "possible": "PS",
}
#: CoNLL-2010 binary view: uncertain = probable or possible.
UNCERTAIN_STRICT = ("probable", "possible")
#: Second view: neutral attribution counts as uncertain too.
UNCERTAIN_WITH_ATTRIBUTED = ("attributed", "probable", "possible")
HEDGE_CATEGORIES = (
    "epistemic_modal",
    "epistemic_lexical",
    "doxastic",
    "distancing",
    "weasel",
    "approximator",
    "conditional",
)

VERIFICATION_STATUSES = ("supported", "refuted", "conflicting", "unverified", "not_checkable")
ATTRIBUTION_STATUSES = ("supported", "unverified", "not_applicable")
EVIDENCE_RELATIONS = ("supports", "refutes", "context")
EVIDENCE_INDEPENDENCE = ("primary", "independent", "derivative")
#: How an evidence record's ``published`` date is known: shown on the page, only in the URL path, or not at all.
PUBLISHED_BASES = ("page", "url", "none")
#: Outcome of re-checking one evidence record (``evidence_audit.jsonl``).
AUDIT_OUTCOMES = ("confirmed", "changed", "merged", "removed")

ARTIFACT_TYPES = ("stray_fragment", "duplicated_token", "garbled_phrase", "mistranslation")

#: Every categorical inventory by the name used in schemas and features.
INVENTORIES: dict[str, tuple[str, ...]] = {
    "claim_type": CLAIM_TYPES,
    "claimbuster_label": CLAIMBUSTER_LABELS,
    "source_type": SOURCE_TYPES,
    "affiliation": AFFILIATIONS,
    "attitude": ATTITUDES,
    "location": SOURCE_LOCATIONS,
    "hedge_level": HEDGE_LEVELS,
    "hedge_category": HEDGE_CATEGORIES,
    "verification_status": VERIFICATION_STATUSES,
    "attribution_status": ATTRIBUTION_STATUSES,
    "relation": EVIDENCE_RELATIONS,
    "independence": EVIDENCE_INDEPENDENCE,
    "published_basis": PUBLISHED_BASES,
    "audit_outcome": AUDIT_OUTCOMES,
    "artifact_type": ARTIFACT_TYPES,
}

#: Ordinal scale of hedge levels (for Krippendorff's ordinal alpha and ranking).
HEDGE_RANK = {label: rank for rank, label in enumerate(HEDGE_LEVELS)}


def claimbuster_label(is_claim: bool, check_worthy: bool) -> str:
    """Map the two booleans to ClaimBuster's NFS/UFS/CFS."""
    if check_worthy:
        return "CFS"
    return "UFS" if is_claim else "NFS"
