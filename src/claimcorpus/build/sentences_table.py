"""The ``sentences`` config of a batch built from its checked columns (no Python rows).

The same table as :func:`claimcorpus.build.rows.sentence_rows` encoded by
:func:`claimcorpus.build.tables.to_table`: each sentence joined with its gold sentence-level records (by
folder and sentence id; a folder without the file: null columns), its claims (sorted ids) and its main
claim's source and verification, in sentence id order. Lists keep the order the rows give them (sources as
in the file; hedge cues and artifacts sorted by span, stably). Only ``text_clean`` is computed in Python,
for the sentences of folders that have artifacts.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..corpus.claim_columns import ClaimColumns
from ..corpus.layer_columns import FOLDER, folder_keys, list_offsets, relisted, row_keys, sorted_within
from ..corpus.sentence_columns import SentenceColumns
from ..corpus.textclean import clean_text
from ..schema.labels import ANONYMOUS_SOURCE_TYPES, UNCERTAIN_STRICT, UNCERTAIN_WITH_ATTRIBUTED
from ..schema.table_schema import TableSchema
from .encode import encode_table


def restructured(items: pa.StructArray, item_type: pa.StructType, columns: dict[str, pa.Array]) -> pa.StructArray:
    """``items`` as structs of ``item_type``: its fields by name, or from ``columns``."""
    children = [columns[f.name] if f.name in columns else pc.struct_field(items, f.name) for f in item_type]
    return pa.StructArray.from_arrays(children, fields=list(item_type))


def item_lists(lists: pa.ListArray, item_type: pa.StructType, by: list[str]) -> pa.ListArray:
    """Span lists (hedge cues, artifacts) as the release has them: sorted by ``by``, without notes."""
    lists = sorted_within(lists, by)
    return relisted(lists, restructured(pc.list_flatten(lists), item_type, {}))


def source_lists(lists: pa.ListArray, item_type: pa.StructType) -> pa.ListArray:
    """Source lists as the release has them (:func:`~claimcorpus.build.rows.source_row`): spans flattened,
    countries sorted, no notes."""
    items = pc.list_flatten(lists)
    spans = {f"{part}_{name}": pc.struct_field(pc.struct_field(items, part), name)
             for part in ("mention", "cue") for name in ("start", "end", "text")}
    countries = sorted_within(pc.struct_field(items, "countries"))
    return relisted(lists, restructured(items, item_type, {**spans, "countries": countries}))


def any_within(lists: pa.ListArray, flags: pa.Array) -> pa.Array:
    """Per list, whether any item's flag is true (``flags``: one per item; an empty list: false)."""
    hits = np.bincount(pc.list_parent_indices(lists).to_numpy(), weights=flags.to_numpy(zero_copy_only=False),
                       minlength=len(lists))
    return pa.array(hits > 0, mask=lists.is_null().to_numpy(zero_copy_only=False))


def item_type(schema: TableSchema, column: str) -> pa.StructType:
    return schema.raw.field(column).type.value_type


def label_columns(columns: SentenceColumns) -> dict[str, pa.Array]:
    """The sentence labels and what the rows derive from them (null where a sentence has none)."""
    out = {name: columns.column("sentence_labels", name)
           for name in ("is_claim", "check_worthy", "claim_type", "hedge_level", "main_claim_id")}
    labelled, hedge = out["is_claim"].is_valid(), out["hedge_level"]
    out["claimbuster_label"] = pc.if_else(out["check_worthy"], "CFS", pc.if_else(out["is_claim"], "UFS", "NFS"))
    for name, levels in (("uncertain", UNCERTAIN_STRICT), ("uncertain_incl_attributed", UNCERTAIN_WITH_ATTRIBUTED)):
        out[name] = pc.if_else(labelled, pc.is_in(hedge, value_set=pa.array(levels)), pa.scalar(None, pa.bool_()))
    return out


def claim_id_lists(columns: SentenceColumns, claims: ClaimColumns) -> pa.ListArray:
    """Each sentence's claim ids, sorted; null where its folder has no claims file."""
    table = claims.claims.table
    row = pc.index_in(row_keys(table, "sentence_id"), value_set=columns.keys)
    found = row.is_valid()
    row, ids = row.filter(found).to_numpy(), table["claim_id"].combine_chunks().filter(found)
    order = pc.sort_indices(pa.table({"row": row, "id": ids}), sort_keys=[("row", "ascending"), ("id", "ascending")])
    offsets = list_offsets(np.bincount(row, minlength=len(columns.keys)))
    no_file = ~claims.claims.present(columns.sentences.table[FOLDER])
    return pa.ListArray.from_arrays(offsets, ids.take(order), mask=pa.array(no_file) if no_file.any() else None)


