"""Checks of the release tables against each other and the document text: spans, derived fields, ids."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from pathlib import Path

import pyarrow as pa

from ..corpus.textclean import clean_text
from ..errors import CorpusError
from ..schema.features import PASS_FIELDS, configs_for
from ..schema.labels import (
    ANONYMOUS_SOURCE_TYPES,
    INVENTORIES,
    UNCERTAIN_STRICT,
    UNCERTAIN_WITH_ATTRIBUTED,
    claimbuster_label,
)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def name(inventory: str, code):
    return None if code is None else INVENTORIES[inventory][code]


def short(value):
    """``value`` itself, or the start of its repr when long (for the one-line message)."""
    text = repr(value)
    return value if len(text) <= 120 else text[:117] + "..."


def first_difference(expected, found, path: str = "") -> tuple[str, object, object] | None:
    """``(path, expected, found)`` of the first difference between two JSON values."""
    if isinstance(expected, dict) and isinstance(found, dict):
        for key in list(expected) + [k for k in found if k not in expected]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in found or key not in expected:
                return sub, expected.get(key, "(absent)"), found.get(key, "(absent)")
            diff = first_difference(expected[key], found[key], sub)
            if diff:
                return diff
        return None
    if isinstance(expected, list) and isinstance(found, list) and len(expected) == len(found):
        for i, (a, b) in enumerate(zip(expected, found)):
            diff = first_difference(a, b, f"{path}[{i}]")
            if diff:
                return diff
        return None
    return None if expected == found else (path or "(document)", expected, found)


def check_config_files(folder: Path, manifest: dict) -> None:
    """The manifest's ``configs`` name exactly the files of each config."""
    from ..release.release import MANIFEST, config_entry

    for config, entry in manifest["configs"].items():
        found = config_entry(folder, config)
        if entry != found:
            raise CorpusError(folder / MANIFEST, f"configs.{config}", "configs", f"the files present: {found}", entry)


def check_schema_metadata(tables: dict[str, pa.Table], files: dict[str, str], definitions) -> None:
    """Each table carries its config's ``datasets`` features (what ``load_dataset`` reads the labels from)."""
    configs = configs_for(definitions)
    for config, table in tables.items():
        if table.schema.metadata != configs[config].arrow_schema.metadata:
            raise CorpusError(files[config], "(schema)", "(metadata)", "the datasets features of the config",
                              "different schema metadata")


def check_span(span: dict, text: str, bounds: tuple[int, int], file: str, record: str, field: str,
               keys=("start", "end", "text")) -> None:
    """``bounds[0] <= start < end <= bounds[1]`` and ``text[start:end]`` is the span's text.

    Errors name ``<field>.<key>`` (just ``<key>`` for a top-level span such as a claim's)."""
    start, end, value = (span[k] for k in keys)
    prefix = f"{field}." if field else ""
    if not (isinstance(start, int) and isinstance(end, int) and bounds[0] <= start < end <= bounds[1]):
        bad = keys[1] if isinstance(start, int) and bounds[0] <= start < bounds[1] else keys[0]
        raise CorpusError(file, record, prefix + bad, f"{bounds[0]} <= start < end <= {bounds[1]}", [start, end])
    if text[start:end] != value:
        raise CorpusError(file, record, prefix + keys[2], f"document text[{start}:{end}] = {text[start:end]!r}",
                          value)


def check_optional_span(item: dict, prefix: str, text: str, bounds, file: str, record: str, field: str) -> None:
    keys = (f"{prefix}_start", f"{prefix}_end", f"{prefix}_text")
    values = [item[k] for k in keys]
    if all(v is None for v in values):
        return
    if any(v is None for v in values):
        raise CorpusError(file, record, (f"{field}." if field else "") + keys[0],
                          "start, end and text all set or all null", values)
    check_span(item, text, bounds, file, record, field, keys)


def check_sentences(sentences: list[dict], texts: dict[str, str], file: str, definitions) -> None:
    """Nested spans of every sentence and its ``text_clean``."""
    span_layers = [d.name for d in definitions if d.kind == "spans"]
    for i, row in enumerate(sentences):
        record, text = f"row {i} ({row['sentence_id']})", texts[row["doc_id"]]
        bounds = (row["start"], row["end"])
        for layer in ("artifacts", "hedge_cues", *span_layers):
            for j, item in enumerate(row[layer] or []):
                check_span(item, text, bounds, file, record, f"{layer}[{j}]")
        for j, source in enumerate(row["sources"] or []):
            for part in ("mention", "cue"):
                check_optional_span(source, part, text, bounds, file, record, f"sources[{j}]")
        clean = None if row["artifacts"] is None else clean_text(row["text"], row["start"], row["artifacts"])
        if row["text_clean"] != clean:
            raise CorpusError(file, record, "text_clean", f"{clean!r} (the text with its artifacts corrected)",
                              row["text_clean"])


