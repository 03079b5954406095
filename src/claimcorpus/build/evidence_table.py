"""The ``evidence`` config of a batch built from its checked columns (no Python rows).

The same table as :func:`claimcorpus.build.rows.evidence_rows` encoded by
:func:`claimcorpus.build.tables.to_table`: release ids (``<doc_id>-<local id>``), the document id,
the claims citing each record (sorted), the record's other fields, in id order.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from ..corpus.evidence_columns import EvidenceColumns
from ..corpus.layer_columns import FOLDER
from ..schema.table_schema import TableSchema
from .encode import encode_table


def cited_by(columns: EvidenceColumns, citations: list[dict[str, list[str]]]) -> pa.Array:
    """Per record, the sorted claim ids that cite it (``citations``: per folder, local id -> claim ids)."""
    local_ids, starts = columns.values["evidence_id"], columns.starts
    return pa.array([sorted(cited.get(local, ())) for doc, cited in enumerate(citations)
                     for local in local_ids[starts[doc]:starts[doc + 1]]], pa.list_(pa.string()))


def evidence_table(columns: EvidenceColumns, doc_ids: list[str], citations: list[dict[str, list[str]]],
                   schema: TableSchema) -> pa.Table:
    """The encoded ``evidence`` table of the batch (``doc_ids``: each folder's document id)."""
    table = columns.table
    doc_id = pc.take(pa.array(doc_ids, pa.string()), table[FOLDER])
    # release ids as :func:`claimcorpus.build.rows.evidence_id` writes them: <doc_id>-<local id>
    derived = {"evidence_id": pc.binary_join_element_wise(doc_id, table["evidence_id"], "-"), "doc_id": doc_id,
               "cited_by": cited_by(columns, citations)}
    raw = pa.table({name: derived[name] if name in derived else table[name] for name in schema.names})
    return encode_table(raw.take(pc.sort_indices(raw["evidence_id"])), schema)
