"""The sentence-level invariants of :mod:`claimcorpus.corpus.invariants`, over the columns of a whole batch.

:func:`sentence_layers_hold` is true exactly when, for every folder, :func:`~.invariants.check_sentences`,
the one-record-per-sentence and span checks of the gold sentence-level layers, :func:`~.invariants.check_sources`
(with unique source ids), :func:`~.invariants.check_hedge_holders`, :func:`~.invariants.check_artifacts`,
:func:`~.invariants.check_claims`, :func:`~.invariants.check_sentence_labels` and
:func:`~.invariants.check_extra_layers` would pass. It says
nothing about which record fails: the caller then reads the batch record by record, which names it.
Comparisons of ids and labels are vectorised; span texts are compared with the document text in Python
(offsets are code points), one slice per span.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..schema.arrow_checks import every, some
from .claim_columns import ClaimColumns
from .document import paragraph_spans
from .layer_columns import FOLDER, LayerColumns, folder_keys, row_keys
from .sentence_columns import SentenceColumns


def all_distinct(keys: pa.Array) -> bool:
    return pc.count_distinct(keys).as_py() == len(keys)


def in_folders(doc: pa.Array, layer: LayerColumns) -> pa.Array:
    """Per row: whether its folder (``doc``) has the layer's file."""
    return pa.array(layer.present(doc))