def sentence_views(row: dict, claims_of: dict[str, list[dict]]) -> dict:
    """The fields of a sentence the build derives from its other fields and its claims."""
    is_claim, hedge = row["is_claim"], name("hedge_level", row["hedge_level"])
    out = {"claimbuster_label": None if is_claim is None else claimbuster_label(is_claim, row["check_worthy"]),
           "uncertain": None if hedge is None else hedge in UNCERTAIN_STRICT,
           "uncertain_incl_attributed": None if hedge is None else hedge in UNCERTAIN_WITH_ATTRIBUTED}
    claims = {c["claim_id"]: c for c in claims_of.get(row["sentence_id"], [])}
    if row["claim_ids"] is not None:
        out["claim_ids"] = sorted(claims)
    sources = row["sources"]
    out["has_anonymous_source"] = None if sources is None else \
        any(name("source_type", s["source_type"]) in ANONYMOUS_SOURCE_TYPES for s in sources)
    main = claims.get(row["main_claim_id"]) if row["main_claim_id"] else None
    primary = None
    if sources:
        source_id = main["source_id"] if main else sources[0]["source_id"]
        primary = next((name("source_type", s["source_type"]) for s in sources if s["source_id"] == source_id), None)
    out["primary_source_type"] = primary
    if is_claim is False:
        out["verification_status"], out["attribution_status"] = "not_checkable", "not_applicable"
    elif main is not None and main["verification_status"] is not None:
        out["verification_status"] = name("verification_status", main["verification_status"])
        out["attribution_status"] = name("attribution_status", main["attribution_status"])
    return out


LABELLED = {"claimbuster_label": "claimbuster_label", "primary_source_type": "source_type",
            "verification_status": "verification_status", "attribution_status": "attribution_status"}


def check_sentence_views(sentences: list[dict], claims: list[dict], file: str) -> None:
    claims_of: dict[str, list[dict]] = defaultdict(list)
    for claim in claims:
        claims_of[claim["sentence_id"]].append(claim)
    for i, row in enumerate(sentences):
        for field, expected in sentence_views(row, claims_of).items():
            found = name(LABELLED[field], row[field]) if field in LABELLED else row[field]
            if found != expected:
                raise CorpusError(file, f"row {i} ({row['sentence_id']})", field,
                                  f"{expected!r} (derived by the build)", found)


def check_claims(claims: list[dict], sentences: dict[str, dict], texts: dict[str, str], file: str) -> None:
    """Claim spans, and the fields each claim takes from its sentence."""
    for i, claim in enumerate(claims):
        record, sentence = f"row {i} ({claim['claim_id']})", sentences[claim["sentence_id"]]
        check_optional_span(claim, "span", texts[claim["doc_id"]], (sentence["start"], sentence["end"]), file,
                            record, "")
        types = {s["source_id"]: s["source_type"] for s in sentence["sources"] or []}
        expected = {"doc_id": sentence["doc_id"], "fold": sentence["fold"],
                    "source_type": types.get(claim["source_id"])}
        if sentence["main_claim_id"] is not None or sentence["is_claim"] is not None:
            expected["is_main"] = claim["claim_id"] == sentence["main_claim_id"]
        for field, value in expected.items():
            if claim[field] != value:
                raise CorpusError(file, record, field, f"{value!r} (from sentence {sentence['sentence_id']})",
                                  claim[field])


def check_evidence(evidence: list[dict], claims: list[dict], file: str) -> None:
    cited: dict[str, list[str]] = defaultdict(list)
    for claim in claims:
        for ev in claim["evidence_ids"] or []:
            cited[ev].append(claim["claim_id"])
    for i, ev in enumerate(evidence):
        expected = sorted(cited.get(ev["evidence_id"], []))
        if ev["cited_by"] != expected:
            raise CorpusError(file, f"row {i} ({ev['evidence_id']})", "cited_by",
                              f"{expected} (the claims citing it)", ev["cited_by"])


def check_annotator_labels(labels: list[dict], sentences: dict[str, dict], file: str) -> None:
    """Ids, documents, annotator counts and agreement shares of the ``annotator_labels`` rows."""
    by_sentence: dict[str, list[dict]] = defaultdict(list)
    for row in labels:
        by_sentence[row["sentence_id"]].append(row)
    for i, row in enumerate(labels):
        record, given = f"row {i} ({row['annotation_id']})", by_sentence[row["sentence_id"]]
        expected = {"annotation_id": f"{row['sentence_id']}/{row['annotator']}",
                    "doc_id": sentences[row["sentence_id"]]["doc_id"], "n_annotators": len(given)}
        for field in PASS_FIELDS:
            top = Counter(r[field] for r in given).most_common(1)[0][1]
            expected[f"agreement_{field}"] = round(top / len(given), 4)
        for field, value in expected.items():
            found = row[field]
            same = abs(found - value) < 1e-6 if isinstance(value, float) and found is not None else found == value
            if not same:
                raise CorpusError(file, record, field, f"{value!r} (from the rows of sentence {row['sentence_id']})",
                                  found)
