"""The ``claims`` config of a batch built from its checked columns (no Python rows).

The same table as :func:`claimcorpus.build.rows.claim_rows` encoded by
:func:`claimcorpus.build.tables.to_table`: each claim joined with its verification record (by folder and
claim id; none: null verification columns), release evidence ids (``<doc_id>-<local id>``), the fold of
its sentence, in claim id order. ``is_main`` and ``source_type`` come from the other layers
(:func:`claimcorpus.build.rows.claim_views`, gathered per claim in the same order).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..corpus.claim_columns import ClaimColumns
from ..corpus.layer_columns import folder_keys
from ..schema.table_schema import TableSchema
from .encode import encode_table


def release_ids(lists: pa.ListArray, doc_ids: pa.Array) -> pa.ListArray:
    """Each list's local evidence ids as release ids of the row's document (null lists stay null)."""
    items = pc.binary_join_element_wise(pc.take(doc_ids, pc.list_parent_indices(lists)), pc.list_flatten(lists), "-")
    lengths = pc.fill_null(pc.list_value_length(lists), 0).to_numpy()
    offsets = pa.array(np.concatenate([[0], np.cumsum(lengths)]), pa.int32())
    return pa.ListArray.from_arrays(offsets, items, mask=lists.is_null() if lists.null_count else None)


def claims_table(columns: ClaimColumns, doc_ids: list[str], views: dict[str, list], sentences: pa.Table,
                 schema: TableSchema) -> pa.Table:
    """The encoded ``claims`` table of the batch.

    ``doc_ids``: each folder's document id; ``views``: :attr:`~.batch_rows.BatchRows.claim_views`;
    ``sentences``: the batch's encoded ``sentences`` table (for the folds)."""
    claims, verification = columns.claims.table, columns.verification.table
    matched = verification.take(pc.index_in(folder_keys(claims["doc"], claims["claim_id"]),
                                            value_set=folder_keys(verification["doc"], verification["claim_id"])))
    doc_id = pc.take(pa.array(doc_ids, pa.string()), claims["doc"]).combine_chunks()
    span = claims["span"].combine_chunks()
    sentence_of = pc.index_in(claims["sentence_id"], value_set=sentences["sentence_id"].combine_chunks())
    derived = {
        "doc_id": doc_id, "is_main": pa.array(views["is_main"], pa.bool_()),
        **{f"span_{part}": pc.struct_field(span, part) for part in ("start", "end", "text")},
        "source_type": pa.array(views["source_type"], pa.string()),
        **{name: matched[name] for name in ("verification_status", "attribution_status", "rationale",
                                            "verified_as_of")},
        "evidence_ids": release_ids(matched["evidence"].combine_chunks(), doc_id),
        "fold": pc.take(sentences["fold"], sentence_of),
    }
    raw = pa.table({name: derived[name] if name in derived else claims[name] for name in schema.names})
    return encode_table(raw.take(pc.sort_indices(raw["claim_id"])), schema)
