"""What ``validate`` re-checks beyond checksums and schemas: everything the build guarantees.

From the Parquet tables and the document text alone:

* every nested span (source mention and cue, hedge cues, artifacts, spans of
  declared extra layers, claim spans) lies in its sentence and
  ``documents.text[start:end] == text``;
* ``text_clean`` equals :func:`claimcorpus.corpus.textclean.clean_text` of the
  sentence and its artifacts;
* the fields the build derives: ``annotator_labels`` ids, counts and agreement
  shares, ClaimBuster label, uncertainty flags, ``claim_ids``,
  ``has_anonymous_source``, primary source type, the sentence's verification
  through its main claim, the claims' ``is_main``, ``doc_id``, ``fold`` and
  ``source_type``, the evidence's ``cited_by``, the documents' counts;
* the document hashes: ``text_sha256`` is the sha256 of ``text``; with a body
  offset of 0 ``source_sha256`` is the same, and when the project's
  ``annotations/`` sit beside the release, ``source_sha256`` and ``body_offset``
  equal those of the document's ``document.json`` (the source header is not in
  the release, so that is the only place to recompute it from);
* the manifest's ``configs`` name the config files present, the tables carry
  the ``datasets`` features as schema metadata;
* ``croissant.json`` equals the Croissant document recomputed from the files
  (its sha256 values then vouch for the Parquet bytes) and the card's YAML
  header equals the one recomputed from the tables.

:func:`errors_located` turns what a damaged release may still raise deep in a
library into the one-line error naming the release folder.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pyarrow as pa

from ..build.crosscheck import check_release_tables
from ..build.step_clock import no_timer
from ..errors import CorpusError
from ..paths import MANIFEST
from ..release.parquet_io import READ_ERRORS, parquet_rows
from ..release.release import config_location, read_manifest, read_tables, verify_files
from ..release.shards import shard_files
from ..schema.features import CONFIGS, configs_for
from ..schema.layer_defs import parse_definition
from ..schema.pandera_checks import validate_table
from .metadata_checks import CARD, CROISSANT, check_card, check_croissant, check_documents
from .table_checks import (
    check_annotator_labels,
    check_claims,
    check_config_files,
    check_evidence,
    check_schema_metadata,
    check_sentence_views,
    check_sentences,
)


def errors_located(func):
    """Any exception but a CorpusError raised by ``func(folder, ...)`` becomes one naming ``folder``."""
    @functools.wraps(func)
    def wrapper(folder: Path, *args, **kwargs):
        try:
            return func(folder, *args, **kwargs)
        except (*READ_ERRORS, UnicodeError, AttributeError, AssertionError) as exc:
            message = " ".join(str(exc).split())[:200]
            raise CorpusError(folder, "(release)", "(content)", "a release that claimcorpus validate can read",
                              f"{type(exc).__name__}: {message}") from None
    return wrapper


def deep_check_release(folder: Path, manifest: dict, tables: dict[str, pa.Table], files: dict[str, str],
                       definitions=(), complete: bool = False) -> None:
    """Every deep check; ``croissant.json`` and the card when the manifest lists them, or always with
    ``complete`` (a release written by ``claimcorpus build``, as ``claimcorpus validate`` expects)."""
    check_config_files(folder, manifest)
    check_schema_metadata(tables, files, definitions)
    rows = {config: table.to_pylist() for config, table in tables.items()}
    texts = {d["doc_id"]: d["text"] for d in rows["documents"]}
    sentences = {s["sentence_id"]: s for s in rows["sentences"]}
    check_sentences(rows["sentences"], texts, files["sentences"], definitions)
    check_sentence_views(rows["sentences"], rows["claims"], files["sentences"])
    check_claims(rows["claims"], sentences, texts, files["claims"])
    check_evidence(rows["evidence"], rows["claims"], files["evidence"])
    check_annotator_labels(rows["annotator_labels"], sentences, files["annotator_labels"])
    check_documents(rows, files["documents"], folder.parent / "annotations" / "documents")
    listed = {entry["path"] for entry in manifest["files"]}
    if complete or CARD in listed:
        check_card(folder, tables)
    if complete or CROISSANT in listed:  # after the card: its description and citation come from the card
        check_croissant(folder, tables)


def check_shard_rows(folder: Path, config: str, rows: dict[str, int]) -> None:
    """Each shard of ``config`` holds the rows the manifest records for it."""
    for path in shard_files(folder, config):
        found = parquet_rows(path)
        expected = rows[path.relative_to(folder).as_posix()]
        if found != expected:
            raise CorpusError(str(path), "(file)", "rows", expected, found)


@errors_located
def verify_release(folder: Path, complete: bool = False, clock=no_timer) -> dict[str, pa.Table]:
    """Checksums, row counts, Arrow schemas, pandera schemas, cross-table invariants, then the deep checks.

    The deep checks (:mod:`.table_checks`, :mod:`.metadata_checks`) cover nested spans, derived fields,
    hashes, the Croissant file and the card; with ``complete`` the Croissant file and card must be there.
    ``clock`` (a :class:`claimcorpus.build.step_clock.StepClock`) times them as ``"deep checks"``."""
    manifest = read_manifest(folder)
    verify_files(folder, manifest)
    tables = read_tables(folder)
    rows = {e["path"]: e["rows"] for e in manifest["files"]}
    files = {config: config_location(folder, config) for config in CONFIGS}
    definitions = [parse_definition(d, str(folder / MANIFEST)) for d in manifest.get("extra_layers", [])]
    configs = configs_for(definitions)
    for config, table in tables.items():
        check_shard_rows(folder, config, rows)
        validate_table(config, table, files[config], configs[config], definitions)
    check_release_tables(tables, files)
    with clock("deep checks"):
        deep_check_release(folder, manifest, tables, files, definitions, complete)
    return tables
