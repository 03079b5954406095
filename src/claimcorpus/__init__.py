"""claimcorpus: a sentence-level news claim dataset and the code that builds and checks it.

The public API is listed in ``__all__`` and imported lazily, so the command
line starts without loading every dependency:

- :func:`build_release` builds, verifies and publishes ``dataset/`` and the cards (``claimcorpus build``);
- :func:`write_tables` is the build chain alone (annotations -> validated Parquet shards);
- :func:`load_corpus` / :func:`load_annotated` load and check annotation folders;
- :func:`read_release` and :func:`verify_release` read and re-check a release;
- :func:`read_config` reads one config with label names (pandas, polars or Arrow), and
  :func:`duckdb_view_sql` gives a DuckDB view of it with label names;
- :func:`recover` finishes or removes what an interrupted build left;
- :class:`CorpusError` is the one error type of rejected input; :class:`WorkerDied` stops a build
  whose worker process died (nothing is written).
"""

from importlib import import_module

_EXPORTS = {
    "AnnotatedDocument": "corpus.annotations",
    "CorpusError": "errors",
    "INVENTORIES": "schema.labels",
    "LayerDefinition": "schema.layer_defs",
    "ReleaseBuilt": "build.release_build",
    "WorkerDied": "errors",
    "build_release": "build.release_build",
    "duckdb_view_sql": "release.labelled",
    "load_annotated": "corpus.annotations",
    "load_corpus": "corpus.corpus",
    "read_config": "release.labelled",
    "read_release": "release.release",
    "recover": "release.publish",
    "verify_release": "validate.verify",
    "write_tables": "build.chain",
}
__all__ = sorted(_EXPORTS)
__version__ = "0.3.0"
#: Date of this version of the release (Croissant ``datePublished``).
__release_date__ = "2026-12-01"


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'claimcorpus' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
