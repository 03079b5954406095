"""The ``annotator_labels`` config of a batch built from its annotator passes' checked columns.

The same table as :func:`claimcorpus.build.annotator_labels.pass_rows` encoded by
:func:`claimcorpus.build.tables.to_table`: one row per (sentence, annotator) with the annotator's labels,
the sentence's number of annotators and, per field, the share of them who gave its most frequent value
(rounded to 4 places as Python rounds it), in annotation id order. The rows of documents whose passes are
read record by record (:attr:`~claimcorpus.build.pass_columns.BatchPasses.by_records`) come encoded from
their rows and are merged in.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from ..corpus.layer_columns import FOLDER, folder_keys
from ..schema.configs import PASS_FIELDS
from ..schema.table_schema import TableSchema
from .encode import encode_table
from .pass_columns import BatchPasses


def pass_labels(passes: BatchPasses) -> pa.Table:
    """Every pass's labels, with its batch ``position`` and ``annotator`` (documents read by records left out)."""
    parts = []
    for found in passes.passes:
        labels = found.sentences.layers["sentence_labels"].table
        parts.append(pa.table({
            "position": pc.take(pa.array(found.positions, pa.int32()), labels[FOLDER]),
            "sentence_id": labels["sentence_id"], "annotator": pa.array([found.name] * labels.num_rows, pa.string()),
            **{name: labels[name] for name in PASS_FIELDS}}))
    table = pa.concat_tables(parts)
    by_records = pa.array(sorted(passes.by_records), pa.int32())
    return table.filter(pc.invert(pc.is_in(table["position"], value_set=by_records)))


def per_sentence(keys: pa.Array, groups: pa.Table, column: str) -> pa.Array:
    """``groups[column]`` (one row per sentence key ``groups["key"]``) for each of ``keys``."""
    return pc.take(groups[column], pc.index_in(keys, value_set=groups["key"]))


def shares(most: pa.Array, annotators: pa.Array) -> pa.Array:
    """``round(most / annotators, 4)`` as Python computes it (once per distinct pair), as ``float32``."""
    pairs = sorted(set(zip(most.to_pylist(), annotators.to_pylist())))
    values = pa.array([round(m / n, 4) for m, n in pairs], pa.float32())
    at = pc.index_in(folder_keys(most, pc.cast(annotators, pa.string())),
                     value_set=pa.array([f"{m}|{n}" for m, n in pairs], pa.string()))
    return pc.take(values, at)


def agreement_columns(table: pa.Table) -> dict[str, pa.Array]:
    """``n_annotators`` and ``agreement_<field>`` of each row's sentence."""
    keyed = table.append_column("key", folder_keys(table["position"], table["sentence_id"]))
    keys = keyed["key"].combine_chunks()
    counted = keyed.group_by("key", use_threads=False).aggregate([([], "count_all")])
    annotators = per_sentence(keys, counted, "count_all")
    out = {"n_annotators": annotators}
    for name in PASS_FIELDS:
        values = keyed.group_by(["key", name], use_threads=False).aggregate([([], "count_all")])
        most = values.group_by("key", use_threads=False).aggregate([("count_all", "max")])
        out[f"agreement_{name}"] = shares(per_sentence(keys, most, "count_all_max"), annotators)
    return out


def annotator_table(passes: BatchPasses, doc_ids: list[str], from_rows: pa.Table, schema: TableSchema) -> pa.Table:
    """The encoded ``annotator_labels`` table of the batch (``from_rows``: the encoded rows of the documents
    whose passes were read record by record)."""
    if not passes.passes:
        return from_rows
    table = pass_labels(passes)
    derived = {"annotation_id": pc.binary_join_element_wise(table["sentence_id"], table["annotator"], "/"),
               "doc_id": pc.take(pa.array(doc_ids, pa.string()), table["position"]), **agreement_columns(table)}
    raw = pa.table({name: derived[name] if name in derived else table[name] for name in schema.names})
    merged = pa.concat_tables([encode_table(raw, schema), from_rows])
    return merged.take(pc.sort_indices(merged["annotation_id"])).combine_chunks()