class BatchSentences:
    """The checked columns of a batch, with what the checks look up: each folder's text, each sentence's bounds."""

    def __init__(self, columns: SentenceColumns, claims: ClaimColumns, doc_ids: list[str], texts: list[str]):
        self.columns, self.claims, self.doc_ids, self.texts = columns, claims, doc_ids, texts
        self.found: dict[str, tuple] = {}  # items of each list layer, once asked for
        table = columns.sentences.table
        self.doc, self.start, self.end = (table[name].combine_chunks() for name in (FOLDER, "start", "end"))

    def sentence_rows(self, doc: pa.Array, sentence_ids: pa.Array) -> pa.Array:
        """The sentence row of each ``(folder, sentence id)`` (null: not a sentence of that folder)."""
        return pc.index_in(folder_keys(doc, sentence_ids), value_set=self.columns.keys)

    def spans_hold(self, spans: pa.StructArray, rows: pa.Array) -> bool:
        """Each non-null span lies in sentence ``rows[i]`` and is the document's text there."""
        valid = spans.is_valid()
        spans, rows = spans.filter(valid), rows.filter(valid)
        start, end = pc.struct_field(spans, "start"), pc.struct_field(spans, "end")
        inside = pc.and_(pc.and_(pc.less_equal(pc.take(self.start, rows), start), pc.less(start, end)),
                         pc.less_equal(end, pc.take(self.end, rows)))
        if rows.null_count or not every(inside):
            return False
        docs = pc.take(self.doc, rows).to_pylist()
        return all(self.texts[d][s:e] == t for d, s, e, t in
                   zip(docs, start.to_pylist(), end.to_pylist(), pc.struct_field(spans, "text").to_pylist()))

    def sentences_hold(self) -> bool:
        """:func:`~.invariants.check_sentences` for every folder."""
        layer = self.columns.sentences
        if any(path is None or n == 0 for path, n in zip(layer.paths, layer.counts)):
            return False
        position = np.arange(len(self.doc)) - np.array(layer.starts[:-1])[self.doc.to_numpy()]
        numbers = pc.utf8_lpad(pc.cast(pa.array(position), pa.string()), 3, "0")
        expected = pc.binary_join_element_wise(pc.take(pa.array(self.doc_ids, pa.string()), self.doc), numbers, "-s")
        if not every(pc.equal(layer.table["sentence_id"], expected)) or not every(
                pc.equal(layer.table["index"], pa.array(position, pa.int32()))):
            return False
        starts, ends, paragraphs, texts = (layer.table[c].to_pylist() for c in ("start", "end", "paragraph", "text"))
        return all(self.tiles(self.texts[i], layer.rows(i), starts, ends, paragraphs, texts)
                   for i in range(len(self.texts)))

    @staticmethod
    def tiles(text: str, rows: slice, starts: list, ends: list, paragraph_of: list, texts: list) -> bool:
        """The sentences ``rows`` of one document cover it in order, each inside its paragraph."""
        paragraphs, previous = paragraph_spans(text), 0
        for i in range(rows.start, rows.stop):
            start, end, paragraph = starts[i], ends[i], paragraph_of[i]
            if not previous <= start < end <= len(text) or text[start:end] != texts[i] or text[previous:start].strip():
                return False
            if paragraph >= len(paragraphs) or not paragraphs[paragraph][0] <= start < end <= paragraphs[paragraph][1]:
                return False
            previous = end
        return not text[previous:].strip()

    def one_per_sentence(self, name: str) -> bool:
        """Every sentence of a folder with the layer's file has exactly one record, and no record another sentence."""
        layer, keys = self.columns.layers[name], self.columns.layer_keys(name)
        expected = sum(n for path, n in zip(layer.paths, self.columns.sentences.counts) if path is not None)
        return len(keys) == expected and all_distinct(keys) and every(pc.is_in(keys, value_set=self.columns.keys))

    def items(self, name: str) -> tuple[pa.StructArray, pa.Array, pa.Array]:
        """The list items of a layer, the layer row of each, and the sentence row of each."""
        if name not in self.found:
            self.found[name] = self.list_items(name)
        return self.found[name]

    def list_items(self, name: str) -> tuple[pa.StructArray, pa.Array, pa.Array]:
        table = self.columns.layers[name].table
        lists = table[name].combine_chunks()
        parents = pc.list_parent_indices(lists)
        rows = pc.take(self.sentence_rows(table[FOLDER], table["sentence_id"]), parents)
        return pc.list_flatten(lists), parents, rows

    def layer_spans_hold(self, name: str) -> bool:
        """:func:`~.invariants.check_sentence_spans` of one layer."""
        items, _, rows = self.items(name)
        parts = [pc.struct_field(items, part) for part in ("mention", "cue")] if name == "sources" else [items]
        return all(self.spans_hold(spans, rows) for spans in parts)

    def sources_hold(self) -> bool:
        """:func:`~.invariants.check_sources` and unique source ids (:func:`~.invariants.source_index`)."""
        table = self.columns.layers["sources"].table
        if some(pc.equal(pc.list_value_length(table["sources"]), 0)):
            return False
        items, parents, _ = self.items("sources")
        ids, parent = pc.struct_field(items, "source_id"), pc.struct_field(items, "parent")
        sentence = pc.take(table["sentence_id"], parents).to_pylist()
        if not all(i.startswith(s + "-src") for i, s in zip(ids.to_pylist(), sentence)):
            return False
        named = parent.is_valid()
        own = folder_keys(parents, ids)
        if some(pc.equal(parent, ids)) or not every(pc.is_in(folder_keys(parents, parent).filter(named),
                                                              value_set=own)):
            return False
        author = pc.equal(pc.struct_field(items, "source_type"), "author")
        if not every(pc.equal(author, pc.equal(pc.struct_field(items, "location"), "author"))):
            return False
        with_mention = pc.and_(author, pc.struct_field(items, "mention").is_valid())
        return not some(with_mention) and all_distinct(folder_keys(pc.take(table[FOLDER], parents), ids))

    def source_sentences(self, doc: pa.Array, source_ids: pa.Array) -> pa.Array:
        """The sentence id each ``(folder, source id)`` belongs to (null: no such source)."""
        table = self.columns.layers["sources"].table
        items, parents, _ = self.items("sources")
        at = pc.index_in(folder_keys(doc, source_ids),
                         value_set=folder_keys(pc.take(table[FOLDER], parents), pc.struct_field(items, "source_id")))
        return pc.take(pc.take(table["sentence_id"], parents), at)

    def hedge_holders_hold(self) -> bool:
        """:func:`~.invariants.check_hedge_holders` in folders that have sources."""
        table = self.columns.layers["hedge_cues"].table
        items, parents, _ = self.items("hedge_cues")
        doc = pc.take(table[FOLDER], parents)
        checked = in_folders(doc, self.columns.layers["sources"])
        holder_sentence = self.source_sentences(doc, pc.struct_field(items, "holder"))
        same = pc.fill_null(pc.equal(holder_sentence, pc.take(table["sentence_id"], parents)), False)
        return every(pc.or_(pc.invert(checked), same))

    def artifacts_hold(self) -> bool:
        """:func:`~.invariants.check_artifacts`: no two artifacts of a sentence overlap."""
        items, parents, _ = self.items("artifacts")
        spans = pa.table({"list": parents, **{c: pc.struct_field(items, c) for c in ("start", "end")}})
        spans = spans.take(pc.sort_indices(spans, sort_keys=[(c, "ascending") for c in spans.column_names]))
        lists, starts, ends = (spans[c].to_numpy() for c in spans.column_names)
        return not np.any((lists[1:] == lists[:-1]) & (starts[1:] < ends[:-1]))

    def claims_hold(self) -> bool:
        """:func:`~.invariants.check_claims` in folders that have claims (sources checked where there are some)."""
        table = self.claims.claims.table
        doc = table[FOLDER].combine_chunks()
        if not all_distinct(folder_keys(doc, table["claim_id"])):
            return False
        rows = self.sentence_rows(doc, table["sentence_id"])
        if rows.null_count or not all(c.startswith(s + "-c") for c, s in zip(table["claim_id"].to_pylist(),
                                                                             table["sentence_id"].to_pylist())):
            return False
        if not self.spans_hold(table["span"].combine_chunks(), rows):
            return False
        checked = in_folders(doc, self.columns.layers["sources"])
        same = pc.fill_null(pc.equal(self.source_sentences(doc, table["source_id"]), table["sentence_id"]), False)
        return every(pc.or_(pc.invert(checked), same))

    def labels_hold(self) -> bool:
        """:func:`~.invariants.check_sentence_labels` (with the claims, in folders that have them)."""
        labels = self.columns.layers["sentence_labels"].table
        is_claim, main = labels["is_claim"], labels["main_claim_id"]
        if some(pc.and_(labels["check_worthy"], pc.invert(is_claim))) or some(
                pc.equal(is_claim, pc.equal(labels["claim_type"], "not_claim"))) or some(
                pc.equal(main.is_null(), is_claim)):
            return False
        claims = self.claims.claims.table
        doc = labels[FOLDER]
        with_claims = in_folders(doc, self.claims.claims)
        at = pc.index_in(folder_keys(doc, main), value_set=row_keys(claims, "claim_id"))
        checked = pc.and_(with_claims, main.is_valid())
        if some(pc.and_(checked, at.is_null())):
            return False
        matched = claims.take(at)
        for name in ("sentence_id", "claim_type", "check_worthy", "hedge_level"):
            if some(pc.and_(checked, pc.not_equal(matched[name], labels[name]))):
                return False
        claimed = pc.is_in(folder_keys(doc, labels["sentence_id"]),
                           value_set=row_keys(claims, "sentence_id"))
        return not some(pc.and_(pc.and_(with_claims, pc.invert(is_claim)), claimed))


def sentence_layers_hold(columns: SentenceColumns, claims: ClaimColumns, doc_ids: list[str], texts: list[str],
                         sentences_checked: bool = False) -> bool:
    """Whether every sentence-level invariant holds for every folder (see the module).

    ``doc_ids`` and ``texts``: each folder's document id and text; ``sentences_checked``: the sentences
    themselves were checked already (an annotator pass shares the gold's)."""
    batch = BatchSentences(columns, claims, doc_ids, texts)
    if not (sentences_checked or batch.sentences_hold()) or not all(batch.one_per_sentence(name)
                                                                    for name in columns.layers):
        return False
    spans = ["sources", "hedge_cues", "artifacts"] + [d.name for d in columns.definitions if d.kind == "spans"]
    if not all(batch.layer_spans_hold(name) for name in spans):
        return False
    return (batch.sources_hold() and batch.hedge_holders_hold() and batch.artifacts_hold() and batch.claims_hold()
            and batch.labels_hold())