def first_items(lists: pa.ListArray) -> pa.Array:
    """Each list's first item (null for a null or empty list)."""
    lengths = pc.fill_null(pc.list_value_length(lists), 0).to_numpy()
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    at = pa.array(starts, pa.int64(), mask=lengths == 0)
    return pc.take(pc.list_flatten(lists), at)


def primary_source_types(sources: pa.ListArray, main_source: pa.Array) -> pa.Array:
    """The type of each sentence's primary source: its main claim's source, else its first (null: no sources)."""
    items = pc.list_flatten(sources)
    chosen = pc.coalesce(main_source, pc.struct_field(first_items(sources), "source_id"))
    rows = pa.array(np.arange(len(sources)), pa.int64())
    at = pc.index_in(folder_keys(rows, chosen),
                     value_set=folder_keys(pc.list_parent_indices(sources), pc.struct_field(items, "source_id")))
    return pc.take(pc.struct_field(items, "source_type"), at)


def main_claim_views(columns: SentenceColumns, claims: ClaimColumns, labels: dict[str, pa.Array],
                     sources: pa.ListArray) -> dict[str, pa.Array]:
    """Primary source type and verification of each sentence, through its main claim."""
    main = folder_keys(columns.sentences.table[FOLDER], labels["main_claim_id"])
    claim, verification = claims.claims.table, claims.verification.table
    main_source = pc.take(claim["source_id"], pc.index_in(main, value_set=row_keys(claim, "claim_id")))
    checked = verification.take(pc.index_in(main, value_set=row_keys(verification, "claim_id")))
    not_claim = pc.fill_null(pc.invert(labels["is_claim"]), False)
    return {"primary_source_type": primary_source_types(sources, main_source),
            "verification_status": pc.if_else(not_claim, "not_checkable", checked["verification_status"]),
            "attribution_status": pc.if_else(not_claim, "not_applicable", checked["attribution_status"])}


def clean_texts(sentences: pa.Table, artifacts: pa.ListArray) -> pa.Array:
    """``text_clean`` of each sentence that has an artifacts record (null for the others)."""
    texts, starts = sentences["text"].to_pylist(), sentences["start"].to_pylist()
    return pa.array([None if arts is None else clean_text(text, start, arts)
                     for text, start, arts in zip(texts, starts, artifacts.to_pylist())], pa.string())


def extra_columns(columns: SentenceColumns, schema: TableSchema) -> dict[str, pa.Array]:
    """The declared extra layers' columns (:func:`~claimcorpus.build.rows.extra_layer_values`): a label, or
    spans sorted by (start, end)."""
    out = {}
    for defn in columns.definitions:
        values = columns.column(defn.name, defn.name)
        out[defn.name] = item_lists(values, item_type(schema, defn.name), ["start", "end"]) \
            if defn.kind == "spans" else values
    return out


def sentences_table(columns: SentenceColumns, claims: ClaimColumns, doc_ids: list[str], folds: list[int],
                    schema: TableSchema) -> pa.Table:
    """The encoded ``sentences`` table of the batch.

    ``doc_ids``: each folder's document id; ``folds``: each sentence row's fold (batch order)."""
    sentences = columns.sentences.table
    labels = label_columns(columns)
    sources, artifacts = columns.column("sources", "sources"), columns.column("artifacts", "artifacts")
    anonymous = pc.is_in(pc.struct_field(pc.list_flatten(sources), "source_type"),
                         value_set=pa.array(ANONYMOUS_SOURCE_TYPES))
    derived = {
        "doc_id": pc.take(pa.array(doc_ids, pa.string()), sentences[FOLDER]),
        "text_clean": clean_texts(sentences, artifacts),
        "artifacts": item_lists(artifacts, item_type(schema, "artifacts"), ["start"]),
        **labels,
        "claim_ids": claim_id_lists(columns, claims),
        "sources": source_lists(sources, item_type(schema, "sources")),
        "has_anonymous_source": any_within(sources, anonymous),
        "hedge_cues": item_lists(columns.column("hedge_cues", "hedge_cues"), item_type(schema, "hedge_cues"),
                                 ["start", "end"]),
        **main_claim_views(columns, claims, labels, sources),
        "fold": pa.array(folds, pa.int8()),
        **extra_columns(columns, schema),
    }
    raw = pa.table({name: derived[name] if name in derived else sentences[name] for name in schema.names})
    return encode_table(raw.take(pc.sort_indices(raw["sentence_id"])), schema)
