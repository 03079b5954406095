"""``claimcorpus adjudicate``: build ``gold/`` from annotators' layer files by majority vote.

What is voted, per field (a value needs more than half of the annotators):

* ``sentence_labels``: ``is_claim``, ``check_worthy``, ``claim_type``,
  ``hedge_level``, ``main_claim_id``; declared extra ``label`` layers likewise.
* ``hedge_cues``, ``artifacts`` and extra ``spans`` layers, by exact span: a
  span is kept when a majority marked exactly it (field ``presence``); its
  label fields are voted among the annotators who marked it.

What is not voted: ``sources`` and ``claims`` are taken whole from the
``--base`` annotator. To keep the layers consistent, the base's claims of a
sentence voted not a claim are dropped, and the main claim takes the voted
sentence labels (sentence labels describe the main claim). A voted
``main_claim_id`` or hedge ``holder`` that the base layers do not contain
needs a decision. Ties and such conflicts are settled by the decisions file;
every non-unanimous, decided or derived value is a provenance line in
``gold/adjudication.jsonl``. Nothing is written unless all of it validates.
"""

from __future__ import annotations

from pathlib import Path

from ..corpus.annotations import AnnotatedDocument, load_annotated
from ..corpus.invariants import check_document
from ..corpus.jsonl import dump_jsonl
from ..errors import CorpusError
from ..paths import ANNOTATORS, DECISIONS_NAME, PROVENANCE_NAME, layer_file
from ..schema.jsonschemas import check_record
from ..schema.layers import GOLD, annotator_folder, annotators_of
from .adjudicate_layers import align_claims, vote_labels, vote_spans
from .staging import check_staged_layers, refuse_existing, staged_folder
from .voting import Resolver, load_decisions

BASE_LAYERS = ("sources", "claims")


def load_passes(doc_folder: Path, annotators: list[str] | None) -> dict[str, AnnotatedDocument]:
    """Every annotator's layers, each checked on its own (default: all with sentence labels)."""
    names = annotators or [a for a in annotators_of(doc_folder)
                           if (annotator_folder(doc_folder, a) / layer_file("sentence_labels")).is_file()]
    if len(names) < 2:
        raise CorpusError(doc_folder / ANNOTATORS, "(folder)", "annotators", "two or more annotators", names)
    passes = {}
    for name in names:
        if not annotator_folder(doc_folder, name).is_dir():
            raise CorpusError(annotator_folder(doc_folder, name), "(folder)", "annotator", "an annotator folder",
                              "no folder")
        passes[name] = load_annotated(doc_folder, name)
        check_document(passes[name])
    return passes


def shared_layers(passes: dict[str, AnnotatedDocument]) -> list[str]:
    """Layers every annotator has; a layer only some of them have is an error."""
    names = sorted({layer for doc in passes.values() for layer in doc.layers})
    for layer in names:
        missing = [a for a, doc in passes.items() if layer not in doc.layers]
        if missing and layer not in BASE_LAYERS + ("verification",):
            raise CorpusError(annotator_folder(passes[missing[0]].document.folder, missing[0]) / layer_file(layer),
                              "(file)", layer, "the layer in every annotator's folder (or in none)", "no file")
    return names


def base_layers(passes: dict, base: str | None, resolver: Resolver) -> dict[str, list[dict]]:
    """Sources and claims of the base annotator, with a provenance line per layer."""
    wanted = [layer for layer in BASE_LAYERS if any(layer in doc.layers for doc in passes.values())]
    if wanted and base not in passes:
        raise CorpusError("--base", "(argument)", "base", f"one of the annotators {sorted(passes)} "
                          f"(the {' and '.join(wanted)} are taken from it)", base)
    out = {}
    for layer in wanted:
        if layer in passes[base].layers:
            out[layer] = [dict(rec) for rec in passes[base].layers[layer].records()]
            resolver.record(layer, passes[base].doc_id, "(layer)",
                            {a: len(d.layers[layer].rows) for a, d in passes.items() if layer in d.layers},
                            base, f"taken whole from the base annotator {base} (--base); not voted")
    return out


def gold_layers(passes: dict, base: str | None, resolver: Resolver) -> dict[str, list[dict]]:
    """Every gold layer file's records; undecided items are collected in ``resolver``, not raised."""
    first = next(iter(passes.values()))
    sids = [rec["sentence_id"] for rec in first.sentences.records()]
    layers = shared_layers(passes)
    out = base_layers(passes, base, resolver)
    source_ids = {rec["sentence_id"]: {s["source_id"] for s in rec["sources"]} for rec in out.get("sources", [])}
    claim_ids = {c["claim_id"] for c in out["claims"]} if "claims" in out else None
    label_layers = ["sentence_labels"] + [d.name for d in first.definitions if d.kind == "label"]
    span_layers = ["hedge_cues", "artifacts"] + [d.name for d in first.definitions if d.kind == "spans"]
    for name in (n for n in label_layers if n in layers):
        out[name] = vote_labels(name, passes, sids, resolver, claim_ids)
    for name in (n for n in span_layers if n in layers):
        out[name] = vote_spans(name, passes, sids, resolver, source_ids if "sources" in out else None)
    if "claims" in out and "sentence_labels" in out:
        out["claims"] = align_claims(out["sentence_labels"], out["claims"], base, resolver)
    return out


def adjudicate(doc_folder: Path, annotators: list[str] | None = None, base: str | None = None,
               decisions: Path | None = None, force: bool = False) -> Path:
    """Build ``gold/`` of ``doc_folder``; refuse an existing ``gold/`` unless ``force``."""
    final = annotator_folder(doc_folder, GOLD)
    refuse_existing(final, force, "gold/ folder (it may be hand-adjudicated)")
    decisions = decisions or doc_folder / DECISIONS_NAME
    passes = load_passes(doc_folder, annotators)
    resolver = Resolver(load_decisions(decisions), decisions)
    records = gold_layers(passes, base, resolver)
    resolver.finish()
    with staged_folder(final, doc_folder, keep_existing=True) as tmp:
        for name, recs in records.items():
            dump_jsonl(recs, tmp / layer_file(name))
        for i, line in enumerate(resolver.log, start=1):
            check_record("adjudication", line, final / PROVENANCE_NAME, f"line {i}")
        dump_jsonl(resolver.log, tmp / PROVENANCE_NAME)
        check_staged_layers(doc_folder, tmp, final, GOLD)
    return final
