"""The ``claims`` config of a batch built from its checked columns (no Python rows).

The same table as :func:`claimcorpus.build.rows.claim_rows` encoded by
:func:`claimcorpus.build.tables.to_table`: each claim joined with its verification record (by folder and
claim id; none: null verification columns), release evidence ids (``<doc_id>-<local id>``), the fold of
its sentence, in claim id order. ``is_main`` and ``source_type`` come from the other layers
(:func:`claimcorpus.build.rows.claim_views`, gathered per claim in the same order).
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from ..corpus.claim_columns import ClaimColumns
from ..corpus.layer_columns import FOLDER, folder_keys, relisted, row_keys
from ..corpus.sentence_columns import SentenceColumns
from ..schema.table_schema import TableSchema
from .encode import encode_table


def release_ids(lists: pa.ListArray, doc_ids: pa.Array) -> pa.ListArray:
    """Each list's local evidence ids as release ids of the row's document (null lists stay null)."""
    return relisted(lists, pc.binary_join_element_wise(pc.take(doc_ids, pc.list_parent_indices(lists)),
                                                       pc.list_flatten(lists), "-"))


def column_views(claims: ClaimColumns, sentences: SentenceColumns) -> dict[str, pa.Array]:
    """:func:`~claimcorpus.build.rows.claim_views` of every claim, from the checked sentence-level columns."""
    table = claims.claims.table
    labels, sources = sentences.layers["sentence_labels"].table, sentences.layers["sources"].table
    claim_keys = row_keys(table, "claim_id")
    is_main = pc.is_in(claim_keys, value_set=row_keys(labels, "main_claim_id").drop_null())
    lists = sources["sources"].combine_chunks()
    items, parents = pc.list_flatten(lists), pc.list_parent_indices(lists)
    source_keys = folder_keys(pc.take(sources[FOLDER], parents), pc.struct_field(items, "source_id"))
    at = pc.index_in(row_keys(table, "source_id"), value_set=source_keys)
    return {"is_main": is_main, "source_type": pc.take(pc.struct_field(items, "source_type"), at)}


def as_array(values: list | pa.Array, kind: pa.DataType) -> pa.Array:
    return values if isinstance(values, pa.Array) else pa.array(values, kind)


def claims_table(columns: ClaimColumns, doc_ids: list[str], views: dict[str, list | pa.Array], sentences: pa.Table,
                 schema: TableSchema) -> pa.Table:
    """The encoded ``claims`` table of the batch.

    ``doc_ids``: each folder's document id; ``views``: :attr:`~.batch_rows.BatchRows.claim_views`;
    ``sentences``: the batch's encoded ``sentences`` table (for the folds)."""
    claims, verification = columns.claims.table, columns.verification.table
    matched = verification.take(pc.index_in(row_keys(claims, "claim_id"),
                                            value_set=row_keys(verification, "claim_id")))
    doc_id = pc.take(pa.array(doc_ids, pa.string()), claims[FOLDER]).combine_chunks()
    span = claims["span"].combine_chunks()
    sentence_of = pc.index_in(claims["sentence_id"], value_set=sentences["sentence_id"].combine_chunks())
    derived = {
        "doc_id": doc_id, "is_main": as_array(views["is_main"], pa.bool_()),
        **{f"span_{part}": pc.struct_field(span, part) for part in ("start", "end", "text")},
        "source_type": as_array(views["source_type"], pa.string()),
        **{name: matched[name] for name in ("verification_status", "attribution_status", "rationale",
                                            "verified_as_of")},
        "evidence_ids": release_ids(matched["evidence"].combine_chunks(), doc_id),
        "fold": pc.take(sentences["fold"], sentence_of),
    }
    raw = pa.table({name: derived[name] if name in derived else claims[name] for name in schema.names})
    return encode_table(raw.take(pc.sort_indices(raw["claim_id"])), schema)
