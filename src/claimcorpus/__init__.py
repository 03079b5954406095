"""claimcorpus: a sentence-level news claim dataset and the code that builds and checks it.

The public API is re-exported here and imported lazily, so the command line
starts without loading every dependency.
"""

from importlib import import_module

_EXPORTS = {
    "AnnotatedDocument": "corpus.annotations", "load_annotated": "corpus.annotations", "CorpusError": "errors",
    "INVENTORIES": "schema.labels", "build": "build.pipeline", "build_tables": "build.pipeline",
    "load_corpus": "build.pipeline", "verify_release": "release.release", "LayerDefinition": "schema.layer_defs",
}
__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'claimcorpus' has no attribute {name!r}")
