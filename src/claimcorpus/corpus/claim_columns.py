"""The gold claims and verification files of a batch of documents read into Arrow.

:func:`read_claims` reads every folder's gold ``claims.jsonl`` and ``verification.jsonl`` with
:func:`claimcorpus.corpus.layer_columns.read_layer` (every JSON Schema rule, checked column by column).
The cross-file invariants then run on records of only the fields they and the sentence rows use
(:data:`CHECKED_FIELDS`); the long free texts (claim text, rationale) stay in Arrow and go into the
``claims`` config as they are (:mod:`claimcorpus.build.claims_table`). ``None`` is not an error: the
caller reads both files record by record, which names the file, line and field of the first error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..paths import layer_file
from ..schema.fields import LABEL
from ..schema.layers import GOLD, annotator_folder
from ..schema.records import CLAIMS, VERIFICATION
from .annotations import Records
from .layer_columns import LayerColumns, read_layer, shared_strings

#: The layers read here, and the fields of their records that the invariants and sentence rows use.
CHECKED_FIELDS = {
    "claims": ("claim_id", "sentence_id", "span", "claim_type", "check_worthy", "source_id", "hedge_level"),
    "verification": ("claim_id", "verification_status", "attribution_status", "evidence"),
}
RECORDS = {"claims": CLAIMS, "verification": VERIFICATION}


def python_values(layer: LayerColumns, name: str) -> dict[str, list]:
    """The checked fields of ``layer`` as Python lists (labels as one object per distinct value)."""
    record = RECORDS[name]
    return {field: shared_strings(layer.table[field]) if record[field].type == LABEL
            else layer.table[field].to_pylist() for field in CHECKED_FIELDS[name]}


@dataclass
class ClaimColumns:
    """The checked gold claims and verification records of a batch's folders, one table each."""

    claims: LayerColumns
    verification: LayerColumns

    def __post_init__(self):
        self.values = {name: python_values(self.layer(name), name) for name in CHECKED_FIELDS}

    def layer(self, name: str) -> LayerColumns:
        return getattr(self, name)

    def records(self, position: int) -> dict[str, Records | None]:
        """Folder ``position``'s two layers as records of :data:`CHECKED_FIELDS` (``None``: no file)."""
        return {name: self.layer(name).records(position, self.values[name]) for name in CHECKED_FIELDS}


def read_claims(folders: list[Path], annotator: str = GOLD) -> ClaimColumns | None:
    """The checked claims and verification of ``folders`` (``annotator``'s, the gold by default), or ``None``
    (see the module)."""
    gold = [annotator_folder(folder, annotator) for folder in folders]
    claims = read_layer([g / layer_file("claims") for g in gold], CLAIMS)
    if claims is None:
        return None
    verification = read_layer([g / layer_file("verification") for g in gold], VERIFICATION)
    return None if verification is None else ClaimColumns(claims, verification)
